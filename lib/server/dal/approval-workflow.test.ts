/**
 * Integration: the approval gates through the real data layer on a real database (a clone of the
 * seeded template) — concurrent approvers, multi-level supervisor → finance, separation of duties
 * (requester, editor, one person one level), request changes → edit → re-approve, cancel,
 * auto-approval, reallocation away from STRATEGIC customers, notifications, the inbox and the
 * case page's approval state.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  actions: typeof import("@/lib/server/dal/case-actions");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
  verify: typeof import("@/lib/server/audit/verify-audit-chain").verifyAuditChain;
};
const extraClients: PrismaClient[] = [];

const viewer = async (id: string) => {
  const v = await mod.loadViewer(mod.prisma, id);
  assert.ok(v, `user ${id} exists`);
  return v;
};

const used = new Set<string>();
/** A fresh OPEN case with an item at one of the sites (never the same twice in this file). */
async function freshCase(siteCodes = ["DC-ATL", "DC-NJ"]) {
  const c = await mod.prisma.case.findFirst({
    where: { status: "OPEN", site: { code: { in: siteCodes } }, itemId: { not: null }, id: { notIn: [...used] }, item: { unitCost: { gt: 0 } } },
    orderBy: { score: "desc" },
    include: { item: true, site: true },
  });
  assert.ok(c, `an unused open case exists at ${siteCodes.join("/")}`);
  used.add(c.id);
  return c;
}

/** Quantity that makes an ADJUST of this case's item worth more than `usd`. */
const qtyAbove = (c: { item: { unitCost: unknown } | null }, usd: number) => Math.floor(usd / Number(c.item!.unitCost)) + 1;

const expectAppError = async (p: Promise<unknown>, code: string, message?: RegExp) => {
  await assert.rejects(p, (e: unknown) => {
    assert.equal((e as { code?: string }).code, code, `expected ${code}, got ${String(e)}`);
    if (message) assert.match((e as Error).message, message);
    return true;
  });
};

const caseStatus = async (id: string) => (await mod.prisma.case.findUniqueOrThrow({ where: { id } })).status;
const actionRow = (id: string) => mod.prisma.caseAction.findUniqueOrThrow({ where: { id } });
const auditFor = (actionId: string) => mod.prisma.auditEntry.findMany({ where: { entityId: actionId, entityType: "CaseAction" }, orderBy: { seq: "asc" } });
const notes = (userId: string, kind: string, caseId: string) => mod.prisma.notification.count({ where: { userId, kind, caseId } });

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    actions: await import("@/lib/server/dal/case-actions"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    verify: (await import("@/lib/server/audit/verify-audit-chain")).verifyAuditChain,
  };
  // A second supervisor for the east sites, to race the first one and to approve what the first may not.
  const east = await mod.prisma.location.findMany({ where: { code: { in: ["DC-ATL", "DC-NJ"] } } });
  await mod.prisma.user.create({ data: { id: "usr_supervisor2", email: "supervisor2@test.local", name: "Sol Second", role: "supervisor", sites: { create: east.map((l) => ({ locationId: l.id })) } } });
});

after(async () => {
  // Approvals queue write-backs through the web process's pg-boss producer; stop it so the file can exit.
  const queue = (globalThis as unknown as { workbenchQueue?: Promise<PgBoss> }).workbenchQueue;
  if (queue) await (await queue).stop({ graceful: false, wait: true }).catch(() => {});
  for (const c of extraClients) await c.$disconnect();
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("concurrency", () => {
  test("two supervisors approving the same request at the same moment record exactly one decision", async () => {
    const planner = await viewer("usr_planner");
    const [s1, s2] = [await viewer("usr_supervisor"), await viewer("usr_supervisor2")];
    const a = createPrismaClient(db.url);
    const b = createPrismaClient(db.url);
    extraClients.push(a, b);
    // Warm both pools so the two decisions really start together.
    await Promise.all([a.$queryRaw`SELECT 1`, b.$queryRaw`SELECT 1`]);
    for (let round = 0; round < 3; round++) {
      const c = await freshCase();
      const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 5 + round, note: `Race ${round}` });
      const results = await Promise.allSettled([
        mod.actions.decideAction(s1, { actionId: action.id, decision: "APPROVE", level: 1 }, a),
        mod.actions.decideAction(s2, { actionId: action.id, decision: "APPROVE", level: 1 }, b),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      assert.equal(won.length, 1, `round ${round}: exactly one approver wins`);
      assert.equal(lost.length, 1);
      assert.equal((lost[0].reason as { code?: string }).code, "CONFLICT", String(lost[0].reason));
      assert.equal(await mod.prisma.actionApproval.count({ where: { actionId: action.id, revision: 1, level: 1 } }), 1, "one decision for the level");
      assert.equal(await mod.prisma.auditEntry.count({ where: { entityId: action.id, action: "action.approved" } }), 1, "one audit row");
      assert.equal(await mod.prisma.caseEvent.count({ where: { caseId: c.id, type: "ACTION_APPROVED" } }), 1, "one timeline event");
      const row = await actionRow(action.id);
      assert.equal(row.status, "APPROVED");
      const winner = (await mod.prisma.actionApproval.findFirstOrThrow({ where: { actionId: action.id } })).deciderId;
      assert.equal(row.decidedById, winner, "the recorded decider is the one whose approval row exists");
      assert.equal(await caseStatus(c.id), "ACTION_APPROVED");
    }
    assert.equal((await mod.verify(mod.prisma)).ok, true, "the audit chain holds under concurrent writers");
  });
});

describe("levels", () => {
  test("a large adjustment needs a supervisor, then finance; each step is recorded, audited and notified", async () => {
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    const supervisor2 = await viewer("usr_supervisor2");
    const finance = await viewer("usr_finance");
    const c = await freshCase(["DC-ATL"]);
    const proposedAt = Date.now();
    const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "ADJUST", quantity: qtyAbove(c, 30_000), note: "Write off the damaged pallets" });
    assert.ok(action.valueUsd > 25_000);
    assert.deepEqual(action.requiredLevels, [
      { level: 1, role: "supervisor" },
      { level: 2, role: "finance" },
    ]);
    assert.equal(action.policyVersion, 1, "the default policy is stored as version 1 on first use");
    assert.match(action.policyReason, /Stock adjustment over \$25,000.*supervisor, then finance/);
    assert.ok(action.expiresAt && Math.abs(action.expiresAt.getTime() - (proposedAt + 72 * 3_600_000)) < 60_000, "expires after the policy's 72 h");
    assert.equal(await notes("usr_supervisor", "APPROVAL_REQUESTED", c.id), 1);
    assert.equal(await notes("usr_supervisor2", "APPROVAL_REQUESTED", c.id), 1);
    assert.equal(await notes("usr_finance", "APPROVAL_REQUESTED", c.id), 0, "finance is asked only when its level is reached");
    assert.equal(await notes("usr_planner", "APPROVAL_REQUESTED", c.id), 0);

    // Finance cannot jump the queue; nobody decides a level they were not shown.
    await expectAppError(mod.actions.decideAction(finance, { actionId: action.id, decision: "APPROVE" }), "FORBIDDEN", /Level 1 of 2 needs a supervisor/);
    await expectAppError(mod.actions.decideAction(supervisor, { actionId: action.id, decision: "APPROVE", level: 2 }), "CONFLICT");

    const first = await mod.actions.decideAction(supervisor, { actionId: action.id, decision: "APPROVE", level: 1 });
    assert.deepEqual({ status: first.status, level: first.level, of: first.of, writeBackId: first.writeBackId }, { status: "PENDING_APPROVAL", level: 1, of: 2, writeBackId: null });
    let row = await actionRow(action.id);
    assert.equal(row.currentLevel, 2);
    assert.equal(row.decidedById, null, "not decided until the last level");
    assert.equal(await caseStatus(c.id), "PENDING_APPROVAL");
    assert.equal(await notes("usr_finance", "APPROVAL_REQUESTED", c.id), 1, "finance is asked now");
    assert.equal(await notes("usr_planner", "DECISION_MADE", c.id), 1, "the requester hears about every decision");

    // The supervisor who decided level 1 cannot decide level 2, nor can another supervisor (wrong role).
    await expectAppError(mod.actions.decideAction(supervisor, { actionId: action.id, decision: "APPROVE", level: 2 }), "FORBIDDEN", /already decided another level/);
    await expectAppError(mod.actions.decideAction(supervisor2, { actionId: action.id, decision: "APPROVE", level: 2 }), "FORBIDDEN", /needs a finance/);

    const second = await mod.actions.decideAction(finance, { actionId: action.id, decision: "APPROVE", level: 2, reason: "Within budget" });
    assert.equal(second.status, "APPROVED");
    row = await actionRow(action.id);
    assert.equal(row.status, "APPROVED");
    assert.equal(row.currentLevel, 3);
    assert.equal(row.decidedById, finance.id);
    assert.equal(await caseStatus(c.id), "ACTION_APPROVED");
    assert.equal(await notes("usr_planner", "DECISION_MADE", c.id), 2);

    const approvals = await mod.prisma.actionApproval.findMany({ where: { actionId: action.id }, orderBy: { level: "asc" } });
    assert.deepEqual(approvals.map((a) => [a.level, a.decision, a.deciderId, a.deciderRole, a.policyVersion]), [
      [1, "APPROVED", supervisor.id, "supervisor", 1],
      [2, "APPROVED", finance.id, "finance", 1],
    ]);
    const wb = await mod.prisma.writeBack.findUnique({ where: { actionId: action.id } });
    assert.ok(wb, "the final approval queued the write-back in the same transaction");
    assert.equal(second.writeBackId, wb.id);

    const events = (await mod.prisma.caseEvent.findMany({ where: { caseId: c.id }, orderBy: { createdAt: "asc" } })).map((e) => e.type).filter((t) => t.startsWith("ACTION"));
    assert.deepEqual(events, ["ACTION_PROPOSED", "ACTION_LEVEL_APPROVED", "ACTION_APPROVED"]);
    const audit = await auditFor(action.id);
    assert.deepEqual(audit.map((a) => [a.action, a.actorId]), [
      ["action.proposed", planner.id],
      ["action.level_approved", supervisor.id],
      ["action.approved", finance.id],
    ]);
    const afterLevel1 = audit[1].after as { level: number; of: number; policyVersion: number; score: { score: number; terms: { code: string; inputs: object }[] } };
    assert.equal(afterLevel1.level, 1);
    assert.equal(afterLevel1.of, 2);
    assert.equal(afterLevel1.policyVersion, 1);
    assert.equal(afterLevel1.score.score, c.score, "the decision records the score it was made on");
    assert.ok(afterLevel1.score.terms.some((t) => t.code === "urgency_factor"), "…with its terms and their inputs");
    assert.equal((audit[2].after as { level: number }).level, 2);
  });

  test("a supervisor's final approval is bounded by the limit; the policy adds finance above it", async () => {
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    const c = await freshCase(["DC-ATL", "DC-NJ"]);
    // An expedite is valued at 15 % of the stock: pick a quantity worth > $50,000.
    const quantity = Math.floor(60_000 / (Number(c.item!.unitCost) * 0.15)) + 1;
    const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "EXPEDITE", quantity, note: "Air freight the whole PO", targetDate: "2030-02-01" });
    assert.deepEqual((action.requiredLevels as { role: string }[]).map((l) => l.role), ["supervisor", "finance"]);
    assert.match(action.policyReason, /above the supervisor limit of \$50,000, so finance gives the final approval/);
    const r = await mod.actions.decideAction(supervisor, { actionId: action.id, decision: "APPROVE" });
    assert.equal(r.status, "PENDING_APPROVAL", "the supervisor reviews; finance signs off");
  });
});

describe("separation of duties", () => {
  test("the requester can never decide their own request, admins included", async () => {
    const supervisor = await viewer("usr_supervisor");
    const admin = await viewer("usr_admin");
    const own = await mod.actions.proposeAction(supervisor, { caseId: (await freshCase()).id, type: "RECOUNT", quantity: 2, note: "My own count" });
    for (const decision of ["APPROVE", "REJECT", "REQUEST_CHANGES"] as const) {
      await expectAppError(mod.actions.decideAction(supervisor, { actionId: own.id, decision, reason: "self" }), "FORBIDDEN", /cannot approve or decide an action you requested/);
    }
    const adminOwn = await mod.actions.proposeAction(admin, { caseId: (await freshCase(["DC-LAX", "DC-SEA", "DC-CHI", "DC-DAL"])).id, type: "RECOUNT", quantity: 2, note: "Admin asks" });
    await expectAppError(mod.actions.decideAction(admin, { actionId: adminOwn.id, decision: "APPROVE" }), "FORBIDDEN", /you requested/);
    assert.equal((await actionRow(own.id)).status, "PENDING_APPROVAL");
    assert.equal(await mod.prisma.actionApproval.count({ where: { actionId: { in: [own.id, adminOwn.id] } } }), 0);
    // …but an admin may decide someone else's request at any level.
    assert.equal((await mod.actions.decideAction(admin, { actionId: own.id, decision: "APPROVE" })).status, "APPROVED");
  });

  test("an admin who approved level 1 cannot also approve level 2", async () => {
    const planner = await viewer("usr_planner");
    const admin = await viewer("usr_admin");
    const finance = await viewer("usr_finance");
    const c = await freshCase(["DC-ATL"]);
    const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "ADJUST", quantity: qtyAbove(c, 26_000), note: "Admin on both levels?" });
    assert.equal((await mod.actions.decideAction(admin, { actionId: action.id, decision: "APPROVE" })).status, "PENDING_APPROVAL");
    await expectAppError(mod.actions.decideAction(admin, { actionId: action.id, decision: "APPROVE" }), "FORBIDDEN", /different person/);
    assert.equal((await mod.actions.decideAction(finance, { actionId: action.id, decision: "APPROVE" })).status, "APPROVED");
  });

  test("request changes → edit → re-approve; whoever edited cannot approve it", async () => {
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    const supervisor2 = await viewer("usr_supervisor2");
    const c = await freshCase(["DC-ATL"]);
    // Small enough for the default single supervisor level.
    const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "ADJUST", quantity: 1, note: "Correct one unit" });
    assert.deepEqual((action.requiredLevels as { role: string }[]).map((l) => l.role), ["supervisor"]);

    await expectAppError(mod.actions.decideAction(supervisor, { actionId: action.id, decision: "REQUEST_CHANGES" }), "INVALID", /what should change/);
    const sentBack = await mod.actions.decideAction(supervisor, { actionId: action.id, decision: "REQUEST_CHANGES", reason: "The count says 40 units are missing" });
    assert.equal(sentBack.status, "CHANGES_REQUESTED");
    assert.equal(await caseStatus(c.id), "PENDING_APPROVAL", "the case keeps its request while the requester edits");
    await expectAppError(mod.actions.decideAction(supervisor2, { actionId: action.id, decision: "APPROVE" }), "CONFLICT", /changes requested/);
    assert.equal(await notes("usr_planner", "DECISION_MADE", c.id), 1);

    // The requester edits: a new revision, re-evaluated under the policy (now > $25,000 → two levels).
    await expectAppError(mod.actions.editAction(await viewer("usr_executive"), { actionId: action.id, quantity: 40, note: "exec" }), "FORBIDDEN");
    await expectAppError(mod.actions.editAction(planner, { actionId: action.id, quantity: 0, note: "zero" }), "INVALID");
    const edited = await mod.actions.editAction(planner, { actionId: action.id, quantity: qtyAbove(c, 26_000), note: "Adjust the full shortfall" });
    assert.equal(edited.status, "PENDING_APPROVAL");
    assert.equal(edited.revision, 2);
    let row = await actionRow(action.id);
    assert.equal(row.currentLevel, 1);
    assert.deepEqual((row.requiredLevels as { role: string }[]).map((l) => l.role), ["supervisor", "finance"], "levels re-evaluated on edit");
    assert.deepEqual(row.editedByIds, [planner.id]);
    assert.equal(row.note, "Adjust the full shortfall");

    // The supervisor who asked for changes may approve the new revision of the same level.
    assert.equal((await mod.actions.decideAction(supervisor, { actionId: action.id, decision: "REQUEST_CHANGES", reason: "Attach the count sheet" })).status, "CHANGES_REQUESTED");
    // This time the supervisor fixes it themselves — and so may not approve it.
    const bySupervisor = await mod.actions.editAction(supervisor, { actionId: action.id, quantity: qtyAbove(c, 26_000) + 1, note: "Count sheet CS-114 attached" });
    assert.equal(bySupervisor.revision, 3);
    row = await actionRow(action.id);
    assert.deepEqual(row.editedByIds, [planner.id, supervisor.id]);
    await expectAppError(mod.actions.decideAction(supervisor, { actionId: action.id, decision: "APPROVE" }), "FORBIDDEN", /You edited this action/);
    assert.equal(await notes("usr_planner", "DECISION_MADE", c.id), 3, "the requester is told a supervisor edited their request");

    assert.equal((await mod.actions.decideAction(supervisor2, { actionId: action.id, decision: "APPROVE" })).status, "PENDING_APPROVAL");
    assert.equal((await mod.actions.decideAction(await viewer("usr_finance"), { actionId: action.id, decision: "APPROVE" })).status, "APPROVED");

    const approvals = await mod.prisma.actionApproval.findMany({ where: { actionId: action.id }, orderBy: [{ revision: "asc" }, { level: "asc" }] });
    assert.deepEqual(approvals.map((a) => [a.revision, a.level, a.decision]), [
      [1, 1, "CHANGES_REQUESTED"],
      [2, 1, "CHANGES_REQUESTED"],
      [3, 1, "APPROVED"],
      [3, 2, "APPROVED"],
    ]);
    const events = (await mod.prisma.caseEvent.findMany({ where: { caseId: c.id }, orderBy: { createdAt: "asc" } })).map((e) => e.type).filter((t) => t.startsWith("ACTION") || t === "CHANGES_REQUESTED");
    assert.deepEqual(events, ["ACTION_PROPOSED", "CHANGES_REQUESTED", "ACTION_EDITED", "CHANGES_REQUESTED", "ACTION_EDITED", "ACTION_LEVEL_APPROVED", "ACTION_APPROVED"]);
    assert.deepEqual((await auditFor(action.id)).map((a) => a.action), [
      "action.proposed",
      "action.changes_requested",
      "action.edited",
      "action.changes_requested",
      "action.edited",
      "action.level_approved",
      "action.approved",
    ]);
  });

  test("a planner cannot decide, even by calling the data layer directly", async () => {
    const planner = await viewer("usr_planner");
    const action = await mod.actions.proposeAction(planner, { caseId: (await freshCase()).id, type: "RECOUNT", quantity: 3, note: "Count it" });
    await expectAppError(mod.actions.decideAction(planner, { actionId: action.id, decision: "APPROVE" }), "FORBIDDEN");
    await expectAppError(mod.actions.decideAction(await viewer("usr_executive"), { actionId: action.id, decision: "REJECT", reason: "no" }), "FORBIDDEN");
    await expectAppError(mod.actions.decideAction(await viewer("usr_planner_west"), { actionId: action.id, decision: "APPROVE" }), "FORBIDDEN");
    assert.equal((await actionRow(action.id)).status, "PENDING_APPROVAL");
  });
});

describe("cancel, reject, auto-approve", () => {
  test("the requester or a supervisor cancels an open request; the case opens again", async () => {
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    const c1 = await freshCase();
    const a1 = await mod.actions.proposeAction(planner, { caseId: c1.id, type: "RECOUNT", quantity: 4, note: "Count" });
    await expectAppError(mod.actions.cancelAction(planner, { actionId: a1.id, reason: "" }), "INVALID");
    await expectAppError(mod.actions.cancelAction(await viewer("usr_executive"), { actionId: a1.id, reason: "stop it" }), "FORBIDDEN");
    await expectAppError(mod.actions.cancelAction(await viewer("usr_planner_west"), { actionId: a1.id, reason: "stop it" }), "NOT_FOUND");
    assert.equal((await mod.actions.cancelAction(planner, { actionId: a1.id, reason: "Stock turned up" })).status, "CANCELLED");
    assert.equal(await caseStatus(c1.id), "OPEN");
    await expectAppError(mod.actions.cancelAction(planner, { actionId: a1.id, reason: "again" }), "CONFLICT");
    await expectAppError(mod.actions.decideAction(supervisor, { actionId: a1.id, decision: "APPROVE" }), "CONFLICT");

    const c2 = await freshCase();
    const a2 = await mod.actions.proposeAction(planner, { caseId: c2.id, type: "RECOUNT", quantity: 4, note: "Count" });
    await mod.actions.cancelAction(supervisor, { actionId: a2.id, reason: "Duplicate of another count" });
    assert.equal(await caseStatus(c2.id), "OPEN");
    assert.equal(await notes("usr_planner", "DECISION_MADE", c2.id), 1, "the requester is told a supervisor cancelled it");
    assert.deepEqual((await auditFor(a2.id)).map((a) => [a.action, a.reason]), [
      ["action.proposed", "Count"],
      ["action.cancelled", "Duplicate of another count"],
    ]);
  });

  test("a rejection needs a reason and reopens the case", async () => {
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    const c = await freshCase();
    const a = await mod.actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 4, note: "Count" });
    await expectAppError(mod.actions.decideAction(supervisor, { actionId: a.id, decision: "REJECT" }), "INVALID", /why you reject/);
    assert.equal((await mod.actions.decideAction(supervisor, { actionId: a.id, decision: "REJECT", reason: "Counted yesterday" })).status, "REJECTED");
    assert.equal(await caseStatus(c.id), "OPEN");
    assert.equal((await actionRow(a.id)).decisionReason, "Counted yesterday");
  });

  test("a low-risk hold on a high-confidence case is auto-approved with its reason; a low-confidence one waits", async () => {
    const planner = await viewer("usr_planner");
    const c = await freshCase();
    assert.ok(c.confidence >= 0.9, "demo cases at the planner's sites have full confidence");
    const auto = await mod.actions.proposeAction(planner, { caseId: c.id, type: "HOLD", quantity: 10, note: "Keep the lot on hold" });
    assert.equal(auto.status, "APPROVED");
    assert.equal(auto.autoApproved, true);
    assert.deepEqual(auto.requiredLevels, []);
    assert.equal(auto.expiresAt, null);
    assert.equal(await caseStatus(c.id), "ACTION_APPROVED");
    const events = await mod.prisma.caseEvent.findMany({ where: { caseId: c.id, type: { startsWith: "ACTION" } }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(events.map((e) => e.type), ["ACTION_PROPOSED", "ACTION_AUTO_APPROVED"]);
    assert.match((events[1].data as { reason: string }).reason, /^Auto-approved by policy v1: a hold of \$0 \(≤ \$1,000\) on a case with confidence 1\.00/);
    const audit = await auditFor(auto.id);
    assert.deepEqual(audit.map((a) => [a.action, a.actorRole]), [
      ["action.proposed", "planner"],
      ["action.auto_approved", "system"],
    ]);
    assert.ok(await mod.prisma.writeBack.findUnique({ where: { actionId: auto.id } }), "auto-approval queues the write-back too");
    assert.equal(await mod.prisma.notification.count({ where: { caseId: c.id, kind: "APPROVAL_REQUESTED" } }), 0, "nobody is asked");

    const low = await freshCase();
    await mod.prisma.case.update({ where: { id: low.id }, data: { confidence: 0.7 } });
    const waits = await mod.actions.proposeAction(planner, { caseId: low.id, type: "HOLD", quantity: 10, note: "Keep the lot on hold" });
    assert.equal(waits.status, "PENDING_APPROVAL");
    assert.match(waits.policyReason, /Not auto-approved: case confidence 0\.70 < 0\.90/);
  });

  test("reallocating stock that a STRATEGIC customer's order holds needs a supervisor by rule", async () => {
    const planner = await viewer("usr_planner");
    const c = await freshCase(["DC-ATL"]);
    const strategic = await mod.prisma.customer.findFirstOrThrow({ where: { tier: "STRATEGIC" } });
    await mod.prisma.salesOrder.create({
      data: {
        number: "SO-TEST-STRATEGIC",
        customerId: strategic.id,
        locationId: c.siteId,
        orderedAt: new Date(),
        lines: { create: [{ lineNo: 1, itemId: c.itemId!, qtyOrdered: 50, qtyAllocated: 50, unitPrice: 10, promisedShipDate: new Date(Date.now() + 7 * 86_400_000) }] },
      },
    });
    const a = await mod.actions.proposeAction(planner, { caseId: c.id, type: "REALLOCATE", quantity: 5, note: "Move 5 units to the late order" });
    assert.match(a.policyReason, /^Rule “Reallocation away from a STRATEGIC customer” \(reallocate, takes stock from STRATEGIC customer orders\): supervisor\./);
  });
});

describe("reads", () => {
  test("the inbox shows what the viewer may decide at their level; my requests and the case page say where each stands", async () => {
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    const finance = await viewer("usr_finance");
    const c = await freshCase(["DC-ATL"]);
    const big = await mod.actions.proposeAction(planner, { caseId: c.id, type: "ADJUST", quantity: qtyAbove(c, 27_000), note: "Inbox check" });
    const own = await mod.actions.proposeAction(supervisor, { caseId: (await freshCase()).id, type: "RECOUNT", quantity: 1, note: "My own" });

    const supInbox = await mod.actions.findApprovalInbox(supervisor);
    const supRow = supInbox.rows.find((r) => r.a.id === big.id);
    assert.ok(supRow, "level-1 supervisor request in the supervisor's inbox");
    assert.equal(supRow.caps.canApprove, true);
    const ownRow = supInbox.rows.find((r) => r.a.id === own.id);
    assert.ok(ownRow, "own requests are listed…");
    assert.equal(ownRow.caps.canApprove, false, "…but cannot be approved");
    assert.match(ownRow.caps.blockedReason ?? "", /you requested/);
    assert.equal(supInbox.limit, 50_000);
    assert.equal((await mod.actions.findApprovalInbox(finance)).rows.some((r) => r.a.id === big.id), false, "finance sees it only at its level");

    await mod.actions.decideAction(supervisor, { actionId: big.id, decision: "APPROVE" });
    const finInbox = await mod.actions.findApprovalInbox(finance);
    assert.equal(finInbox.rows.find((r) => r.a.id === big.id)?.caps.canApprove, true);
    assert.equal(finInbox.limit, null);
    assert.equal((await mod.actions.findApprovalInbox(supervisor)).rows.some((r) => r.a.id === big.id), false, "gone from the supervisor level");
    assert.equal((await mod.actions.findApprovalInbox(await viewer("usr_admin"))).rows.some((r) => r.a.id === big.id), true, "admins see every level");
    await expectAppError(mod.actions.findApprovalInbox(planner), "FORBIDDEN");

    const mine = await mod.actions.findMyRequests(planner);
    const mineRow = mine.find((r) => r.id === big.id);
    assert.ok(mineRow);
    assert.equal(mineRow.currentLevel, 2);
    assert.deepEqual(mineRow.approvals.map((a) => [a.level, a.decision, a.deciderName]), [[1, "APPROVED", "Sam Supervisor"]]);

    const state = await mod.actions.getCaseApprovalState(planner, c.id);
    assert.equal(state.open?.id, big.id);
    assert.equal(state.open?.isRequester, true);
    assert.deepEqual({ canApprove: state.open?.viewer.canApprove, canCancel: state.open?.viewer.canCancel, canEdit: state.open?.viewer.canEdit }, { canApprove: false, canCancel: true, canEdit: false });
    const finState = await mod.actions.getCaseApprovalState(finance, c.id);
    assert.equal(finState.open?.viewer.canApprove, true);
    const supState = await mod.actions.getCaseApprovalState(supervisor, c.id);
    assert.equal(supState.open?.viewer.atTheirLevel, false, "the request has moved on to finance");
    await expectAppError(mod.actions.getCaseApprovalState(await viewer("usr_planner_west"), c.id), "NOT_FOUND");
  });
});
