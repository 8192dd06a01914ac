/**
 * Integration: the System health figures on a real database — event latency percentiles over 24 h,
 * failed sync runs per source over 7 days, open cases past SLA by site and severity, admins only —
 * and event latency measured through the real path: webhook → ingest.payload → detect.incremental,
 * which stamps the payload's detectedAt.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { encryptSecrets } from "@/lib/server/ingest/secrets";
import { receiveWebhook, signWebhook } from "@/lib/server/ingest/receive-webhook";
import { JOBS, startQueue } from "@/lib/server/jobs/queue";
import { handleIngestPayloadJob, type IngestPayloadJobData } from "@/lib/server/jobs/ingest-payload-job";
import { handleDetectIncrementalJobs, type DetectIncrementalJobData } from "@/lib/server/jobs/detect-incremental-job";

let db: TestDatabase;
let prisma: PrismaClient;
let boss: PgBoss;
let mod: { getSystemHealth: typeof import("@/lib/server/dal/system-health").getSystemHealth; loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer };
let sourceId: string;
const SECRET = "ops-test-signing-secret";
process.env.AUTH_SECRET ??= "test-secret-for-webhook-signing-0123456789"; // source secrets are encrypted with a key derived from it

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  prisma = createPrismaClient(db.url);
  boss = await startQueue(db.url, { worker: false });
  mod = { getSystemHealth: (await import("@/lib/server/dal/system-health")).getSystemHealth, loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer };
  sourceId = (await prisma.dataSource.create({ data: { code: "WMS-OPS", name: "WMS events", kind: "webhook", secretCiphertext: encryptSecrets({ signingSecret: SECRET }) } })).id;
});

after(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await prisma?.$disconnect();
  await db?.drop();
});

const viewer = async (id: string) => (await mod.loadViewer(prisma, id))!;
const ago = (ms: number) => new Date(Date.now() - ms);

async function payload(receivedAt: Date, detectedAt: Date | null) {
  await prisma.rawPayload.create({
    data: { sourceId, kind: "event", contentType: "application/json", sha256: randomUUID(), sizeBytes: 2, idempotencyKey: randomUUID(), body: Buffer.from("{}"), receivedAt, status: "PROCESSED", processedAt: receivedAt, detectedAt },
  });
}

test("latency p50/p95/max over 24 h, sync errors per source over 7 days, SLA breaches by site and severity; admins only", async () => {
  const admin = await viewer("usr_admin");
  const baseline = await mod.getSystemHealth(admin);
  assert.equal(baseline.eventLatency.measured, 0);
  assert.equal(baseline.eventLatency.p50Ms, null);
  assert.deepEqual(baseline.syncErrors.rows, []);

  // 20 payloads detected 100 ms … 2000 ms after receipt in the last hour; one from two days ago does not count.
  for (let i = 1; i <= 20; i++) {
    const detectedAt = ago(60_000 * i);
    await payload(new Date(detectedAt.getTime() - i * 100), detectedAt);
  }
  await payload(ago(49 * 3_600_000), ago(48 * 3_600_000));
  await payload(ago(1000), null); // processed, detection still to run: not measured

  const erp = await prisma.dataSource.findFirstOrThrow({ where: { kind: { not: "webhook" } }, orderBy: { code: "asc" } });
  await prisma.syncRun.create({ data: { sourceId: erp.id, trigger: "schedule", status: "FAILED", queuedAt: ago(3 * 3_600_000), error: "connect ETIMEDOUT" } });
  await prisma.syncRun.create({ data: { sourceId: erp.id, trigger: "schedule", status: "FAILED", queuedAt: ago(3_600_000), error: "HTTP 502 from /jsonrpc" } });
  await prisma.syncRun.create({ data: { sourceId: erp.id, trigger: "schedule", status: "FAILED", queuedAt: ago(8 * 86_400_000), error: "too old to show" } });
  await prisma.syncRun.create({ data: { sourceId: erp.id, trigger: "schedule", status: "SUCCEEDED", queuedAt: ago(60_000) } });

  const late = await prisma.case.findMany({ where: { status: "OPEN", slaDueAt: { gt: new Date() } }, orderBy: { score: "desc" }, take: 4, include: { site: true } });
  assert.equal(late.length, 4);
  await prisma.case.updateMany({ where: { id: { in: late.map((c) => c.id) } }, data: { slaDueAt: ago(3_600_000) } });
  await prisma.case.update({ where: { id: late[3].id }, data: { status: "RESOLVED", resolvedAt: new Date() } }); // resolved: no longer a breach

  const h = await mod.getSystemHealth(admin);
  assert.deepEqual(h.eventLatency, { windowHours: 24, measured: 20, p50Ms: 1000, p95Ms: 1900, maxMs: 2000, awaitingProcessing: baseline.eventLatency.awaitingProcessing });
  assert.equal(h.syncErrors.windowDays, 7);
  assert.deepEqual(
    h.syncErrors.rows.map((r) => [r.sourceCode, r.failedRuns, r.lastError]),
    [[erp.code, 2, "HTTP 502 from /jsonrpc"]],
  );
  assert.equal(h.slaBreaches.total, baseline.slaBreaches.total + 3);
  const key = (r: { siteCode: string; severity: string }) => `${r.siteCode}/${r.severity}`;
  const expected = new Map(baseline.slaBreaches.rows.map((r) => [key(r), r.breached]));
  for (const c of late.slice(0, 3)) expected.set(`${c.site.code}/${c.severity}`, (expected.get(`${c.site.code}/${c.severity}`) ?? 0) + 1);
  assert.deepEqual(new Map(h.slaBreaches.rows.map((r) => [key(r), r.breached])), expected);
  assert.ok(h.slaBreaches.rows.every((r) => Date.parse(r.oldestDueAt) < Date.now()));
  assert.ok(["ok", "degraded"].includes(h.health.status));

  for (const id of ["usr_planner", "usr_supervisor", "usr_executive"]) {
    await assert.rejects(mod.getSystemHealth(await viewer(id)), (e: Error & { code?: string }) => e.code === "FORBIDDEN");
  }
});

test("a webhook event is measured end to end: received → ingest.payload → detect.incremental stamps detectedAt", async () => {
  const admin = await viewer("usr_admin");
  const before = (await mod.getSystemHealth(admin)).eventLatency.measured;
  const balance = await prisma.inventoryBalance.findFirstOrThrow({ include: { item: true, location: true }, orderBy: { id: "asc" } });
  const body = JSON.stringify({ entity: "inventoryBalance", id: `ops-${balance.id}`, version: Date.now(), data: { sku: balance.item.sku, locationCode: balance.location.code, onHand: balance.onHand + 5, asOf: new Date().toISOString() } });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const answer = await receiveWebhook(prisma, { sourceCode: "WMS-OPS", timestamp, signature: signWebhook(SECRET, timestamp, body), idempotencyKey: "ops-latency-1", body }, (d) => boss.send(JOBS.ingestPayload, d));
  assert.equal(answer.status, 202);

  // The worker's two steps, taking the real jobs off the real queue.
  const [ingest] = (await boss.fetch<IngestPayloadJobData>(JOBS.ingestPayload)) ?? [];
  assert.ok(ingest, "ingest.payload job queued");
  await handleIngestPayloadJob(prisma, boss, ingest.data);
  const [detect] = (await boss.fetch<DetectIncrementalJobData>(JOBS.detectIncremental)) ?? [];
  assert.ok(detect, "detect.incremental job queued");
  assert.deepEqual(detect.data.runIds, [ingest.data.runId]);
  const stored = await prisma.rawPayload.findUniqueOrThrow({ where: { id: ingest.data.payloadId } });
  assert.equal(stored.detectedAt, null, "not stamped before detection ran");
  await handleDetectIncrementalJobs(prisma, [detect.data]);

  const stamped = await prisma.rawPayload.findUniqueOrThrow({ where: { id: ingest.data.payloadId } });
  assert.ok(stamped.detectedAt && stamped.detectedAt >= stamped.receivedAt);
  const after = (await mod.getSystemHealth(admin)).eventLatency;
  assert.equal(after.measured, before + 1);
  assert.ok(after.maxMs! >= stamped.detectedAt!.getTime() - stamped.receivedAt.getTime() - 1);

  // A second detection over the same run does not move the stamp (first covering run only).
  await handleDetectIncrementalJobs(prisma, [detect.data]);
  assert.equal((await prisma.rawPayload.findUniqueOrThrow({ where: { id: ingest.data.payloadId } })).detectedAt!.getTime(), stamped.detectedAt!.getTime());
});
