/**
 * Integration: case triage through the real data-access layer on a clone of the seeded database —
 * assign, acknowledge, snooze/unsnooze, resolve with a reason and reopen, in bulk; per-case skips
 * with reasons; cases outside the viewer's sites skipped as "not found"; a timeline event and an
 * audit row per updated case in the same transaction, and the audit chain still verifying.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  triage: typeof import("@/lib/server/dal/case-triage");
  people: typeof import("@/lib/server/dal/case-people");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
  verify: typeof import("@/lib/server/audit/verify-audit-chain").verifyAuditChain;
};

const viewer = async (id: string) => {
  const v = await mod.loadViewer(mod.prisma, id);
  assert.ok(v, `demo user ${id} exists`);
  return v;
};

const expectAppError = async (p: Promise<unknown>, code: string, message?: RegExp) => {
  await assert.rejects(p, (e: unknown) => {
    assert.equal((e as { code?: string }).code, code, `expected ${code}, got ${String(e)}`);
    if (message) assert.match((e as Error).message, message);
    return true;
  });
};

/** Distinct open cases at the given sites (each test takes its own slice so tests do not interfere). */
let taken = 0;
async function openCases(siteCodes: string[], n: number) {
  const rows = await mod.prisma.case.findMany({
    where: { status: "OPEN", site: { code: { in: siteCodes } } },
    orderBy: { number: "asc" },
    skip: taken,
    take: n,
    include: { site: true },
  });
  taken += n;
  assert.equal(rows.length, n, `${n} open cases at ${siteCodes.join("/")}`);
  return rows;
}

const eventsOf = (caseId: string, type: string) => mod.prisma.caseEvent.findMany({ where: { caseId, type }, orderBy: { createdAt: "asc" } });
const auditOf = (caseId: string, action: string) => mod.prisma.auditEntry.findMany({ where: { caseId, action }, orderBy: { seq: "asc" } });

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    triage: await import("@/lib/server/dal/case-triage"),
    people: await import("@/lib/server/dal/case-people"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    verify: (await import("@/lib/server/audit/verify-audit-chain")).verifyAuditChain,
  };
});

after(async () => {
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("assign", () => {
  test("assigns in bulk with an ASSIGNED event and an audit row each; a case outside the viewer's sites is 'not found'", async () => {
    const planner = await viewer("usr_planner");
    const [a, b] = await openCases(["DC-NJ"], 2);
    const [west] = await openCases(["DC-LAX"], 1);
    const auditBefore = await mod.prisma.auditEntry.count();

    const r = await mod.triage.assignCases(planner, { caseIds: [a.id, b.id, west.id, "no-such-case", a.id], assigneeId: "usr_supervisor" });
    assert.equal(r.updated, 2);
    assert.deepEqual(r.skipped, [
      { caseId: west.id, reason: "not found" },
      { caseId: "no-such-case", reason: "not found" },
    ]);
    for (const c of [a, b]) {
      const after = await mod.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
      assert.equal(after.assigneeId, "usr_supervisor");
      const [event] = await eventsOf(c.id, "ASSIGNED");
      assert.equal(event.actorId, planner.id);
      assert.deepEqual(event.data, { assigneeId: "usr_supervisor", assigneeName: "Sam Supervisor", previousAssigneeId: c.assigneeId, previousAssigneeName: null });
      const [row] = await auditOf(c.id, "case.assigned");
      assert.equal(row.actorId, planner.id);
      assert.equal((row.after as { assigneeId: string }).assigneeId, "usr_supervisor");
    }
    assert.equal(await mod.prisma.auditEntry.count(), auditBefore + 2);
    assert.equal((await mod.prisma.case.findUniqueOrThrow({ where: { id: west.id } })).assigneeId, west.assigneeId, "the other site's case is untouched");

    const again = await mod.triage.assignCases(planner, { caseIds: [a.id], assigneeId: "usr_supervisor" });
    assert.deepEqual(again, { updated: 0, skipped: [{ caseId: a.id, reason: "already assigned to Sam Supervisor" }] });

    const unassigned = await mod.triage.assignCases(planner, { caseIds: [a.id], assigneeId: null });
    assert.equal(unassigned.updated, 1);
    assert.equal((await mod.prisma.case.findUniqueOrThrow({ where: { id: a.id } })).assigneeId, null);
    assert.equal((await auditOf(a.id, "case.unassigned")).length, 1);
  });

  test("the assignee must be active, allowed to triage and able to see the case's site", async () => {
    const planner = await viewer("usr_planner");
    const [c] = await openCases(["DC-NJ"], 1);
    assert.deepEqual((await mod.triage.assignCases(planner, { caseIds: [c.id], assigneeId: "usr_planner_west" })).skipped, [
      { caseId: c.id, reason: `Wes Planner cannot see site DC-NJ` },
    ]);
    assert.deepEqual((await mod.triage.assignCases(planner, { caseIds: [c.id], assigneeId: "usr_finance" })).skipped, [
      { caseId: c.id, reason: "Fiona Finance (finance) may not work cases" },
    ]);
    assert.deepEqual((await mod.triage.assignCases(planner, { caseIds: [c.id], assigneeId: "usr_nobody" })).skipped, [{ caseId: c.id, reason: "assignee not found" }]);
    await mod.prisma.user.create({ data: { id: "usr_gone", email: "gone@demo.local", name: "Gone Planner", role: "planner", active: false, sites: { create: [{ locationId: c.siteId }] } } });
    assert.deepEqual((await mod.triage.assignCases(planner, { caseIds: [c.id], assigneeId: "usr_gone" })).skipped, [
      { caseId: c.id, reason: "Gone Planner is not an active user" },
    ]);
    // An admin sees every site, so may own any case.
    assert.equal((await mod.triage.assignCases(planner, { caseIds: [c.id], assigneeId: "usr_admin" })).updated, 1);
    assert.equal((await mod.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).assigneeId, "usr_admin");
    // The picker offers exactly the people who would be accepted.
    const names = (await mod.people.listAssignableUsers(planner, c.id)).map((u) => u.id).sort();
    assert.deepEqual(names, ["usr_admin", "usr_planner", "usr_supervisor"]);
  });

  test("roles without cases.triage are refused; bulk size is capped", async () => {
    const [c] = await openCases(["DC-NJ"], 1);
    await expectAppError(mod.triage.assignCases(await viewer("usr_executive"), { caseIds: [c.id], assigneeId: null }), "FORBIDDEN");
    await expectAppError(mod.triage.acknowledgeCases(await viewer("usr_finance"), { caseIds: [c.id] }), "FORBIDDEN");
    const many = Array.from({ length: 201 }, (_, i) => `case-${i}`);
    await expectAppError(mod.triage.acknowledgeCases(await viewer("usr_planner"), { caseIds: many }), "INVALID", /At most 200/);
  });
});

describe("acknowledge", () => {
  test("acknowledges once; a second call skips with a reason", async () => {
    const planner = await viewer("usr_planner");
    const [a, b] = await openCases(["DC-ATL"], 2);
    const first = await mod.triage.acknowledgeCases(planner, { caseIds: [a.id, b.id] });
    assert.deepEqual(first, { updated: 2, skipped: [] });
    const row = await mod.prisma.case.findUniqueOrThrow({ where: { id: a.id } });
    assert.ok(row.acknowledgedAt);
    assert.equal(row.acknowledgedById, planner.id);
    assert.equal((await eventsOf(a.id, "ACKNOWLEDGED")).length, 1);
    const second = await mod.triage.acknowledgeCases(planner, { caseIds: [a.id] });
    assert.deepEqual(second, { updated: 0, skipped: [{ caseId: a.id, reason: "already acknowledged" }] });
  });
});

describe("snooze", () => {
  test("needs a wake condition and a future date", async () => {
    const planner = await viewer("usr_planner");
    const [c] = await openCases(["DC-ATL"], 1);
    await expectAppError(mod.triage.snoozeCases(planner, { caseIds: [c.id] }), "INVALID", /at least one wake condition/);
    await expectAppError(mod.triage.snoozeCases(planner, { caseIds: [c.id], until: new Date(Date.now() - 60_000) }), "INVALID", /future/);
    assert.equal((await mod.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).snoozedAt, null);
  });

  test("stores the conditions and the score base; unsnooze clears them", async () => {
    const planner = await viewer("usr_planner");
    const [c] = await openCases(["DC-ATL"], 1);
    const until = new Date(Date.now() + 3 * 86_400_000);
    const r = await mod.triage.snoozeCases(planner, { caseIds: [c.id], until, onChange: true, scoreRisePct: 25 });
    assert.deepEqual(r, { updated: 1, skipped: [] });
    const snoozed = await mod.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    assert.ok(snoozed.snoozedAt);
    assert.equal(snoozed.snoozedById, planner.id);
    assert.equal(snoozed.snoozeUntil?.toISOString(), until.toISOString());
    assert.equal(snoozed.snoozeOnChange, true);
    assert.equal(snoozed.snoozeScoreRisePct, 25);
    assert.equal(snoozed.snoozeScoreBase, c.score, "the rise is measured from the score at snooze time");
    const [event] = await eventsOf(c.id, "SNOOZED");
    assert.equal((event.data as { conditions: string }).conditions, `until ${until.toISOString().slice(0, 16).replace("T", " ")} UTC, or a source record changes, or the score rises 25%`);
    assert.equal((await auditOf(c.id, "case.snoozed")).length, 1);

    assert.deepEqual(await mod.triage.unsnoozeCases(planner, { caseIds: [c.id] }), { updated: 1, skipped: [] });
    const awake = await mod.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    assert.deepEqual(
      [awake.snoozedAt, awake.snoozeUntil, awake.snoozeOnChange, awake.snoozeScoreRisePct, awake.snoozeScoreBase, awake.snoozedById],
      [null, null, false, null, null, null],
    );
    assert.equal((await eventsOf(c.id, "UNSNOOZED")).length, 1);
    assert.deepEqual(await mod.triage.unsnoozeCases(planner, { caseIds: [c.id] }), { updated: 0, skipped: [{ caseId: c.id, reason: "not snoozed" }] });
  });
});

describe("resolve and reopen", () => {
  test("resolve needs a reason code; cases with an action in flight are skipped; reopen needs a note and clears the resolution", async () => {
    const planner = await viewer("usr_planner");
    const [open, pending, approved] = await openCases(["DC-NJ"], 3);
    await mod.prisma.case.update({ where: { id: pending.id }, data: { status: "PENDING_APPROVAL" } });
    await mod.prisma.case.update({ where: { id: approved.id }, data: { status: "ACTION_APPROVED" } });
    await mod.triage.snoozeCases(planner, { caseIds: [open.id], onChange: true });

    await expectAppError(mod.triage.setCaseStatus(planner, { caseIds: [open.id], status: "RESOLVED" }), "INVALID", /resolution reason/);
    // System codes (detection, write-back confirmation) are not for people to choose.
    await expectAppError(mod.triage.setCaseStatus(planner, { caseIds: [open.id], status: "RESOLVED", reasonCode: "CONDITION_CLEARED" as never }), "INVALID", /resolution reason/);

    const r = await mod.triage.setCaseStatus(planner, { caseIds: [open.id, pending.id, approved.id], status: "RESOLVED", reasonCode: "SOURCE_DATA_ERROR", note: "Count was keyed twice" });
    assert.equal(r.updated, 1);
    assert.deepEqual(r.skipped, [
      { caseId: pending.id, reason: "an action is waiting for approval; decide it first" },
      { caseId: approved.id, reason: "an approved action is in progress; it closes when the source confirms it" },
    ]);
    const resolved = await mod.prisma.case.findUniqueOrThrow({ where: { id: open.id } });
    assert.equal(resolved.status, "RESOLVED");
    assert.equal(resolved.resolutionCode, "SOURCE_DATA_ERROR");
    assert.equal(resolved.resolutionReason, "Count was keyed twice");
    assert.ok(resolved.resolvedAt);
    assert.equal(resolved.snoozedAt, null, "resolving ends a snooze");
    const [event] = await eventsOf(open.id, "RESOLVED");
    assert.deepEqual(event.data, { reasonCode: "SOURCE_DATA_ERROR", reasonLabel: "Source data error", note: "Count was keyed twice", by: "Priya Planner" });
    assert.equal((await mod.prisma.case.findUniqueOrThrow({ where: { id: pending.id } })).status, "PENDING_APPROVAL");

    const twice = await mod.triage.setCaseStatus(planner, { caseIds: [open.id], status: "RESOLVED", reasonCode: "FIXED" });
    assert.deepEqual(twice.skipped, [{ caseId: open.id, reason: "already resolved" }]);

    await expectAppError(mod.triage.setCaseStatus(planner, { caseIds: [open.id], status: "OPEN", note: "   " }), "INVALID", /why the case is reopened/);
    const reopened = await mod.triage.setCaseStatus(planner, { caseIds: [open.id, pending.id], status: "OPEN", note: "The recount shows the gap is real" });
    assert.deepEqual(reopened, { updated: 1, skipped: [{ caseId: pending.id, reason: "not resolved" }] });
    const row = await mod.prisma.case.findUniqueOrThrow({ where: { id: open.id } });
    assert.deepEqual([row.status, row.resolutionCode, row.resolutionReason, row.resolvedAt], ["OPEN", null, null, null]);
    const [re] = await eventsOf(open.id, "REOPENED");
    assert.deepEqual(re.data, { note: "The recount shows the gap is real", previousReasonCode: "SOURCE_DATA_ERROR", previousReason: "Count was keyed twice" });
    const audit = await mod.prisma.auditEntry.findMany({ where: { caseId: open.id, action: { in: ["case.resolved", "case.reopened"] } }, orderBy: { seq: "asc" } });
    assert.deepEqual(audit.map((a) => [a.action, a.actorId, a.reason]), [
      ["case.resolved", planner.id, "Count was keyed twice"],
      ["case.reopened", planner.id, "The recount shows the gap is real"],
    ]);
  });

  test("a resolved case is not reopened while detection has a newer open case for the same cause", async () => {
    const planner = await viewer("usr_planner");
    const [c] = await openCases(["DC-ATL"], 1);
    await mod.triage.setCaseStatus(planner, { caseIds: [c.id], status: "RESOLVED", reasonCode: "FIXED" });
    const { id: _id, number: _n, ...copy } = await mod.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    const fresh = await mod.prisma.case.create({
      data: { ...copy, explanation: copy.explanation as object, recommendations: copy.recommendations as object, ruleTriggers: copy.ruleTriggers as object, status: "OPEN", resolvedAt: null, resolutionCode: null },
    });
    const r = await mod.triage.setCaseStatus(planner, { caseIds: [c.id], status: "OPEN", note: "came back" });
    assert.deepEqual(r, { updated: 0, skipped: [{ caseId: c.id, reason: `case #${fresh.number} is already open for the same cause` }] });
  });

  test("the audit chain still verifies after all of it", async () => {
    const result = await mod.verify(mod.prisma);
    assert.equal(result.ok, true, JSON.stringify(result));
  });
});
