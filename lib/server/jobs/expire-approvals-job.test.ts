/**
 * Integration: requests past their expiresAt become EXPIRED (waiting ones and ones sent back for
 * changes), the case opens again, with a timeline event, a system audit row and a notification to
 * the requester; re-runs change nothing; a decision after the deadline is refused even before the
 * sweep ran; and the sweep runs as the pg-boss job `approvals.expire`.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { JOBS, startQueue } from "@/lib/server/jobs/queue";
import { expireOverdueApprovals, handleExpireApprovalsJob, type ExpireApprovalsJobData, type ExpirySummary } from "@/lib/server/jobs/expire-approvals-job";

let db: TestDatabase;
let boss: PgBoss | undefined;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  actions: typeof import("@/lib/server/dal/case-actions");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
  verify: typeof import("@/lib/server/audit/verify-audit-chain").verifyAuditChain;
};

const viewer = async (id: string) => {
  const v = await mod.loadViewer(mod.prisma, id);
  assert.ok(v);
  return v;
};

async function openCases(n: number) {
  const rows = await mod.prisma.case.findMany({ where: { status: "OPEN", site: { code: { in: ["DC-ATL", "DC-NJ"] } }, itemId: { not: null } }, orderBy: { score: "desc" }, take: n });
  assert.equal(rows.length, n);
  return rows;
}

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    actions: await import("@/lib/server/dal/case-actions"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    verify: (await import("@/lib/server/audit/verify-audit-chain")).verifyAuditChain,
  };
});

after(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await mod?.prisma.$disconnect();
  await db?.drop();
});

test("overdue requests expire once, reopen their cases, and tell the requester", async () => {
  const planner = await viewer("usr_planner");
  const supervisor = await viewer("usr_supervisor");
  const [c1, c2, c3] = await openCases(3);
  const waiting = await mod.actions.proposeAction(planner, { caseId: c1.id, type: "RECOUNT", quantity: 3, note: "Count" });
  const sentBack = await mod.actions.proposeAction(planner, { caseId: c2.id, type: "RECOUNT", quantity: 3, note: "Count" });
  await mod.actions.decideAction(supervisor, { actionId: sentBack.id, decision: "REQUEST_CHANGES", reason: "Which bin?" });
  const fresh = await mod.actions.proposeAction(planner, { caseId: c3.id, type: "RECOUNT", quantity: 3, note: "Count" });
  const now = new Date();
  await mod.prisma.caseAction.updateMany({ where: { id: { in: [waiting.id, sentBack.id] } }, data: { expiresAt: new Date(now.getTime() - 1_000) } });

  // Past the deadline nobody can decide it, even before the sweep ran.
  await assert.rejects(mod.actions.decideAction(supervisor, { actionId: waiting.id, decision: "APPROVE" }), (e: unknown) => (e as { code?: string }).code === "CONFLICT" && /expired/.test((e as Error).message));

  const first = await expireOverdueApprovals(mod.prisma, now);
  assert.equal(first.expired, 2);
  for (const [a, c] of [
    [waiting, c1],
    [sentBack, c2],
  ] as const) {
    const row = await mod.prisma.caseAction.findUniqueOrThrow({ where: { id: a.id } });
    assert.equal(row.status, "EXPIRED");
    assert.equal((await mod.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status, "OPEN");
    assert.equal(await mod.prisma.caseEvent.count({ where: { caseId: c.id, type: "ACTION_EXPIRED" } }), 1);
    const audit = await mod.prisma.auditEntry.findFirstOrThrow({ where: { entityId: a.id, action: "action.expired" } });
    assert.equal(audit.actorRole, "system");
    assert.equal((audit.after as { policyVersion: number; caseStatus: string }).policyVersion, 1);
    assert.equal((audit.after as { caseStatus: string }).caseStatus, "OPEN");
    assert.equal(await mod.prisma.notification.count({ where: { userId: planner.id, caseId: c.id, title: { startsWith: "Expired" } } }), 1);
  }
  assert.equal((await mod.prisma.caseAction.findUniqueOrThrow({ where: { id: fresh.id } })).status, "PENDING_APPROVAL", "not yet due");

  const again = await expireOverdueApprovals(mod.prisma, now);
  assert.equal(again.expired, 0, "idempotent");
  assert.equal(await mod.prisma.auditEntry.count({ where: { action: "action.expired" } }), 2);
  assert.equal((await mod.verify(mod.prisma)).ok, true);
});

test("the sweep runs as the pg-boss job approvals.expire", async () => {
  boss = await startQueue(db.url, { worker: true });
  await boss.work<ExpireApprovalsJobData>(JOBS.approvalsExpire, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => handleExpireApprovalsJob(mod.prisma, job.data));
  const pending = await mod.prisma.caseAction.count({ where: { status: "PENDING_APPROVAL" } });
  assert.ok(pending > 0);
  // Four days on, every request still waiting is past the 72 h of the default policy.
  const id = await boss.send(JOBS.approvalsExpire, { asOf: new Date(Date.now() + 4 * 86_400_000).toISOString() });
  assert.ok(id);
  const deadline = Date.now() + 30_000;
  let job = await boss.getJobById(JOBS.approvalsExpire, id);
  while (job?.state !== "completed" && job?.state !== "failed" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    job = await boss.getJobById(JOBS.approvalsExpire, id);
  }
  assert.equal(job?.state, "completed");
  assert.equal((job.output as ExpirySummary).expired, pending);
  assert.equal(await mod.prisma.caseAction.count({ where: { status: "PENDING_APPROVAL" } }), 0);
});
