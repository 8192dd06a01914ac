/**
 * Integration: the propose → approve slice through the real data-access layer on a real database
 * (a fresh clone of the seeded template). Covers authorization, site scoping, requester ≠ approver,
 * the case state machine and the audit row written in the same transaction.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  actions: typeof import("@/lib/server/dal/case-actions");
  cases: typeof import("@/lib/server/dal/cases");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
  verify: typeof import("@/lib/server/audit/verify-audit-chain").verifyAuditChain;
  parse: typeof import("@/lib/search-params/cases").parseCasesQuery;
};

const viewer = async (id: string) => {
  const v = await mod.loadViewer(mod.prisma, id);
  assert.ok(v, `demo user ${id} exists`);
  return v;
};

/** An OPEN case at one of the given sites, highest score first. */
async function openCaseAt(siteCodes: string[], skip = 0) {
  const c = await mod.prisma.case.findFirst({
    where: { status: "OPEN", site: { code: { in: siteCodes } }, itemId: { not: null } },
    orderBy: { score: "desc" },
    skip,
  });
  assert.ok(c, `an open case exists at ${siteCodes.join("/")}`);
  return c;
}

const expectAppError = async (p: Promise<unknown>, code: string) => {
  await assert.rejects(p, (e: unknown) => {
    assert.equal((e as { code?: string }).code, code, `expected ${code}, got ${String(e)}`);
    return true;
  });
};

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    actions: await import("@/lib/server/dal/case-actions"),
    cases: await import("@/lib/server/dal/cases"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    verify: (await import("@/lib/server/audit/verify-audit-chain")).verifyAuditChain,
    parse: (await import("@/lib/search-params/cases")).parseCasesQuery,
  };
});

after(async () => {
  // An approval queues its write-back through the web process's pg-boss producer; stop it so the file can exit.
  const queue = (globalThis as unknown as { workbenchQueue?: Promise<import("pg-boss")> }).workbenchQueue;
  if (queue) await (await queue).stop({ graceful: false, wait: true }).catch(() => {});
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("propose and approve", () => {
  test("planner proposes, supervisor approves; case, timeline and audit move together", async () => {
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    const c = await openCaseAt(["DC-ATL", "DC-NJ"]);
    const auditBefore = await mod.prisma.auditEntry.count({ where: { action: { startsWith: "action." } } });

    const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "EXPEDITE", quantity: 40, note: "Supplier can air-ship", targetDate: "2030-01-15" });
    assert.equal(action.status, "PENDING_APPROVAL");
    assert.ok(action.valueUsd > 0, "the action is valued from the item's cost");
    assert.equal((await mod.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status, "PENDING_APPROVAL");

    // A second proposal while one is pending is a conflict, not a silent overwrite.
    await expectAppError(mod.actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 1, note: "again", targetDate: undefined }), "CONFLICT");

    const result = await mod.actions.decideAction(supervisor, { actionId: action.id, decision: "APPROVE" });
    assert.equal(result.status, "APPROVED");
    const after = await mod.prisma.case.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });
    assert.equal(after.status, "ACTION_APPROVED");
    assert.deepEqual(
      after.events.map((e) => e.type).filter((t) => t.startsWith("ACTION")),
      ["ACTION_PROPOSED", "ACTION_APPROVED"],
    );
    const audit = await mod.prisma.auditEntry.findMany({ where: { caseId: c.id, action: { startsWith: "action." } }, orderBy: { seq: "asc" } });
    assert.deepEqual(audit.map((a) => [a.action, a.actorId]), [["action.proposed", planner.id], ["action.approved", supervisor.id]]);
    // The approval itself is two rows (the write-back it queues audits itself as writeback.*).
    assert.equal(await mod.prisma.auditEntry.count({ where: { action: { startsWith: "action." } } }), auditBefore + 2);
    assert.equal((audit[1].after as { score: { score: number } }).score.score, c.score, "the decision records the score it was made on");
  });

  test("a planner cannot approve, even by calling the data layer directly", async () => {
    const planner = await viewer("usr_planner");
    const c = await openCaseAt(["DC-ATL", "DC-NJ"], 1);
    const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 5, note: "Count the bin" });
    await expectAppError(mod.actions.decideAction(planner, { actionId: action.id, decision: "APPROVE" }), "FORBIDDEN");
    const unchanged = await mod.prisma.caseAction.findUniqueOrThrow({ where: { id: action.id } });
    assert.equal(unchanged.status, "PENDING_APPROVAL");
    assert.equal(unchanged.decidedById, null);
  });

  test("requester ≠ approver holds for supervisors and admins", async () => {
    const supervisor = await viewer("usr_supervisor");
    const admin = await viewer("usr_admin");
    const c1 = await openCaseAt(["DC-ATL", "DC-NJ"], 2);
    const own = await mod.actions.proposeAction(supervisor, { caseId: c1.id, type: "RECOUNT", quantity: 3, note: "I will count it" });
    await expectAppError(mod.actions.decideAction(supervisor, { actionId: own.id, decision: "APPROVE" }), "FORBIDDEN");

    const c2 = await openCaseAt(["DC-LAX", "DC-SEA", "DC-CHI", "DC-DAL"]);
    const adminOwn = await mod.actions.proposeAction(admin, { caseId: c2.id, type: "RECOUNT", quantity: 3, note: "Admin asks" });
    await expectAppError(mod.actions.decideAction(admin, { actionId: adminOwn.id, decision: "APPROVE" }), "FORBIDDEN");
    // …but another approver may.
    const ok = await mod.actions.decideAction(supervisor, { actionId: own.id, decision: "REJECT", reason: "Not needed" }).catch((e) => e);
    assert.equal((ok as { code?: string }).code, "FORBIDDEN", "the requester cannot reject their own request either");
    const byAdmin = await mod.actions.decideAction(admin, { actionId: own.id, decision: "REJECT", reason: "Count was done yesterday" });
    assert.equal(byAdmin.status, "REJECTED");
    assert.equal((await mod.prisma.case.findUniqueOrThrow({ where: { id: c1.id } })).status, "OPEN", "a rejection reopens the case");
  });

  test("an executive reads but cannot change data", async () => {
    const executive = await viewer("usr_executive");
    const c = await openCaseAt(["DC-ATL", "DC-NJ"], 3);
    assert.equal((await mod.cases.getCaseDetail(executive, c.id)).id, c.id);
    await expectAppError(mod.actions.proposeAction(executive, { caseId: c.id, type: "RECOUNT", quantity: 1, note: "exec" }), "FORBIDDEN");
    await expectAppError(mod.actions.addComment(executive, c.id, "hello"), "FORBIDDEN");
  });
});

describe("site scope", () => {
  test("a planner never sees or acts on another site's case, even by id", async () => {
    const west = await viewer("usr_planner_west");
    const east = await openCaseAt(["DC-ATL", "DC-NJ"], 4);
    await expectAppError(mod.cases.getCaseDetail(west, east.id), "NOT_FOUND");
    await expectAppError(mod.actions.proposeAction(west, { caseId: east.id, type: "RECOUNT", quantity: 1, note: "peek" }), "NOT_FOUND");
    await expectAppError(mod.actions.addComment(west, east.id, "peek"), "NOT_FOUND");

    const page = await mod.cases.findCases(west, mod.parse({ pageSize: "100", status: "" }));
    assert.ok(page.total > 0, "the west planner has cases of their own");
    assert.ok(page.rows.every((r) => ["DC-LAX", "DC-SEA"].includes(r.siteCode)), "only their sites are listed");
    // Asking for another site through the filter narrows further; it never widens the scope.
    const sneaky = await mod.cases.findCases(west, mod.parse({ site: "DC-ATL", status: "" }));
    assert.equal(sneaky.total, 0);
  });

  test("a supervisor cannot approve an action outside their sites", async () => {
    const west = await viewer("usr_planner_west");
    const supervisor = await viewer("usr_supervisor");
    const c = await openCaseAt(["DC-LAX", "DC-SEA"], 1);
    const action = await mod.actions.proposeAction(west, { caseId: c.id, type: "RECOUNT", quantity: 2, note: "West count" });
    await expectAppError(mod.actions.decideAction(supervisor, { actionId: action.id, decision: "APPROVE" }), "NOT_FOUND");
  });
});

describe("queue", () => {
  test("sorts by the allowlisted column and pages without overlap", async () => {
    const executive = await viewer("usr_executive");
    const p1 = await mod.cases.findCases(executive, mod.parse({ pageSize: "10" }));
    const p2 = await mod.cases.findCases(executive, mod.parse({ pageSize: "10", page: "2" }));
    assert.ok(p1.total > 10, "demo data fills more than one page");
    const scores = [...p1.rows, ...p2.rows].map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), "ranked by score, descending");
    assert.equal(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size, 20);
    const bad = mod.parse({ sort: "passwordHash", dir: "sideways" });
    assert.equal(bad.sort, "score");
    assert.equal(bad.dir, "desc");
  });
});

describe("audit log", () => {
  test("the chain verifies, the database refuses edits, and tampering is pinpointed", async () => {
    const verdict = await mod.verify(mod.prisma);
    assert.equal(verdict.ok, true);
    assert.ok(verdict.rows > 0);
    await assert.rejects(mod.prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET reason = 'edited'`), /append-only/);
    await assert.rejects(mod.prisma.$executeRawUnsafe(`DELETE FROM "AuditEntry"`), /append-only/);

    // Simulate an attacker with owner rights: disable the trigger, edit one row, re-enable.
    const victim = await mod.prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "asc" }, skip: 1 });
    await mod.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEntry" DISABLE TRIGGER audit_entry_append_only`);
    await mod.prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET "actorRole" = 'admin' WHERE seq = ${victim.seq}`);
    await mod.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEntry" ENABLE TRIGGER audit_entry_append_only`);
    const broken = await mod.verify(mod.prisma);
    assert.equal(broken.ok, false);
    if (!broken.ok) {
      assert.equal(broken.firstBrokenSeq, victim.seq.toString());
      assert.equal(broken.problem, "content");
    }
  });
});
