/**
 * Integration: the nightly `learning.proposals` job through pg-boss — a rule whose past cases are
 * mostly dismissed gets its threshold proposal, created as the system (audited), and a second run
 * only refreshes it.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { clearOutcomeHistory, insertHistoryCase } from "@/lib/testing/learning-history";
import { handleLearningProposalsJob, type LearningProposalsJobData } from "@/lib/server/jobs/learning-proposals-job";
import { JOBS, startQueue } from "@/lib/server/jobs/queue";
import type { ProposalRunSummary } from "@/lib/server/learning/threshold-proposals";

const DAY = 86_400_000;
let db: TestDatabase;
let prisma: PrismaClient;
let boss: PgBoss | undefined;

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
  await clearOutcomeHistory(prisma);
  const at = (d: number) => new Date(Date.now() - d * DAY);
  // Receipt variances (tolerance 5 %): dismissed at 6–9 %, acted on at 20–40 %.
  const add = (code: string, value: number, acted: boolean) =>
    insertHistoryCase(
      prisma,
      { primaryType: "RECEIPT_QTY_VARIANCE", siteId: "loc_dc_nj", openedAt: at(12), resolvedAt: at(10), resolutionCode: code, exposure: 40, triggers: [{ key: "receiptQtyTolerance", value }], actions: acted ? [{ type: "ADJUST", status: "APPROVED" }] : [] },
      "usr_planner",
    );
  for (const v of [0.06, 0.062, 0.07, 0.075, 0.08, 0.085, 0.09]) await add("NOT_AN_ISSUE", v, false);
  for (const v of [0.2, 0.3, 0.4]) await add("ACTION_CONFIRMED", v, true);
});

after(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await prisma.$disconnect();
  await db.drop();
});

const runJob = async (data: LearningProposalsJobData): Promise<ProposalRunSummary> => {
  const id = await boss!.send(JOBS.learningProposals, data);
  assert.ok(id);
  const deadline = Date.now() + 30_000;
  let job = await boss!.getJobById(JOBS.learningProposals, id);
  while (job?.state !== "completed" && job?.state !== "failed" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    job = await boss!.getJobById(JOBS.learningProposals, id);
  }
  assert.equal(job?.state, "completed", JSON.stringify(job?.output));
  return job!.output as ProposalRunSummary;
};

test("the job proposes the threshold as the system, and a second run only refreshes it", async () => {
  boss = await startQueue(db.url, { worker: true });
  await boss.work<LearningProposalsJobData>(JOBS.learningProposals, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => handleLearningProposalsJob(prisma, job.data));
  const first = await runJob({});
  assert.deepEqual([first.triggered, first.created], [1, 1]);
  const p = await prisma.thresholdProposal.findFirstOrThrow({ where: { status: "OPEN" } });
  assert.deepEqual([p.ruleType, p.thresholdKey, p.currentValue, p.proposedValue], ["RECEIPT_QTY_VARIANCE", "receiptQtyTolerance", 0.05, 0.09]);
  const [audit] = await prisma.auditEntry.findMany({ where: { entityType: "ThresholdProposal", entityId: p.id } });
  assert.deepEqual([audit.action, audit.actorId, audit.actorRole], ["threshold_proposal.created", null, "system"]);

  const second = await runJob({});
  assert.deepEqual([second.created, second.refreshed, second.superseded], [0, 1, 0]);
  const refreshed = await prisma.thresholdProposal.findUniqueOrThrow({ where: { id: p.id } });
  assert.ok(refreshed.computedAt > p.computedAt);
});
