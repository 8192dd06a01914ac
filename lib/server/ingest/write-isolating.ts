/**
 * One batch (or lane) written in one transaction: canonical records upserted and issues quarantined together. When
 * PostgreSQL refuses the transaction for a data reason — a value the canonical schemas let through but a column
 * cannot hold (SQLSTATE classes 22 data exception, 23 integrity, 54 limit) — the records are split in halves (in
 * write order, so masters still land before what references them) and retried, down to the single record, which is
 * quarantined with the database's message. One bad record never takes its batch down with it. Anything else (a lost
 * connection, a bug) is rethrown: the job retry re-processes the payload.
 */
import { ENTITY_WRITE_ORDER, type CanonicalRecord, type RecordIssue } from "@/lib/domain/canonical/records";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { inIngestTransaction } from "./pg-transaction";
import { quarantineIssues } from "./quarantine";
import { writeCanonicalRecords, type WriteSummary } from "./write-canonical";

export type BatchOutcome = { written: WriteSummary; quarantined: number };

interface Target {
  source: { id: string; code: string };
  ids: { runId: string | null; payloadId: string };
}

const DATA_ERROR_CLASSES = new Set(["22", "23", "54"]);

export function isDataError(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.length === 5 && DATA_ERROR_CLASSES.has(code.slice(0, 2));
}

const rank = new Map(ENTITY_WRITE_ORDER.map((entity, i) => [entity, i]));

export async function writeIsolating(db: PrismaClient, target: Target, records: CanonicalRecord[], issues: RecordIssue[]): Promise<BatchOutcome> {
  try {
    return await inIngestTransaction(db, async (tx) => {
      const written = await writeCanonicalRecords(tx, target.source.code, records);
      const quarantined = await quarantineIssues(tx, { sourceId: target.source.id, ...target.ids }, [...issues, ...written.issues]);
      return { written, quarantined };
    });
  } catch (e) {
    if (!isDataError(e)) throw e;
    if (records.length <= 1) return quarantineRefused(db, target, records, issues, e);
    const ordered = [...records].sort((a, b) => (rank.get(a.entity) ?? 0) - (rank.get(b.entity) ?? 0));
    const half = Math.ceil(ordered.length / 2);
    const first = await writeIsolating(db, target, ordered.slice(0, half), issues);
    const second = await writeIsolating(db, target, ordered.slice(half), []);
    return { written: mergeSummaries(first.written, second.written), quarantined: first.quarantined + second.quarantined };
  }
}

/** The record PostgreSQL refused (if any) joins the batch's issues, with the database's own words. */
async function quarantineRefused(db: PrismaClient, target: Target, records: CanonicalRecord[], issues: RecordIssue[], error: Error & { code: string }): Promise<BatchOutcome> {
  const refused: RecordIssue[] = records.map((r) => ({
    entity: r.entity,
    position: r.origin.position,
    field: null,
    message: `the database refused this record (${error.code}): ${error.message}`,
    raw: r.data,
  }));
  const quarantined = await inIngestTransaction(db, (tx) => quarantineIssues(tx, { sourceId: target.source.id, ...target.ids }, [...issues, ...refused]));
  return { written: { ...emptySummary(), read: records.length }, quarantined };
}

export function emptySummary(): WriteSummary {
  return { read: 0, accepted: 0, stale: 0, issues: [], byEntity: {}, touched: { skus: [], locationCodes: [], poNumbers: [], soNumbers: [], transferNumbers: [] } };
}

export function mergeSummaries(a: WriteSummary, b: WriteSummary): WriteSummary {
  const byEntity = { ...a.byEntity };
  for (const [k, v] of Object.entries(b.byEntity)) byEntity[k as keyof typeof byEntity] = (byEntity[k as keyof typeof byEntity] ?? 0) + (v ?? 0);
  return {
    read: a.read + b.read,
    accepted: a.accepted + b.accepted,
    stale: a.stale + b.stale,
    issues: [...a.issues, ...b.issues],
    byEntity,
    touched: {
      skus: [...a.touched.skus, ...b.touched.skus],
      locationCodes: [...a.touched.locationCodes, ...b.touched.locationCodes],
      poNumbers: [...a.touched.poNumbers, ...b.touched.poNumbers],
      soNumbers: [...a.touched.soNumbers, ...b.touched.soNumbers],
      transferNumbers: [...a.touched.transferNumbers, ...b.touched.transferNumbers],
    },
  };
}
