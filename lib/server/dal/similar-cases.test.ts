/**
 * Integration: what resolved similar cases, through the real SQL on a clone of the seeded database with a
 * hand-built history of PO_NO_ASN cases around one open case (DC-ATL, its supplier). Checked by hand:
 * counts and median days per level and action type, the viewer's sites only, duplicates / other types /
 * older than a year / the case itself left out, rejected actions not counted as resolving, and the re-ranking
 * the case page shows.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { clearOutcomeHistory, insertHistoryCase, type HistoryCase } from "@/lib/testing/learning-history";
import { describeHistory, rerankByHistory, type LevelStats } from "@/lib/domain/learning/similar-cases";
import type { Recommendation } from "@/lib/domain/model/case-draft";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  dal: typeof import("@/lib/server/dal/similar-cases");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
  endReadPools: typeof import("@/lib/server/dal/read-pool").endReadPools;
};
const DAY = 86_400_000;
const now = new Date();
let subject: { id: string; primaryType: string; siteId: string; supplierId: string | null };
let otherSupplier: string;
let oneResolvedId: string;

/** A resolved PO_NO_ASN case that took `days` from opened to resolved. */
const past = (days: number, over: Partial<HistoryCase> = {}): HistoryCase => {
  const openedAt = new Date(now.getTime() - (30 + days) * DAY);
  return { primaryType: "PO_NO_ASN", siteId: subject.siteId, supplierId: subject.supplierId, openedAt, resolvedAt: new Date(openedAt.getTime() + days * DAY), resolutionCode: "ACTION_CONFIRMED", exposure: 100, ...over };
};
const byLevel = (levels: LevelStats[], level: string) => levels.find((l) => l.level === level);

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    dal: await import("@/lib/server/dal/similar-cases"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    endReadPools: (await import("@/lib/server/dal/read-pool")).endReadPools,
  };
  await clearOutcomeHistory(mod.prisma);
  const c = await mod.prisma.case.findFirstOrThrow({ where: { status: "OPEN", primaryType: "PO_NO_ASN", siteId: "loc_dc_atl", supplierId: { not: null } }, orderBy: { number: "asc" } });
  subject = { id: c.id, primaryType: c.primaryType, siteId: c.siteId, supplierId: c.supplierId };
  otherSupplier = (await mod.prisma.supplier.findFirstOrThrow({ where: { id: { not: c.supplierId! } }, orderBy: { code: "asc" } })).id;
  const add = (h: HistoryCase) => insertHistoryCase(mod.prisma, h, "usr_planner");
  const expedite = [{ type: "EXPEDITE" as const, status: "APPROVED" as const }];
  // Same site and supplier: expedites that took 1 and 3 days.
  oneResolvedId = (await add(past(1, { actions: expedite }))).id;
  await add(past(3, { actions: expedite }));
  // Same site, another supplier: expedites 2 and 4 days, a transfer 1 day, a dismissal, a rejected expedite.
  await add(past(2, { supplierId: otherSupplier, actions: expedite }));
  await add(past(4, { supplierId: otherSupplier, actions: expedite }));
  await add(past(1, { supplierId: otherSupplier, actions: [{ type: "TRANSFER", status: "APPROVED" }] }));
  await add(past(5, { supplierId: otherSupplier, resolutionCode: "NOT_AN_ISSUE" }));
  await add(past(6, { supplierId: otherSupplier, resolutionCode: "NOT_AN_ISSUE", actions: [{ type: "EXPEDITE", status: "REJECTED" }] }));
  // The planner's other site, same supplier: an expedite that took 10 days.
  await add(past(10, { siteId: "loc_dc_nj", actions: expedite }));
  // A site the planner cannot see: three half-day expedites.
  for (let i = 0; i < 3; i++) await add(past(0.5, { siteId: "loc_dc_lax", actions: expedite }));
  // Left out: a duplicate, another type, older than a year.
  await add(past(1, { resolutionCode: "DUPLICATE", actions: expedite }));
  await add(past(1, { primaryType: "ASN_OVERDUE", actions: expedite }));
  await add(past(1, { openedAt: new Date(now.getTime() - 400 * DAY), resolvedAt: new Date(now.getTime() - 399 * DAY), actions: expedite }));
});

after(async () => {
  await mod?.endReadPools();
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("similar-case outcomes", () => {
  test("a planner sees counts and median days per level, from the sites they can see", async () => {
    const planner = (await mod.loadViewer(mod.prisma, "usr_planner"))!;
    const levels = await mod.dal.getSimilarCaseOutcomes(planner, subject, now);
    const ss = byLevel(levels, "SITE_SUPPLIER")!;
    assert.equal(ss.cases, 2);
    assert.deepEqual(ss.byAction.EXPEDITE, { cases: 2, medianDays: 2, meanDays: 2 });
    const site = byLevel(levels, "SITE")!;
    assert.equal(site.cases, 7);
    assert.deepEqual(site.byAction.EXPEDITE, { cases: 4, medianDays: 2.5, meanDays: 2.5 });
    assert.deepEqual(Object.keys(site.byAction).sort(), ["EXPEDITE", "TRANSFER"]);
    assert.equal(site.byAction.TRANSFER?.cases, 1);
    const supplier = byLevel(levels, "SUPPLIER")!;
    assert.equal(supplier.cases, 3);
    assert.equal(supplier.byAction.EXPEDITE?.medianDays, 3);
    const type = byLevel(levels, "TYPE")!;
    assert.equal(type.cases, 8);
    assert.deepEqual(type.byAction.EXPEDITE, { cases: 5, medianDays: 3, meanDays: 4 });
  });

  test("an admin's type level includes every site", async () => {
    const admin = (await mod.loadViewer(mod.prisma, "usr_admin"))!;
    const type = byLevel(await mod.dal.getSimilarCaseOutcomes(admin, subject, now), "TYPE")!;
    assert.equal(type.cases, 11);
    assert.equal(type.byAction.EXPEDITE?.cases, 8);
    assert.equal(type.byAction.EXPEDITE?.medianDays, 1.5);
  });

  test("the case itself is not its own history", async () => {
    const planner = (await mod.loadViewer(mod.prisma, "usr_planner"))!;
    const levels = await mod.dal.getSimilarCaseOutcomes(planner, { ...subject, id: oneResolvedId }, now);
    assert.equal(byLevel(levels, "SITE_SUPPLIER")?.cases, 1);
  });

  test("the case page's ranking: back off to the site level, the expedite moves up, with its line", async () => {
    const planner = (await mod.loadViewer(mod.prisma, "usr_planner"))!;
    const recs: Recommendation[] = [
      { rank: 1, code: "TRANSFER_FROM_SURPLUS", label: "Transfer", actionType: "TRANSFER", payload: { quantity: 5 }, impact: { unitsRecovered: 5, usdRecovered: 500, daysGained: 2 }, reason: "" },
      { rank: 2, code: "EXPEDITE_PO", label: "Expedite", actionType: "EXPEDITE", payload: { quantity: 5 }, impact: { unitsRecovered: 5, usdRecovered: 400, daysGained: 3 }, reason: "" },
      { rank: 3, code: "CHASE_SUPPLIER", label: "Chase", actionType: null, payload: null, impact: { unitsRecovered: 0, usdRecovered: 10, daysGained: 0 }, reason: "" },
    ];
    const r = rerankByHistory(recs, await mod.dal.getSimilarCaseOutcomes(planner, subject, now));
    assert.equal(r.level?.level, "SITE");
    assert.deepEqual(r.recommendations.map((x) => x.code), ["EXPEDITE_PO", "TRANSFER_FROM_SURPLUS", "CHASE_SUPPLIER"]);
    assert.equal(describeHistory(r.recommendations[0].history!), "Expedite resolved 4 of 7 similar cases in 2.5 days");
    assert.equal(describeHistory(r.recommendations[1].history!), "Transfer resolved 1 of 7 similar cases in 1.0 day");
  });

  test("a case of a type without history gets no levels", async () => {
    const planner = (await mod.loadViewer(mod.prisma, "usr_planner"))!;
    assert.deepEqual(await mod.dal.getSimilarCaseOutcomes(planner, { ...subject, primaryType: "EXPIRY_RISK" }, now), []);
  });
});
