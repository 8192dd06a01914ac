/**
 * Integration: pg-boss delivers cron-scheduled jobs with `data: null` (seen in the worker's logs: the
 * escalate and approvals.expire sweeps failed on every tick). Jobs sent exactly that way go through a
 * real worker and complete.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { JOBS, startQueue } from "@/lib/server/jobs/queue";
import { handleEscalateJob } from "@/lib/server/jobs/escalate-job";
import { handleExpireApprovalsJob } from "@/lib/server/jobs/expire-approvals-job";
import { handleNotifyDigestJob } from "@/lib/server/jobs/notify-digest-job";

let db: TestDatabase;
let prisma: PrismaClient;
let boss: PgBoss;

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
  boss = await startQueue(db.url, { worker: true });
});

after(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await prisma?.$disconnect();
  await db?.drop();
});

async function finalState(name: string, id: string): Promise<string | undefined> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await boss.getJobById(name, id);
    if (job && ["completed", "failed", "retry"].includes(job.state)) return job.state;
    if (Date.now() > deadline) return job?.state;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("the escalate, approvals.expire and notify.digest sweeps complete when their job carries no data, as the cron sends them", async () => {
  await boss.work(JOBS.escalate, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => handleEscalateJob(prisma, job.data as null));
  await boss.work(JOBS.approvalsExpire, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => handleExpireApprovalsJob(prisma, job.data as null));
  await boss.work(JOBS.notifyDigest, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => handleNotifyDigestJob(prisma, boss, job.data as null));
  const escalate = await boss.send(JOBS.escalate, null as unknown as object);
  const digest = await boss.send(JOBS.notifyDigest, null as unknown as object);
  const expire = await boss.send(JOBS.approvalsExpire, null as unknown as object);
  assert.ok(escalate && expire);
  assert.equal((await boss.getJobById(JOBS.escalate, escalate))?.data, null, "the job really has null data");
  assert.equal(await finalState(JOBS.escalate, escalate), "completed");
  assert.equal(await finalState(JOBS.approvalsExpire, expire), "completed");
  assert.equal(await finalState(JOBS.notifyDigest, digest!), "completed");
});
