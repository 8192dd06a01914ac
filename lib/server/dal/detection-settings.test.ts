/**
 * Integration: detection settings through the real data-access layer on a fresh clone of the seeded database —
 * scoring parameters are saved as new versions (validated, audited, old rows untouched), routing rules are created,
 * edited, reordered, toggled and deleted, and non-admins are refused.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { DEFAULT_SCORING_PARAMS, parseScoringParams, type ScoringParams } from "@/lib/domain/score/config";
import { routeCase } from "@/lib/domain/case/route-case";
import { ALL_PARAM_FIELDS, getPath } from "@/components/detection-settings/param-fields";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  dal: typeof import("@/lib/server/dal/detection-settings");
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

const latestVersion = async () => (await mod.prisma.scoringConfig.findFirst({ orderBy: { version: "desc" } }))!;

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    dal: await import("@/lib/server/dal/detection-settings"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    verify: (await import("@/lib/server/audit/verify-audit-chain")).verifyAuditChain,
  };
});

after(async () => {
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("scoring parameter versions", () => {
  test("saving creates a new version with the change, audited, and leaves the old row untouched", async () => {
    const admin = await viewer("usr_admin");
    const old = await latestVersion();
    const { current, currentVersion } = await mod.dal.getScoringSettings(admin);
    assert.equal(currentVersion, old.version);
    const edited: ScoringParams = structuredClone(current);
    edited.rules.poAckDays = current.rules.poAckDays + 2;
    edited.slaHours.CRITICAL = 6;
    edited.thresholdOverrides = [{ key: "poAckDays", siteId: "loc_dc_atl", abcClass: "A", value: 1 }];

    const { version } = await mod.dal.saveScoringVersion(admin, { baseVersion: old.version, params: edited, note: "Suppliers need longer to confirm" });
    assert.equal(version, old.version + 1);

    const saved = await latestVersion();
    assert.equal(saved.version, version);
    assert.equal(saved.createdById, "usr_admin");
    assert.equal(saved.note, "Suppliers need longer to confirm");
    const params = saved.params as ScoringParams;
    assert.equal(params.version, version);
    assert.equal(params.rules.poAckDays, current.rules.poAckDays + 2);
    assert.deepEqual(params.thresholdOverrides, [{ key: "poAckDays", siteId: "loc_dc_atl", abcClass: "A", value: 1 }]);

    const oldAgain = await mod.prisma.scoringConfig.findUnique({ where: { version: old.version } });
    assert.deepEqual(oldAgain, old, "the previous version is never edited");

    // The history names the changes against the predecessor.
    const { history } = await mod.dal.getScoringSettings(admin);
    assert.equal(history[0].version, version);
    assert.equal(history[0].createdBy, "Alex Admin");
    const changes = history[0].changes!;
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    assert.deepEqual(
      changes.filter((c) => c.path !== "thresholdOverrides").sort(byPath),
      [
        { path: "rules.poAckDays", before: current.rules.poAckDays, after: current.rules.poAckDays + 2 },
        { path: "slaHours.CRITICAL", before: current.slaHours.CRITICAL, after: 6 },
      ],
    );
    assert.deepEqual(changes.filter((c) => c.path === "thresholdOverrides"), [
      { path: "thresholdOverrides", before: null, after: { key: "poAckDays", siteId: "loc_dc_atl", abcClass: "A", value: 1 } },
    ]);

    const [entry] = await mod.prisma.auditEntry.findMany({ where: { entityType: "ScoringConfig", entityId: String(version) } });
    assert.equal(entry.action, "scoring_config.created");
    assert.equal(entry.actorId, "usr_admin");
    assert.equal(entry.reason, "Suppliers need longer to confirm");
    assert.equal((entry.before as ScoringParams).rules.poAckDays, current.rules.poAckDays);
    assert.equal((entry.after as ScoringParams).rules.poAckDays, current.rules.poAckDays + 2);
    assert.equal((await mod.verify(mod.prisma)).ok, true);
  });

  test("invalid parameters, a missing note, an unchanged copy and a stale base version are refused without a new row", async () => {
    const admin = await viewer("usr_admin");
    const before = await latestVersion();
    const { current } = await mod.dal.getScoringSettings(admin);

    const negative = structuredClone(current);
    negative.rules.asnGraceDays = -1;
    await expectAppError(mod.dal.saveScoringVersion(admin, { baseVersion: before.version, params: negative, note: "negative grace" }), "INVALID", /rules\.asnGraceDays/);

    const unknownOverride = { ...structuredClone(current), thresholdOverrides: [{ key: "noSuchThreshold", value: 1 }] };
    await expectAppError(mod.dal.saveScoringVersion(admin, { baseVersion: before.version, params: unknownOverride, note: "bad key" }), "INVALID", /Unknown threshold noSuchThreshold/);

    const fraction = structuredClone(current);
    fraction.confidence.floor = 1.5;
    await expectAppError(mod.dal.saveScoringVersion(admin, { baseVersion: before.version, params: fraction, note: "floor above one" }), "INVALID", /confidence\.floor/);

    const changed = structuredClone(current);
    changed.rules.demandSpikeK = current.rules.demandSpikeK + 1;
    await expectAppError(mod.dal.saveScoringVersion(admin, { baseVersion: before.version, params: changed, note: " " }), "INVALID", /note/);
    await expectAppError(mod.dal.saveScoringVersion(admin, { baseVersion: before.version, params: current, note: "no change" }), "INVALID", /Nothing changed/);
    await expectAppError(mod.dal.saveScoringVersion(admin, { baseVersion: before.version - 1, params: changed, note: "stale form" }), "CONFLICT", /saved after you opened/);

    assert.equal((await latestVersion()).version, before.version, "no version was created");
  });

  test("restoring an old version creates a new version equal to it", async () => {
    const admin = await viewer("usr_admin");
    const first = (await mod.prisma.scoringConfig.findFirst({ orderBy: { version: "asc" } }))!;
    const latest = await latestVersion();
    assert.ok(latest.version > first.version, "an earlier test created a newer version");
    const { version } = await mod.dal.restoreScoringVersion(admin, { version: first.version, baseVersion: latest.version, note: "back to the defaults" });
    assert.equal(version, latest.version + 1);
    const restored = await latestVersion();
    assert.equal(restored.note, `Restored version ${first.version}: back to the defaults`);
    assert.equal(restored.createdById, "usr_admin");
    const same = (p: unknown, version: number) => ({ ...parseScoringParams({ ...(p as object), version }), version: 0 });
    assert.deepEqual(same(restored.params, version), same(first.params, first.version));
    const { history } = await mod.dal.getScoringSettings(admin);
    assert.ok(history[0].changes!.some((c) => c.path === "rules.poAckDays"), "the restore's diff shows the reverted threshold");
    // Restoring what is already in use changes nothing and is refused.
    await expectAppError(mod.dal.restoreScoringVersion(admin, { version: first.version, baseVersion: version }), "INVALID", /Nothing changed/);
    await expectAppError(mod.dal.restoreScoringVersion(admin, { version: 9_999, baseVersion: version }), "NOT_FOUND");
  });

  test("non-admins are refused, whatever they send", async () => {
    const latest = await latestVersion();
    for (const id of ["usr_planner", "usr_supervisor", "usr_executive"]) {
      const v = await viewer(id);
      await expectAppError(mod.dal.getScoringSettings(v), "FORBIDDEN");
      await expectAppError(mod.dal.saveScoringVersion(v, { baseVersion: latest.version, params: DEFAULT_SCORING_PARAMS, note: "sneaky change" }), "FORBIDDEN");
      await expectAppError(mod.dal.restoreScoringVersion(v, { version: 1, baseVersion: latest.version }), "FORBIDDEN");
    }
    assert.equal((await latestVersion()).version, latest.version);
  });

  test("every numeric parameter has a labelled form field", () => {
    const leaves: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (typeof v === "number") leaves.push(path);
      else if (v && typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    };
    walk({ ...DEFAULT_SCORING_PARAMS, version: undefined }, "");
    assert.deepEqual(ALL_PARAM_FIELDS.map((f) => f.path).sort(), leaves.sort());
    for (const f of ALL_PARAM_FIELDS) assert.equal(typeof getPath(DEFAULT_SCORING_PARAMS, f.path), "number", f.path);
  });
});

describe("routing rules", () => {
  const input = (over: Partial<import("@/lib/server/dal/detection-settings").RoutingRuleInput> = {}) => ({
    name: "Test rule",
    enabled: true,
    types: ["PO_NO_ASN"],
    siteIds: ["loc_dc_atl"],
    supplierCodes: [] as string[],
    minScore: null,
    team: "test-team",
    assigneeId: null,
    ...over,
  });

  test("create resolves supplier codes, goes last, and is audited; unknown references are refused", async () => {
    const admin = await viewer("usr_admin");
    const suppliers = await mod.prisma.supplier.findMany({ orderBy: { code: "asc" }, take: 2, select: { id: true, code: true } });
    const before = await mod.dal.listRoutingRules(admin);

    await expectAppError(mod.dal.createRoutingRule(admin, input({ supplierCodes: [suppliers[0].code, "NO-SUCH-SUPPLIER"] })), "INVALID", /Unknown supplier code: NO-SUCH-SUPPLIER/);
    await expectAppError(mod.dal.createRoutingRule(admin, input({ types: ["NOT_A_TYPE"] })), "INVALID", /Unknown exception type: NOT_A_TYPE/);
    await expectAppError(mod.dal.createRoutingRule(admin, input({ siteIds: ["loc_nowhere"] })), "INVALID", /Unknown site: loc_nowhere/);
    await expectAppError(mod.dal.createRoutingRule(admin, input({ assigneeId: "usr_nobody" })), "INVALID", /Assignee/);
    assert.equal((await mod.dal.listRoutingRules(admin)).length, before.length, "refused rules are not stored");

    // Codes match case-insensitively and duplicates collapse.
    const { id } = await mod.dal.createRoutingRule(
      admin,
      input({ name: "ATL supplier trouble", supplierCodes: [suppliers[0].code.toLowerCase(), suppliers[1].code, suppliers[1].code], minScore: 500, assigneeId: "usr_planner" }),
    );
    const rules = await mod.dal.listRoutingRules(admin);
    assert.equal(rules.length, before.length + 1);
    const created = rules[rules.length - 1];
    assert.equal(created.id, id, "a new rule goes last");
    assert.ok(created.position > Math.max(...before.map((r) => r.position)));
    assert.deepEqual(created.conditions, { types: ["PO_NO_ASN"], siteIds: ["loc_dc_atl"], supplierIds: [suppliers[0].id, suppliers[1].id], minScore: 500 });
    assert.deepEqual(created.supplierCodes, [suppliers[0].code, suppliers[1].code]);
    assert.equal(created.assigneeName, "Priya Planner");

    const [entry] = await mod.prisma.auditEntry.findMany({ where: { entityType: "RoutingRule", entityId: id } });
    assert.equal(entry.action, "routing_rule.created");
    assert.equal((entry.after as { team: string }).team, "test-team");

    // The pure router sends a matching case to the new rule only once it is ahead of the catch-alls.
    const defs = rules.flatMap((r) => (r.conditions ? [{ ...r, conditions: r.conditions }] : []));
    const c = { primaryType: "PO_NO_ASN", siteId: "loc_dc_atl", supplierId: suppliers[1].id, score: 800 };
    assert.equal(routeCase(defs, c).ruleId, "rr_supplier", "the seeded supplier rule, earlier in the order, claims it first");
    const reordered = defs.map((r) => (r.id === id ? { ...r, position: 0 } : r));
    assert.equal(routeCase(reordered, c).ruleId, id);
  });

  test("edit, disable, move up/down and delete", async () => {
    const admin = await viewer("usr_admin");
    const rules = await mod.dal.listRoutingRules(admin);
    const mine = rules[rules.length - 1];

    await mod.dal.updateRoutingRule(admin, mine.id, input({ name: "Renamed", types: [], siteIds: [], minScore: 1_000, team: "other-team" }));
    let now = (await mod.dal.listRoutingRules(admin)).find((r) => r.id === mine.id)!;
    assert.equal(now.name, "Renamed");
    assert.equal(now.team, "other-team");
    assert.deepEqual(now.conditions, { minScore: 1_000 });

    await mod.dal.setRoutingRuleEnabled(admin, mine.id, false);
    assert.equal((await mod.prisma.routingRule.findUnique({ where: { id: mine.id } }))!.enabled, false);

    await mod.dal.moveRoutingRule(admin, mine.id, "up");
    let order = (await mod.dal.listRoutingRules(admin)).map((r) => r.id);
    assert.equal(order.indexOf(mine.id), rules.length - 2, "moved one place up");
    assert.deepEqual(order.filter((x) => x !== mine.id), rules.map((r) => r.id).filter((x) => x !== mine.id), "the others keep their order");
    const positions = (await mod.dal.listRoutingRules(admin)).map((r) => r.position);
    assert.deepEqual(positions, positions.map((_, i) => (i + 1) * 10), "renumbered 10, 20, 30…");

    for (let i = 0; i < rules.length; i++) await mod.dal.moveRoutingRule(admin, mine.id, "up").catch(() => undefined);
    order = (await mod.dal.listRoutingRules(admin)).map((r) => r.id);
    assert.equal(order[0], mine.id, "moved to the top");
    await expectAppError(mod.dal.moveRoutingRule(admin, mine.id, "up"), "INVALID", /already first/);
    await mod.dal.moveRoutingRule(admin, mine.id, "down");
    assert.equal((await mod.dal.listRoutingRules(admin))[1].id, mine.id);

    await mod.dal.deleteRoutingRule(admin, mine.id);
    assert.equal(await mod.prisma.routingRule.count({ where: { id: mine.id } }), 0);
    await expectAppError(mod.dal.deleteRoutingRule(admin, mine.id), "NOT_FOUND");

    const actions = (await mod.prisma.auditEntry.findMany({ where: { entityType: "RoutingRule", entityId: mine.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    assert.deepEqual([...new Set(actions)], ["routing_rule.created", "routing_rule.updated", "routing_rule.disabled", "routing_rule.moved", "routing_rule.deleted"]);
    assert.equal((await mod.verify(mod.prisma)).ok, true);
  });

  test("non-admins cannot read or change routing rules", async () => {
    const planner = await viewer("usr_planner");
    const [rule] = await mod.prisma.routingRule.findMany({ take: 1 });
    await expectAppError(mod.dal.listRoutingRules(planner), "FORBIDDEN");
    await expectAppError(mod.dal.createRoutingRule(planner, input()), "FORBIDDEN");
    await expectAppError(mod.dal.updateRoutingRule(planner, rule.id, input()), "FORBIDDEN");
    await expectAppError(mod.dal.moveRoutingRule(planner, rule.id, "down"), "FORBIDDEN");
    await expectAppError(mod.dal.setRoutingRuleEnabled(planner, rule.id, false), "FORBIDDEN");
    await expectAppError(mod.dal.deleteRoutingRule(planner, rule.id), "FORBIDDEN");
    assert.ok(await mod.prisma.routingRule.findUnique({ where: { id: rule.id } }));
  });

  test("the preview offers the 20 newest unresolved cases", async () => {
    const admin = await viewer("usr_admin");
    const cases = await mod.dal.findPreviewCases(admin);
    const unresolved = await mod.prisma.case.count({ where: { status: { not: "RESOLVED" } } });
    assert.equal(cases.length, Math.min(20, unresolved));
    const ids = new Set(cases.map((c) => c.id));
    const rows = await mod.prisma.case.findMany({ where: { id: { in: [...ids] } }, select: { status: true, openedAt: true } });
    assert.ok(rows.every((r) => r.status !== "RESOLVED"));
    const oldestShown = Math.min(...rows.map((r) => r.openedAt.getTime()));
    const newerHidden = await mod.prisma.case.count({ where: { status: { not: "RESOLVED" }, openedAt: { gt: new Date(oldestShown) }, id: { notIn: [...ids] } } });
    assert.equal(newerHidden, 0, "no unresolved case newer than the oldest shown is left out");
  });
});
