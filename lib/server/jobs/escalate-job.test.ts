/**
 * Integration: the escalation sweep raises overdue cases to level 1 (past SLA) and level 2 (past
 * twice the SLA) with a timeline event and an audit row each, leaves on-time and resolved cases
 * alone, and is idempotent. The sweep also runs as a pg-boss job.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { escalateOverdueCases, handleEscalateJob, type EscalateJobData, type EscalationSummary } from "@/lib/server/jobs/escalate-job";
import { JOBS, startQueue } from "@/lib/server/jobs/queue";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";

const HOUR = 3_600_000;
let db: TestDatabase;
let prisma: PrismaClient;
let boss: PgBoss | undefined;

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
});

after(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await prisma.$disconnect();
  await db.drop();
});

test("overdue cases climb to level 1 then 2, once, with timeline and audit", async () => {
  const now = new Date("2030-01-01T12:00:00Z");
  // Everything on time, then three cases with a 24 h SLA opened at different moments.
  await prisma.case.updateMany({ data: { openedAt: new Date(now.getTime() - HOUR), slaDueAt: new Date(now.getTime() + 24 * HOUR), escalationLevel: 0 } });
  const [late, veryLate, resolved] = await prisma.case.findMany({ where: { status: "OPEN" }, orderBy: { number: "asc" }, take: 3 });
  const opened = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  await prisma.case.update({ where: { id: late.id }, data: { openedAt: opened(30), slaDueAt: opened(6) } }); // 6 h past a 24 h SLA
  await prisma.case.update({ where: { id: veryLate.id }, data: { openedAt: opened(50), slaDueAt: opened(26) } }); // past 48 h = 2× SLA
  await prisma.case.update({ where: { id: resolved.id }, data: { openedAt: opened(50), slaDueAt: opened(26), status: "RESOLVED", resolvedAt: opened(1) } });

  const first = await escalateOverdueCases(prisma, now);
  assert.deepEqual({ level1: first.level1, level2: first.level2 }, { level1: 1, level2: 1 });
  const get = (id: string) => prisma.case.findUniqueOrThrow({ where: { id }, include: { events: { where: { type: "ESCALATED" } } } });
  const l1 = await get(late.id);
  const l2 = await get(veryLate.id);
  assert.equal(l1.escalationLevel, 1);
  assert.equal(l2.escalationLevel, 2);
  assert.equal(l1.escalatedAt?.getTime(), now.getTime());
  assert.equal(l1.events.length, 1);
  assert.equal((l2.events[0].data as { level: number }).level, 2);
  assert.equal((await get(resolved.id)).escalationLevel, 0, "resolved cases are not escalated");
  assert.equal(await prisma.auditEntry.count({ where: { action: "case.escalated" } }), 2);

  // Idempotent: a second sweep at the same moment changes nothing.
  const second = await escalateOverdueCases(prisma, now);
  assert.deepEqual({ level1: second.level1, level2: second.level2 }, { level1: 0, level2: 0 });
  assert.equal(await prisma.caseEvent.count({ where: { type: "ESCALATED" } }), 2);

  // A day later the level-1 case is past twice its SLA too.
  const later = await escalateOverdueCases(prisma, new Date(now.getTime() + 24 * HOUR));
  assert.equal(later.level2, 1);
  assert.equal((await get(late.id)).escalationLevel, 2);
  assert.equal((await verifyAuditChain(prisma)).ok, true);
});

test("the sweep runs as a pg-boss job", async () => {
  boss = await startQueue(db.url, { worker: true });
  await boss.work<EscalateJobData>(JOBS.escalate, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => handleEscalateJob(prisma, job.data));
  const id = await boss.send(JOBS.escalate, { asOf: "2030-01-10T00:00:00Z" });
  assert.ok(id);
  const deadline = Date.now() + 30_000;
  let job = await boss.getJobById(JOBS.escalate, id);
  while (job?.state !== "completed" && job?.state !== "failed" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    job = await boss.getJobById(JOBS.escalate, id);
  }
  assert.equal(job?.state, "completed");
  const out = job.output as EscalationSummary;
  // Nine days on, every remaining open case (SLA 24 h from 2030-01-01) is past 2× its SLA.
  assert.ok(out.level2 > 0, JSON.stringify(out));
});
