/**
 * Integration: `ingest.payload` jobs through pg-boss are taken many per fetch (a burst of webhook events must not wait
 * one polling interval each), and one failing job in a fetched batch fails alone — the others complete and their
 * payloads are processed.
 */
process.env.AUTH_SECRET ??= "test-secret-for-ingest-payload-job-0123456789";

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { JOBS, startQueue } from "@/lib/server/jobs/queue";
import { handleIngestPayloadJobs, type IngestPayloadJobData } from "@/lib/server/jobs/ingest-payload-job";
import { encryptSecrets } from "@/lib/server/ingest/secrets";
import { receiveWebhook, signWebhook } from "@/lib/server/ingest/receive-webhook";

const SECRET = "whsec_batch_test";
let db: TestDatabase;
let prisma: PrismaClient;
let worker: PgBoss;
let producer: PgBoss;

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
  worker = await startQueue(db.url, { worker: true });
  producer = await startQueue(db.url, { worker: false });
  await prisma.dataSource.create({ data: { code: "BATCH-EVENTS", name: "batch events", kind: "webhook", secretCiphertext: encryptSecrets({ signingSecret: SECRET }) } });
});
after(async () => {
  await producer?.stop({ graceful: false, wait: true });
  await worker?.stop({ graceful: false, wait: true });
  await prisma?.$disconnect();
  await db?.drop();
});

test("30 webhook payloads are processed in a few fetches; a job whose payload is gone fails alone", async () => {
  const balances = await prisma.inventoryBalance.findMany({ take: 30, include: { item: true, location: true }, orderBy: { id: "asc" } });
  const jobIds: string[] = [];
  const runIds: string[] = [];
  for (const [i, b] of balances.entries()) {
    const body = JSON.stringify({ entity: "inventoryBalance", version: Date.now() * 1000 + i, data: { sku: b.item.sku, locationCode: b.location.code, onHand: 1000 + i, asOf: new Date().toISOString() } });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const answer = await receiveWebhook(prisma, { sourceCode: "BATCH-EVENTS", timestamp, signature: signWebhook(SECRET, timestamp, body), idempotencyKey: `batch-${i}`, body }, async (data) => {
      runIds.push(data.runId);
      jobIds.push((await producer.send(JOBS.ingestPayload, data))!);
    });
    assert.equal(answer.status, 202);
  }
  const run = await prisma.syncRun.findFirstOrThrow({ where: { id: runIds[0] } });
  const broken = (await producer.send(JOBS.ingestPayload, { payloadId: "no-such-payload", runId: run.id } satisfies IngestPayloadJobData))!;

  const fetches: number[] = [];
  await worker.work<IngestPayloadJobData>(JOBS.ingestPayload, { batchSize: 40, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    fetches.push(jobs.length);
    return handleIngestPayloadJobs(prisma, worker, jobs);
  });
  const deadline = Date.now() + 60_000;
  const state = async (id: string) => (await producer.getJobById(JOBS.ingestPayload, id))?.state;
  while (Date.now() < deadline) {
    const states = await Promise.all([...jobIds, broken].map(state));
    if (states.every((s) => s === "completed" || s === "failed" || s === "retry")) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await worker.offWork(JOBS.ingestPayload);
  for (const id of jobIds) assert.equal(await state(id), "completed");
  assert.ok(["failed", "retry"].includes((await state(broken)) ?? ""), "the job without a payload failed (pg-boss retries it per the queue policy)");
  assert.ok(fetches[0] >= 2, `the first fetch took several jobs (${fetches.join(", ")})`);
  const processed = await prisma.rawPayload.count({ where: { source: { code: "BATCH-EVENTS" }, status: "PROCESSED" } });
  assert.equal(processed, 30);
  for (const [i, b] of balances.entries()) {
    const now = await prisma.inventoryBalance.findUniqueOrThrow({ where: { id: b.id } });
    assert.equal(now.onHand, 1000 + i);
  }
});
