/**
 * Integration: saved queue views through the real data-access layer on a fresh clone of the seeded database —
 * own and shared visibility, owner-only changes, the per-owner unique name, canonical queries and audit rows.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  dal: typeof import("@/lib/server/dal/saved-views");
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

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    dal: await import("@/lib/server/dal/saved-views"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    verify: (await import("@/lib/server/audit/verify-audit-chain")).verifyAuditChain,
  };
});

after(async () => {
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("saved views", () => {
  test("a private view is visible only to its owner; a shared view to everyone, marked as not theirs", async () => {
    const planner = await viewer("usr_planner");
    const west = await viewer("usr_planner_west");
    const mine = await mod.dal.createSavedView(planner, { name: "  My   critical ", query: "severity=CRITICAL&page=3", shared: false });
    const team = await mod.dal.createSavedView(planner, { name: "Team: breached SLA", query: "?sla=breached&cols=title,score&density=compact", shared: true });

    // Names are trimmed and collapsed; queries are canonical (page dropped) and the layout follows the query.
    assert.equal(mine.name, "My critical");
    assert.equal(mine.query, "severity=CRITICAL");
    assert.deepEqual(team.layout.order, ["title", "score"]);
    assert.equal(team.layout.density, "compact");
    assert.ok(team.layout.hidden.includes("severity"));

    const plannerList = await mod.dal.listSavedViews(planner);
    assert.deepEqual(
      plannerList.filter((v) => v.id === mine.id || v.id === team.id).map((v) => [v.name, v.mine]),
      [
        ["My critical", true],
        ["Team: breached SLA", true],
      ],
    );

    const westList = await mod.dal.listSavedViews(west);
    assert.equal(westList.some((v) => v.id === mine.id), false, "a private view stays private");
    const seen = westList.find((v) => v.id === team.id);
    assert.ok(seen, "a shared view is listed for other users");
    assert.equal(seen.mine, false);
    assert.equal(seen.ownerName, "Priya Planner");
  });

  test("only the owner may change or delete a view", async () => {
    const planner = await viewer("usr_planner");
    const west = await viewer("usr_planner_west");
    const shared = await mod.dal.createSavedView(planner, { name: "Shared NJ", query: "site=DC-NJ", shared: true });
    const secret = await mod.dal.createSavedView(planner, { name: "Private NJ", query: "site=DC-NJ", shared: false });

    await expectAppError(mod.dal.updateSavedView(west, { id: shared.id, name: "Hijacked" }), "FORBIDDEN", /only the owner/i);
    await expectAppError(mod.dal.deleteSavedView(west, shared.id), "FORBIDDEN", /only the owner/i);
    // Someone else's private view does not exist for the viewer.
    await expectAppError(mod.dal.updateSavedView(west, { id: secret.id, shared: true }), "NOT_FOUND");
    await expectAppError(mod.dal.deleteSavedView(west, secret.id), "NOT_FOUND");
    const untouched = await mod.prisma.savedView.findUniqueOrThrow({ where: { id: shared.id } });
    assert.equal(untouched.name, "Shared NJ");

    const renamed = await mod.dal.updateSavedView(planner, { id: secret.id, name: "NJ high", query: "site=DC-NJ&severity=HIGH", shared: true });
    assert.equal(renamed.name, "NJ high");
    assert.equal(renamed.query, "severity=HIGH&site=DC-NJ");
    assert.equal(renamed.shared, true);
    assert.ok((await mod.dal.listSavedViews(west)).some((v) => v.id === secret.id), "sharing it makes it visible to the team");

    await mod.dal.deleteSavedView(planner, shared.id);
    assert.equal(await mod.prisma.savedView.count({ where: { id: shared.id } }), 0);
  });

  test("a name is unique per owner, with a message that says so; other owners may reuse it", async () => {
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    await mod.dal.createSavedView(planner, { name: "Morning triage", query: "assignee=none", shared: false });
    await expectAppError(
      mod.dal.createSavedView(planner, { name: "Morning triage ", query: "assignee=me", shared: true }),
      "CONFLICT",
      /already have a view named "Morning triage"/,
    );
    const other = await mod.dal.createSavedView(planner, { name: "Evening triage", query: "", shared: false });
    await expectAppError(mod.dal.updateSavedView(planner, { id: other.id, name: "Morning triage" }), "CONFLICT", /already have a view named/);
    const theirs = await mod.dal.createSavedView(supervisor, { name: "Morning triage", query: "assignee=me", shared: false });
    assert.equal(theirs.name, "Morning triage");
    await expectAppError(mod.dal.createSavedView(planner, { name: "   ", query: "", shared: false }), "INVALID");
  });

  test("every change writes an audit row and the chain still verifies", async () => {
    const planner = await viewer("usr_planner");
    const view = await mod.dal.createSavedView(planner, { name: "Audited", query: "tier=STRATEGIC", shared: false });
    await mod.dal.updateSavedView(planner, { id: view.id, shared: true });
    await mod.dal.deleteSavedView(planner, view.id);
    const rows = await mod.prisma.auditEntry.findMany({ where: { entityType: "SavedView", entityId: view.id }, orderBy: { seq: "asc" } });
    assert.deepEqual(
      rows.map((r) => r.action),
      ["savedView.created", "savedView.updated", "savedView.deleted"],
    );
    assert.ok(rows.every((r) => r.actorId === "usr_planner"));
    const verdict = await mod.verify(mod.prisma);
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
  });
});
