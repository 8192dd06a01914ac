import "server-only";
/**
 * Data sources admin: configure sources (secrets encrypted, never returned), run syncs, follow runs, work the
 * quarantine (fix + replay, or discard) and replay whole payloads. Every function authorizes and audits.
 */
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { AppError } from "@/lib/server/errors";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { JOBS } from "@/lib/server/jobs/queue";
import { adapterInfo } from "@/lib/adapters/registry";
import { decryptSecrets, encryptSecrets } from "@/lib/server/ingest/secrets";
import { createRun } from "@/lib/server/ingest/sync-runs";
import { writeCanonicalRecords } from "@/lib/server/ingest/write-canonical";
import { canonicalSchemas, type CanonicalEntity } from "@/lib/domain/canonical/records";
import { sourceFreshness } from "@/lib/domain/ops/health";

const audit = (tx: Prisma.TransactionClient, viewer: Viewer, action: string, entityType: string, entityId: string, after?: unknown, reason?: string) =>
  appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action, entityType, entityId, after, reason });

/** Freshness of a source: age of the last good sync against its SLA. */
export function freshness(source: { lastSuccessAt: Date | null; slaMinutes: number }, now = new Date()) {
  return sourceFreshness(source, now);
}

export async function listDataSources(viewer: Viewer) {
  authorize(viewer, "admin.manage");
  const sources = await prisma.dataSource.findMany({
    orderBy: { code: "asc" },
    select: {
      id: true, code: true, name: true, kind: true, enabled: true, slaMinutes: true, lastSuccessAt: true, lastAttemptAt: true, lastError: true, consecutiveFailures: true, unhealthySince: true,
      runs: { orderBy: { queuedAt: "desc" }, take: 1, select: { id: true, status: true, queuedAt: true, finishedAt: true, read: true, accepted: true, quarantined: true } },
      _count: { select: { quarantine: { where: { status: "OPEN" } } } },
    },
  });
  return sources.map(({ runs, _count, ...s }) => ({ ...s, lastRun: runs[0] ?? null, openQuarantine: _count.quarantine, freshness: freshness(s) }));
}

export async function getDataSource(viewer: Viewer, sourceId: string) {
  authorize(viewer, "admin.manage");
  const source = await prisma.dataSource.findUnique({ where: { id: sourceId } });
  if (!source) throw new AppError("NOT_FOUND", "No such data source");
  const { secretCiphertext, ...rest } = source;
  let info: { modes: ("pull" | "upload" | "push")[]; label: string; adapter: { secretNames: readonly string[] } };
  try {
    info = adapterInfo(source.kind);
  } catch {
    // A source of a kind this build has no adapter for stays visible (and fixable) instead of breaking the page.
    info = { modes: [], label: `Unknown kind '${source.kind}'`, adapter: { secretNames: [] } };
  }
  const setSecrets = Object.entries(decryptSecrets(secretCiphertext)).filter(([, v]) => v).map(([k]) => k);
  return {
    ...rest,
    cursor: source.cursor,
    modes: info.modes,
    adapterLabel: info.label,
    secretNames: info.adapter.secretNames,
    secretsSet: setSecrets,
    freshness: freshness(source),
  };
}

export async function findRuns(viewer: Viewer, sourceId: string, take = 20) {
  authorize(viewer, "admin.manage");
  const runs = await prisma.syncRun.findMany({ where: { sourceId }, orderBy: { queuedAt: "desc" }, take });
  return runs.map((r) => ({ ...r, progressDone: Number(r.progressDone), progressTotal: r.progressTotal == null ? null : Number(r.progressTotal) }));
}

export async function findRun(viewer: Viewer, runId: string) {
  authorize(viewer, "admin.manage");
  const r = await prisma.syncRun.findUnique({ where: { id: runId } });
  if (!r) throw new AppError("NOT_FOUND", "No such run");
  return { ...r, progressDone: Number(r.progressDone), progressTotal: r.progressTotal == null ? null : Number(r.progressTotal) };
}

export async function findQuarantine(viewer: Viewer, sourceId: string, opts: { status?: "OPEN" | "REPLAYED" | "DISCARDED"; take?: number; skip?: number } = {}) {
  authorize(viewer, "admin.manage");
  const where = { sourceId, status: opts.status ?? "OPEN" };
  const [rows, total] = await Promise.all([
    prisma.quarantinedRecord.findMany({ where, orderBy: [{ createdAt: "desc" }, { position: "asc" }], take: opts.take ?? 50, skip: opts.skip ?? 0, include: { payload: { select: { fileName: true, kind: true } } } }),
    prisma.quarantinedRecord.count({ where }),
  ]);
  return { rows, total };
}

export async function findPayloads(viewer: Viewer, sourceId: string, take = 20) {
  authorize(viewer, "admin.manage");
  const rows = await prisma.rawPayload.findMany({
    where: { sourceId },
    orderBy: { receivedAt: "desc" },
    take,
    select: { id: true, direction: true, kind: true, fileName: true, contentType: true, sizeBytes: true, receivedAt: true, status: true, error: true, runId: true, sha256: true },
  });
  return rows.map((r) => ({ ...r, sizeBytes: Number(r.sizeBytes) }));
}

export interface SourceInput {
  code: string;
  name: string;
  kind: string;
  slaMinutes: number;
  enabled: boolean;
  config: Record<string, unknown>;
}

/** The adapter validates its own config; errors name the field. */
function validateConfig(kind: string, config: unknown) {
  const parsed = adapterInfo(kind).adapter.configSchema.safeParse(config);
  if (!parsed.success) throw new AppError("INVALID", `Configuration: ${parsed.error.issues.map((i) => `${i.path.join(".") || "config"} ${i.message}`).join("; ")}`);
  return parsed.data as Prisma.InputJsonValue;
}

export async function createDataSource(viewer: Viewer, input: SourceInput) {
  authorize(viewer, "admin.manage");
  adapterInfo(input.kind);
  const config = validateConfig(input.kind, input.config);
  if (await prisma.dataSource.findUnique({ where: { code: input.code } })) throw new AppError("CONFLICT", `A source with code ${input.code} already exists`);
  return prisma.$transaction(async (tx) => {
    const source = await tx.dataSource.create({ data: { code: input.code, name: input.name, kind: input.kind, slaMinutes: input.slaMinutes, enabled: input.enabled, config } });
    await audit(tx, viewer, "source.created", "DataSource", source.id, { code: source.code, kind: source.kind, config });
    return source;
  });
}

export async function updateDataSource(viewer: Viewer, sourceId: string, input: Omit<SourceInput, "code" | "kind">) {
  authorize(viewer, "admin.manage");
  const source = await prisma.dataSource.findUnique({ where: { id: sourceId } });
  if (!source) throw new AppError("NOT_FOUND", "No such data source");
  const config = validateConfig(source.kind, input.config);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.dataSource.update({ where: { id: sourceId }, data: { name: input.name, slaMinutes: input.slaMinutes, enabled: input.enabled, config } });
    await audit(tx, viewer, "source.updated", "DataSource", sourceId, { name: input.name, slaMinutes: input.slaMinutes, enabled: input.enabled, config });
    return updated;
  });
}

/** Set or clear secrets. Values are encrypted at rest; the audit log records which names changed, never values. */
export async function setDataSourceSecrets(viewer: Viewer, sourceId: string, secrets: Record<string, string>) {
  authorize(viewer, "admin.manage");
  const source = await prisma.dataSource.findUnique({ where: { id: sourceId } });
  if (!source) throw new AppError("NOT_FOUND", "No such data source");
  const allowed = adapterInfo(source.kind).adapter.secretNames;
  const unknown = Object.keys(secrets).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new AppError("INVALID", `Unknown secret ${unknown.join(", ")} for a ${source.kind} source`);
  const merged = { ...decryptSecrets(source.secretCiphertext), ...secrets };
  await prisma.$transaction(async (tx) => {
    await tx.dataSource.update({ where: { id: sourceId }, data: { secretCiphertext: encryptSecrets(merged) } });
    await audit(tx, viewer, "source.secrets_changed", "DataSource", sourceId, { changed: Object.keys(secrets) });
  });
}

/** Queue a pull sync; a source already syncing is not queued twice. */
export async function requestSync(viewer: Viewer, sourceId: string) {
  authorize(viewer, "admin.manage");
  const source = await prisma.dataSource.findUnique({ where: { id: sourceId } });
  if (!source) throw new AppError("NOT_FOUND", "No such data source");
  if (!adapterInfo(source.kind).modes.includes("pull")) throw new AppError("INVALID", `${source.name} does not pull: upload files or push events instead`);
  if (!source.enabled) throw new AppError("INVALID", `${source.name} is disabled`);
  const active = await prisma.syncRun.findFirst({ where: { sourceId, status: { in: ["QUEUED", "RUNNING"] }, trigger: { in: ["manual", "schedule"] } } });
  if (active) return { runId: active.id, alreadyRunning: true };
  const run = await createRun(prisma, sourceId, "manual", viewer.id);
  await enqueue(JOBS.ingestSync, { runId: run.id });
  await prisma.$transaction((tx) => audit(tx, viewer, "source.sync_requested", "DataSource", sourceId, { runId: run.id }));
  return { runId: run.id, alreadyRunning: false };
}

/** Re-process a stored payload (e.g. after fixing the source's mapping or UoM table) as a new run. */
export async function replayPayload(viewer: Viewer, payloadId: string) {
  authorize(viewer, "admin.manage");
  const payload = await prisma.rawPayload.findUnique({ where: { id: payloadId }, include: { run: true } });
  if (!payload || payload.direction !== "IN") throw new AppError("NOT_FOUND", "No such payload");
  const run = await createRun(prisma, payload.sourceId, "replay", viewer.id, { replayOf: payloadId, file: (payload.run?.details as { file?: unknown } | null)?.file });
  await prisma.rawPayload.update({ where: { id: payloadId }, data: { runId: run.id } });
  await enqueue(JOBS.ingestPayload, { payloadId, runId: run.id });
  await prisma.$transaction((tx) => audit(tx, viewer, "payload.replayed", "RawPayload", payloadId, { runId: run.id }));
  return { runId: run.id };
}

/**
 * Replay one quarantined record, optionally edited by the admin. It goes through the same validation and writer as
 * an ingested record; if it still fails, the record stays open with the new reason.
 */
export async function replayQuarantinedRecord(viewer: Viewer, id: string, edited: { entity?: string; record?: unknown }) {
  authorize(viewer, "admin.manage");
  const q = await prisma.quarantinedRecord.findUnique({ where: { id }, include: { source: true } });
  if (!q) throw new AppError("NOT_FOUND", "No such quarantined record");
  if (q.status !== "OPEN") throw new AppError("CONFLICT", "This record was already replayed or discarded");
  const entity = (edited.entity ?? q.entity) as CanonicalEntity;
  if (!(entity in canonicalSchemas)) throw new AppError("INVALID", `Choose what this record is (item, purchaseOrder…): '${entity}' is not a canonical entity`);
  const record = edited.record ?? q.record;
  return prisma.$transaction(async (tx) => {
    const summary = await writeCanonicalRecords(tx, q.source.code, [
      // Replays win over what is stored: an admin's correction is the newest truth.
      { entity, version: Date.now(), externalId: null, data: record, origin: { position: q.position } },
    ]);
    if (summary.issues.length > 0) {
      const reason = summary.issues.map((i) => i.message).join("; ");
      await tx.quarantinedRecord.update({ where: { id }, data: { replayError: reason, record: record as Prisma.InputJsonValue, entity } });
      return { ok: false as const, reason };
    }
    await tx.quarantinedRecord.update({ where: { id }, data: { status: "REPLAYED", resolvedAt: new Date(), resolvedById: viewer.id, replayError: null, record: record as Prisma.InputJsonValue, entity } });
    await audit(tx, viewer, "quarantine.replayed", "QuarantinedRecord", id, { entity, record });
    return { ok: true as const };
  });
}

export async function discardQuarantinedRecord(viewer: Viewer, id: string, reason: string) {
  authorize(viewer, "admin.manage");
  const q = await prisma.quarantinedRecord.findUnique({ where: { id } });
  if (!q) throw new AppError("NOT_FOUND", "No such quarantined record");
  if (q.status !== "OPEN") throw new AppError("CONFLICT", "This record was already replayed or discarded");
  await prisma.$transaction(async (tx) => {
    await tx.quarantinedRecord.update({ where: { id }, data: { status: "DISCARDED", resolvedAt: new Date(), resolvedById: viewer.id } });
    await audit(tx, viewer, "quarantine.discarded", "QuarantinedRecord", id, undefined, reason);
  });
}
