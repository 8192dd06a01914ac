/**
 * Integration: detection runs in a worker through the pg-boss queue — a job sent by a producer
 * (as a web node would) is picked up by a worker and completes with the run's summary.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { JOBS, startQueue } from "@/lib/server/jobs/queue";
import { handleDetectJob, type DetectJobData } from "@/lib/server/jobs/detect-job";

let db: TestDatabase;
let prisma: PrismaClient;
let worker: PgBoss;
let producer: PgBoss;

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
  worker = await startQueue(db.url, { worker: true });
  producer = await startQueue(db.url, { worker: false });
});

after(async () => {
  await producer?.stop({ graceful: false, wait: true });
  await worker?.stop({ graceful: false, wait: true });
  await prisma?.$disconnect();
  await db?.drop();
});

test("a detect job sent by a producer is run by a worker and stores its summary", async () => {
  await worker.work<DetectJobData>(JOBS.detect, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => handleDetectJob(prisma, job.data));
  const id = await producer.send(JOBS.detect, { requestedBy: "usr_admin" });
  assert.ok(id, "job accepted");
  const deadline = Date.now() + 60_000;
  let job = await producer.getJobById(JOBS.detect, id);
  while (job?.state !== "completed" && job?.state !== "failed" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    job = await producer.getJobById(JOBS.detect, id);
  }
  assert.equal(job?.state, "completed");
  const output = job.output as { cases: number; findings: number; configVersion: number };
  assert.ok(output.cases > 0 && output.findings >= output.cases);
  assert.equal(output.configVersion, 1);
});

test("the detect queue holds at most one waiting run (stately policy)", async () => {
  await worker.offWork(JOBS.detect);
  // A fetch already in flight when offWork returns may still take the first job (then it is active,
  // and stately allows one more waiting); so count what waits rather than which send was refused.
  const ids = [];
  for (let i = 0; i < 4; i++) ids.push(await producer.send(JOBS.detect, {}));
  assert.ok(ids[0], "the first request is queued");
  assert.equal(await producer.getQueueSize(JOBS.detect), 1, "exactly one run waits");
  assert.ok(ids.filter(Boolean).length <= 2, `later requests are collapsed (accepted: ${ids.filter(Boolean).length})`);
});
