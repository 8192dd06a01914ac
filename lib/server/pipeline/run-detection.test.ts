/**
 * Integration: the detection pipeline on the seeded demo database — re-runs are idempotent (one
 * open case per root cause, no duplicate exceptions), and a case whose condition clears in the
 * source is resolved by the system with a timeline event and an audit row.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { runDetectionPipeline } from "@/lib/server/pipeline/run-detection";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";

let db: TestDatabase;
let prisma: PrismaClient;
let asOf: Date;

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
  // The seed ran detection once; re-run "at the same moment" so only our changes matter.
  asOf = (await prisma.case.findFirstOrThrow({ orderBy: { lastScoredAt: "desc" } })).lastScoredAt;
});

after(async () => {
  await prisma.$disconnect();
  await db.drop();
});

test("re-running detection on unchanged data changes nothing", async () => {
  const casesBefore = await prisma.case.count();
  const exceptionsBefore = await prisma.exception.count();
  const summary = await runDetectionPipeline(prisma, asOf);
  assert.equal(summary.created, 0);
  assert.equal(summary.autoResolved, 0);
  assert.equal(summary.rescored, 0);
  assert.equal(summary.unchanged, summary.cases);
  assert.equal(await prisma.case.count(), casesBefore);
  assert.equal(await prisma.exception.count(), exceptionsBefore);
  const dupes = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT "causeKey" FROM "Case" WHERE status <> 'RESOLVED' GROUP BY 1 HAVING count(*) > 1) d`;
  assert.equal(Number(dupes[0].n), 0, "one open case per root cause");
});

test("the seeded demo covers at least five exception types, including the PO_NO_ASN chain", async () => {
  const types = await prisma.exception.groupBy({ by: ["type"], _count: { _all: true } });
  assert.ok(types.length >= 5, `types: ${types.map((t) => t.type).join(", ")}`);
  for (const required of ["PO_NO_ASN", "STOCKOUT_DESPITE_INBOUND", "CUSTOMER_ORDER_AT_RISK"]) {
    assert.ok(types.some((t) => t.type === required), `${required} detected`);
  }
  const chained = await prisma.case.findFirst({
    where: { primaryType: "PO_NO_ASN", exceptions: { some: { type: "STOCKOUT_DESPITE_INBOUND" } } },
    include: { exceptions: { orderBy: { chainOrder: "asc" } } },
  });
  assert.ok(chained, "a PO_NO_ASN case absorbed its stockout");
  assert.equal(chained.exceptions[0].type, "PO_NO_ASN", "the PO is the root of the chain");
  const explanation = chained.explanation as { total: number; terms: { code: string }[]; vector: Record<string, unknown> };
  assert.equal(explanation.total, chained.score);
  assert.ok(["service_exposure", "financial_exposure", "urgency_factor", "confidence"].every((c) => explanation.terms.some((t) => t.code === c)));
  assert.ok("Q_short" in explanation.vector && "t_star" in explanation.vector);
});

test("a case whose condition clears is resolved by the system, with timeline and audit", async () => {
  const exception = await prisma.exception.findFirstOrThrow({
    where: { type: "PO_NOT_ACKNOWLEDGED", clearedAt: null, case: { status: "OPEN", exceptions: { every: { type: "PO_NOT_ACKNOWLEDGED" } } } },
  });
  const poId = (exception.evidence as { purchaseOrderId: string }).purchaseOrderId;
  // The supplier's acknowledgement (EDI 855) arrives.
  await prisma.purchaseOrder.update({ where: { id: poId }, data: { acknowledgedAt: asOf } });

  const summary = await runDetectionPipeline(prisma, asOf);
  assert.ok(summary.autoResolved >= 1);
  const resolved = await prisma.case.findUniqueOrThrow({ where: { id: exception.caseId }, include: { events: true, exceptions: true } });
  assert.equal(resolved.status, "RESOLVED");
  assert.equal(resolved.resolutionReason, "CONDITION_CLEARED");
  assert.ok(resolved.events.some((e) => e.type === "RESOLVED"));
  assert.ok(resolved.exceptions.every((e) => e.clearedAt !== null));
  const audit = await prisma.auditEntry.findFirst({ where: { caseId: resolved.id, action: "case.resolved", actorRole: "system" } });
  assert.ok(audit, "the system's resolution is audited");
  assert.equal((await verifyAuditChain(prisma)).ok, true);
});

test("a cleared condition resolves an approved case but never one waiting for a decision", async () => {
  const [waiting, approved] = await prisma.case.findMany({
    where: { status: "OPEN", primaryType: "PO_NOT_ACKNOWLEDGED", exceptions: { every: { type: "PO_NOT_ACKNOWLEDGED" } } },
    take: 2,
  });
  assert.ok(waiting && approved, "two single-cause PO cases to work with");
  await prisma.case.update({ where: { id: waiting.id }, data: { status: "PENDING_APPROVAL" } });
  await prisma.case.update({ where: { id: approved.id }, data: { status: "ACTION_APPROVED" } });
  for (const c of [waiting, approved]) {
    const ex = await prisma.exception.findFirstOrThrow({ where: { caseId: c.id } });
    const poId = (ex.evidence as { purchaseOrderId: string }).purchaseOrderId;
    await prisma.purchaseOrder.update({ where: { id: poId }, data: { acknowledgedAt: asOf } });
  }
  await runDetectionPipeline(prisma, asOf);
  assert.equal((await prisma.case.findUniqueOrThrow({ where: { id: waiting.id } })).status, "PENDING_APPROVAL");
  assert.equal((await prisma.case.findUniqueOrThrow({ where: { id: approved.id } })).status, "RESOLVED");
});
