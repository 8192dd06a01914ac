/**
 * Integration: the case queue's SQL (findCases / findQueueFacets) on a real database — a clone of
 * the seeded template (demo data + one detection run through persist-cases). Every filter is
 * checked against the same rule computed in JS over all cases, so a filter that does nothing (or
 * the wrong thing) fails.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { DUE_SOON_HOURS, STALE_AFTER_HOURS } from "@/lib/search-params/cases";

let db: TestDatabase;
let prisma: PrismaClient;
let mod: {
  cases: typeof import("@/lib/server/dal/cases");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
  parse: typeof import("@/lib/search-params/cases").parseCasesQuery;
  endReadPools: typeof import("@/lib/server/dal/read-pool").endReadPools;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SEVERITY_RANK: Record<string, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };

type RefCase = {
  id: string;
  number: number;
  title: string;
  siteId: string;
  siteCode: string;
  supplierId: string | null;
  supplierCode: string | null;
  itemSku: string | null;
  severity: string;
  score: number;
  exposure: number;
  serviceExposure: number;
  financialExposure: number;
  status: string;
  assigneeId: string | null;
  customerTier: string | null;
  searchText: string;
  openedAt: Date;
  slaDueAt: Date;
  dataAsOf: Date;
  snoozedAt: Date | null;
  snoozeUntil: Date | null;
  writeBackFailedAt: Date | null;
  openTypes: string[];
};

const viewer = async (id: string): Promise<Viewer> => {
  const v = await mod.loadViewer(prisma, id);
  assert.ok(v, `demo user ${id} exists`);
  return v;
};

/** Every case, with what the filters look at. */
async function allCases(): Promise<RefCase[]> {
  const [cases, suppliers, exceptions] = await Promise.all([
    prisma.case.findMany({ include: { site: { select: { code: true } }, item: { select: { sku: true } } } }),
    prisma.supplier.findMany({ select: { id: true, code: true } }),
    prisma.exception.findMany({ where: { clearedAt: null }, select: { caseId: true, type: true } }),
  ]);
  const supplierCode = new Map(suppliers.map((s) => [s.id, s.code]));
  const types = new Map<string, Set<string>>();
  for (const e of exceptions) (types.get(e.caseId) ?? types.set(e.caseId, new Set()).get(e.caseId)!).add(e.type);
  return cases.map((c) => ({
    ...c,
    siteCode: c.site.code,
    itemSku: c.item?.sku ?? null,
    supplierCode: c.supplierId ? (supplierCode.get(c.supplierId) ?? null) : null,
    openTypes: [...(types.get(c.id) ?? [])],
  }));
}

/** All ids findCases returns for a query, across pages. */
async function idsOf(v: Viewer, params: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page < 200; page++) {
    const res = await mod.cases.findCases(v, mod.parse({ status: "", pageSize: "100", ...params, page: String(page) }));
    ids.push(...res.rows.map((r) => r.id));
    if (res.rows.length < 100) {
      assert.equal(res.totalCapped, false);
      assert.equal(res.total, ids.length, `total matches the rows listed for ${JSON.stringify(params)}`);
      break;
    }
  }
  return ids.sort();
}

const isSnoozed = (c: RefCase, now: number) => c.snoozedAt !== null && (c.snoozeUntil === null || c.snoozeUntil.getTime() > now);

/** Assert the query returns exactly the cases `keep` selects (among non-snoozed ones unless the query says otherwise). */
async function expectFilter(v: Viewer, params: Record<string, string>, keep: (c: RefCase) => boolean, opts: { minHits?: number } = {}) {
  const now = Date.now();
  const ref = await allCases();
  const visible = (c: RefCase) => v.allSites || v.siteIds.includes(c.siteId);
  const snoozeView = params.snoozed ?? "hide";
  const snoozeOk = (c: RefCase) => (snoozeView === "include" ? true : snoozeView === "only" ? isSnoozed(c, now) : !isSnoozed(c, now));
  const expected = ref.filter((c) => visible(c) && snoozeOk(c) && keep(c)).map((c) => c.id).sort();
  const actual = await idsOf(v, params);
  assert.deepEqual(actual, expected, `filter ${JSON.stringify(params)}`);
  assert.ok(expected.length >= (opts.minHits ?? 1), `filter ${JSON.stringify(params)} selects something (${expected.length})`);
  assert.ok(expected.length < ref.filter((c) => visible(c) && snoozeOk(c)).length, `filter ${JSON.stringify(params)} leaves something out`);
}

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  prisma = createPrismaClient(db.url);
  mod = {
    cases: await import("@/lib/server/dal/cases"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    parse: (await import("@/lib/search-params/cases")).parseCasesQuery,
    endReadPools: (await import("@/lib/server/dal/read-pool")).endReadPools,
  };

  // Give the triage columns some variety (detection leaves them empty): snoozes, assignees, ages,
  // stale evidence, a failed write-back.
  const east = await prisma.case.findMany({ where: { status: "OPEN", site: { code: { in: ["DC-ATL", "DC-NJ"] } } }, orderBy: { number: "asc" }, take: 28 });
  assert.ok(east.length >= 28, "the seeded data has open cases in the east");
  const now = Date.now();
  const set = (i: number, data: Parameters<PrismaClient["case"]["update"]>[0]["data"]) => prisma.case.update({ where: { id: east[i].id }, data });
  await Promise.all([
    set(0, { snoozedAt: new Date(now - HOUR), snoozeUntil: null }), // snoozed, no date
    set(1, { snoozedAt: new Date(now - HOUR), snoozeUntil: new Date(now + DAY) }), // snoozed until tomorrow
    set(2, { snoozedAt: new Date(now - 2 * DAY), snoozeUntil: new Date(now - HOUR) }), // its date passed: awake
    set(3, { writeBackFailedAt: new Date(now - HOUR), acknowledgedAt: new Date(now - 2 * HOUR) }),
    ...[4, 5, 6, 7].map((i) => set(i, { assigneeId: "usr_planner" })),
    ...[8, 9, 10].map((i) => set(i, { assigneeId: "usr_supervisor" })),
    ...[11, 12, 13, 14, 15].map((i) => set(i, { openedAt: new Date(now - (10 + i) * DAY) })),
    ...[16, 17, 18].map((i) => set(i, { dataAsOf: new Date(now - (STALE_AFTER_HOURS + 5) * HOUR) })),
    ...[19, 20].map((i) => set(i, { slaDueAt: new Date(now + (DUE_SOON_HOURS / 2) * HOUR) })),
    ...[21, 22].map((i) => set(i, { slaDueAt: new Date(now - 3 * HOUR) })),
    ...[23, 24].map((i) => set(i, { slaDueAt: new Date(now + 3 * DAY) })),
    set(25, { status: "RESOLVED", resolvedAt: new Date(now - HOUR) }),
    set(26, { status: "PENDING_APPROVAL" }),
    set(27, { status: "ACTION_APPROVED" }),
  ]);
});

after(async () => {
  await mod?.endReadPools();
  await prisma?.$disconnect();
  await db?.drop();
});

describe("queue columns written by detection (persist-cases)", () => {
  it("fills exposure, lower-case searchText with document numbers, and customerTier", async () => {
    const ref = await allCases();
    assert.ok(ref.length > 50, "the demo detection produced cases");
    for (const c of ref) {
      assert.ok(Math.abs(c.exposure - (c.serviceExposure + c.financialExposure)) < 1e-6, `case ${c.number} exposure`);
      assert.equal(c.searchText, c.searchText.toLowerCase());
      assert.ok(c.searchText.startsWith(c.title.toLowerCase()), `case ${c.number} searchText starts with its title`);
    }
    const withPo = await prisma.$queryRawUnsafe<{ caseId: string; po: string }[]>(
      `SELECT "caseId", evidence->>'poNumber' AS po FROM "Exception" WHERE evidence->>'poNumber' IS NOT NULL LIMIT 20`,
    );
    assert.ok(withPo.length > 0, "some finding names a PO");
    for (const { caseId, po } of withPo) assert.ok(ref.find((c) => c.id === caseId)!.searchText.includes(po.toLowerCase()), `${po} is searchable`);
    const withSo = await prisma.$queryRawUnsafe<{ caseId: string; so: string; tier: string }[]>(
      `SELECT "caseId", evidence->'soLines'->0->>'soNumber' AS so, evidence->'soLines'->0->>'customerTier' AS tier
       FROM "Exception" WHERE type = 'CUSTOMER_ORDER_AT_RISK' AND "clearedAt" IS NULL LIMIT 20`,
    );
    assert.ok(withSo.length > 0, "some case puts customer orders at risk");
    const rank = { STRATEGIC: 3, KEY: 2, STANDARD: 1 } as Record<string, number>;
    for (const { caseId, so, tier } of withSo) {
      const c = ref.find((x) => x.id === caseId)!;
      assert.ok(c.searchText.includes(so.toLowerCase()), `${so} is searchable`);
      assert.ok(c.customerTier && rank[c.customerTier] >= rank[tier], `case ${c.number} tier ${c.customerTier} ≥ ${tier}`);
    }
  });
});

describe("findCases filters", () => {
  it("status, severity, site, supplier, tier and type", async () => {
    const exec = await viewer("usr_executive");
    const ref = await allCases();
    await expectFilter(exec, { status: "OPEN,PENDING_APPROVAL" }, (c) => ["OPEN", "PENDING_APPROVAL"].includes(c.status));
    await expectFilter(exec, { severity: "CRITICAL,HIGH" }, (c) => ["CRITICAL", "HIGH"].includes(c.severity));
    await expectFilter(exec, { site: "DC-ATL,DC-SEA" }, (c) => ["DC-ATL", "DC-SEA"].includes(c.siteCode));
    const supplier = ref.find((c) => c.supplierCode)!.supplierCode!;
    await expectFilter(exec, { supplier }, (c) => c.supplierCode === supplier);
    // One code is an equality, several a list (case-queue-sql.ts): both, and a code no supplier has.
    const other = ref.find((c) => c.supplierCode && c.supplierCode !== supplier)!.supplierCode!;
    await expectFilter(exec, { supplier: `${supplier},${other}` }, (c) => c.supplierCode === supplier || c.supplierCode === other);
    await expectFilter(exec, { supplier: "NO-SUCH-SUPPLIER" }, () => false, { minHits: 0 });
    const tiers = [...new Set(ref.map((c) => c.customerTier).filter(Boolean))] as string[];
    assert.ok(tiers.length > 0);
    await expectFilter(exec, { tier: tiers[0] }, (c) => c.customerTier === tiers[0]);
    const type = ref.flatMap((c) => c.openTypes).find((t) => t !== ref[0].openTypes[0]) ?? ref[0].openTypes[0];
    await expectFilter(exec, { type }, (c) => c.openTypes.includes(type));
  });

  it("assignee me / none / a user id", async () => {
    const planner = await viewer("usr_planner");
    await expectFilter(planner, { assignee: "me" }, (c) => c.assigneeId === "usr_planner", { minHits: 4 });
    await expectFilter(planner, { assignee: "usr_supervisor" }, (c) => c.assigneeId === "usr_supervisor", { minHits: 3 });
    await expectFilter(planner, { assignee: "none" }, (c) => c.assigneeId === null);
  });

  it("score, exposure and age ranges", async () => {
    const exec = await viewer("usr_executive");
    const ref = (await allCases()).sort((a, b) => a.score - b.score);
    const mid = ref[Math.floor(ref.length / 2)];
    await expectFilter(exec, { scoreMin: String(mid.score) }, (c) => c.score >= mid.score);
    await expectFilter(exec, { scoreMin: "100", scoreMax: String(mid.score) }, (c) => c.score >= 100 && c.score <= mid.score);
    const byExposure = [...ref].sort((a, b) => a.exposure - b.exposure);
    const e = Math.round(byExposure[Math.floor(ref.length * 0.7)].exposure);
    await expectFilter(exec, { exposureMin: String(e) }, (c) => c.exposure >= e);
    await expectFilter(exec, { exposureMax: String(e) }, (c) => c.exposure <= e);
    const now = Date.now();
    await expectFilter(exec, { ageMin: "5" }, (c) => c.openedAt.getTime() <= now - 5 * DAY, { minHits: 5 });
    await expectFilter(exec, { ageMin: "22", ageMax: "24.5" }, (c) => c.openedAt.getTime() <= now - 22 * DAY && c.openedAt.getTime() >= now - 24.5 * DAY, { minHits: 3 });
  });

  it("SLA state and freshness", async () => {
    const exec = await viewer("usr_executive");
    const now = Date.now();
    const soon = now + DUE_SOON_HOURS * HOUR;
    await expectFilter(exec, { sla: "breached" }, (c) => c.slaDueAt.getTime() < now, { minHits: 2 });
    await expectFilter(exec, { sla: "due_soon" }, (c) => c.slaDueAt.getTime() >= now && c.slaDueAt.getTime() < soon, { minHits: 2 });
    await expectFilter(exec, { sla: "on_track" }, (c) => c.slaDueAt.getTime() >= soon, { minHits: 2 });
    await expectFilter(exec, { sla: "breached,due_soon" }, (c) => c.slaDueAt.getTime() < soon, { minHits: 4 });
    const cutoff = now - STALE_AFTER_HOURS * HOUR;
    await expectFilter(exec, { freshness: "stale" }, (c) => c.dataAsOf.getTime() < cutoff, { minHits: 3 });
    await expectFilter(exec, { freshness: "fresh" }, (c) => c.dataAsOf.getTime() >= cutoff);
  });

  it("snoozed cases are hidden by default, listed with snoozed=only, both with include", async () => {
    const planner = await viewer("usr_planner");
    const only = await idsOf(planner, { snoozed: "only" });
    assert.equal(only.length, 2, "two cases are snoozed now (the third one's date has passed)");
    const hidden = await idsOf(planner, {});
    assert.ok(only.every((id) => !hidden.includes(id)), "snoozed cases are not in the default queue");
    const all = await idsOf(planner, { snoozed: "include" });
    assert.equal(all.length, hidden.length + only.length);
    const now = Date.now();
    const expected = (await allCases()).filter((c) => planner.siteIds.includes(c.siteId) && isSnoozed(c, now)).map((c) => c.id).sort();
    assert.deepEqual(only, expected);
    const rows = (await mod.cases.findCases(planner, mod.parse({ snoozed: "only", status: "" }))).rows;
    assert.ok(rows.every((r) => r.snoozed && r.snoozedAt !== null));
  });

  it("free text matches SKU, PO number (any case, substring) and the case number; LIKE wildcards are literal", async () => {
    const exec = await viewer("usr_executive");
    const ref = await allCases();
    const sku = ref.find((c) => c.itemSku)!.itemSku!;
    const skuHits = await idsOf(exec, { q: sku.toUpperCase() });
    for (const c of ref.filter((x) => x.itemSku === sku && !isSnoozed(x, Date.now()))) assert.ok(skuHits.includes(c.id), `case ${c.number} of ${sku} found`);
    await expectFilter(exec, { q: sku }, (c) => c.searchText.includes(sku.toLowerCase()));

    const [{ caseId, po }] = await prisma.$queryRawUnsafe<{ caseId: string; po: string }[]>(
      `SELECT e."caseId", e.evidence->>'poNumber' AS po FROM "Exception" e JOIN "Case" c ON c.id = e."caseId"
       WHERE e.evidence->>'poNumber' IS NOT NULL AND c."snoozedAt" IS NULL LIMIT 1`,
    );
    const poHits = await idsOf(exec, { q: po.toLowerCase() });
    assert.ok(poHits.includes(caseId), `${po} finds its case`);
    await expectFilter(exec, { q: po }, (c) => c.searchText.includes(po.toLowerCase()));

    const target = ref.find((c) => c.number >= 10 && !isSnoozed(c, Date.now()))!;
    const byHash = await mod.cases.findCases(exec, mod.parse({ q: `#${target.number}`, status: "" }));
    assert.deepEqual(byHash.rows.map((r) => r.id), [target.id], "#N is exactly that case");
    const byNumber = await idsOf(exec, { q: String(target.number) });
    assert.ok(byNumber.includes(target.id));

    assert.equal((await mod.cases.findCases(exec, mod.parse({ q: "%", status: "" }))).total, 0, "% is not a wildcard");
    assert.equal((await mod.cases.findCases(exec, mod.parse({ q: "_", status: "" }))).total, 0, "_ is not a wildcard");
  });
});

describe("findCases rows, sorting and scope", () => {
  it("rows carry the fields the queue shows, with the page's open exception types", async () => {
    const planner = await viewer("usr_planner");
    const ref = await allCases();
    const page = await mod.cases.findCases(planner, mod.parse({ pageSize: "100", status: "" }));
    assert.ok(page.rows.length > 20 && page.rows.length === Math.min(100, page.total));
    for (const r of page.rows) {
      const c = ref.find((x) => x.id === r.id)!;
      assert.deepEqual([...r.types].sort(), [...c.openTypes].sort(), `types of case ${r.number}`);
      assert.equal(r.supplierCode, c.supplierCode);
      assert.equal(r.siteCode, c.siteCode);
      assert.equal(r.sku, c.itemSku);
      assert.equal(r.customerTier, c.customerTier);
      assert.equal(r.assigneeId, c.assigneeId);
      assert.equal(r.exposure, c.exposure);
      assert.equal(r.openedAt, c.openedAt.toISOString());
      assert.equal(r.slaDueAt, c.slaDueAt.toISOString());
      assert.equal(r.writeBackFailed, c.writeBackFailedAt !== null);
    }
    const failed = await mod.cases.findCases(planner, mod.parse({ q: `#${ref.find((c) => c.writeBackFailedAt)!.number}`, status: "" }));
    assert.equal(failed.rows[0].writeBackFailed, true);
    assert.ok(failed.rows[0].acknowledgedAt, "acknowledgedAt is returned");
    assert.equal(failed.rows[0].assigneeName === null, failed.rows[0].assigneeId === null);
  });

  it("sorts by each allowlisted column in both directions, with a stable tie-breaker", async () => {
    const exec = await viewer("usr_executive");
    const ref = (await allCases()).filter((c) => !isSnoozed(c, Date.now()) && c.status !== "RESOLVED");
    const key: Record<string, (c: RefCase) => number> = {
      score: (c) => c.score,
      exposure: (c) => c.exposure,
      openedAt: (c) => c.openedAt.getTime(),
      slaDueAt: (c) => c.slaDueAt.getTime(),
      number: (c) => c.number,
    };
    for (const sort of ["score", "exposure", "openedAt", "slaDueAt", "number", "severity"]) {
      for (const dir of ["asc", "desc"] as const) {
        const sign = dir === "asc" ? 1 : -1;
        const cmp =
          sort === "severity"
            ? // desc: most severe first, then highest score; asc is the exact reverse.
              (a: RefCase, b: RefCase) => sign * (SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.score - b.score || a.number - b.number)
            : (a: RefCase, b: RefCase) => sign * (key[sort](a) - key[sort](b)) || b.number - a.number;
        const expected = [...ref].sort(cmp).slice(50, 100).map((c) => c.number);
        const page = await mod.cases.findCases(exec, mod.parse({ sort, dir, pageSize: "50", page: "2" }));
        assert.deepEqual(page.rows.map((r) => r.number), expected, `sort ${sort} ${dir}, page 2`);
      }
    }
    const bad = mod.parse({ sort: "passwordHash; DROP TABLE", dir: "up" });
    assert.equal(bad.sort, "score");
    assert.equal(bad.dir, "desc");
  });

  it("scopes to the viewer's sites; a site filter narrows and never widens", async () => {
    const west = await viewer("usr_planner_west");
    const page = await mod.cases.findCases(west, mod.parse({ pageSize: "100", status: "" }));
    assert.ok(page.total > 0);
    assert.ok(page.rows.every((r) => ["DC-LAX", "DC-SEA"].includes(r.siteCode)));
    assert.equal((await mod.cases.findCases(west, mod.parse({ site: "DC-ATL", status: "" }))).total, 0);
    for (const sort of ["score", "exposure", "number", "severity"]) {
      const p = await mod.cases.findCases(west, mod.parse({ sort, status: "", pageSize: "100", snoozed: "include" }));
      assert.ok(p.rows.every((r) => r.siteCode !== "DC-ATL" && r.siteCode !== "DC-NJ"), `no east case sorted by ${sort}`);
    }
    const eastCase = (await allCases()).find((c) => c.siteCode === "DC-ATL")!;
    assert.equal((await mod.cases.findCases(west, mod.parse({ q: `#${eastCase.number}`, status: "" }))).total, 0, "not even by number");
    const westIds = (await allCases()).filter((c) => ["DC-LAX", "DC-SEA"].includes(c.siteCode) && !isSnoozed(c, Date.now())).map((c) => c.id).sort();
    assert.deepEqual(await idsOf(west, {}), westIds, "exactly the cases of the viewer's sites");
  });

  it("facets list only what the viewer can see", async () => {
    const planner = await viewer("usr_planner");
    const f = await mod.cases.findQueueFacets(planner);
    assert.deepEqual(f.sites.map((s) => s.code), ["DC-ATL", "DC-NJ"]);
    const ref = (await allCases()).filter((c) => ["DC-ATL", "DC-NJ"].includes(c.siteCode));
    const openSuppliers = [...new Set(ref.filter((c) => c.status !== "RESOLVED" && c.supplierCode).map((c) => c.supplierCode!))].sort();
    assert.deepEqual(f.suppliers.map((s) => s.code), openSuppliers.slice(0, 200));
    assert.ok(f.suppliers.every((s) => s.name.length > 0));
    const ids = f.assignees.map((a) => a.id);
    assert.ok(ids.includes("usr_planner") && ids.includes("usr_supervisor") && ids.includes("usr_admin"), ids.join());
    assert.ok(!ids.includes("usr_planner_west"), "a planner of other sites is not offered");
    assert.ok(!ids.includes("usr_executive") && !ids.includes("usr_finance"), "roles that cannot triage are not offered");
    const types = await prisma.$queryRawUnsafe<{ type: string }[]>(
      `SELECT DISTINCT type FROM "Exception" WHERE "clearedAt" IS NULL AND "siteId" IN ('loc_dc_atl','loc_dc_nj') ORDER BY type`,
    );
    assert.deepEqual(f.types, types.map((t) => t.type));
    const west = await mod.cases.findQueueFacets(await viewer("usr_planner_west"));
    assert.ok(!west.sites.some((s) => s.code === "DC-ATL"));
  });

  it("sizes large results: capped count when cheap, the planner's estimate when not, exact when the page is short", async () => {
    // 10,050 extra open cases copied from one seeded case (this database is private to this file).
    const src = (await prisma.case.findFirst({ where: { status: "OPEN", site: { code: "DC-ATL" } } }))!;
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Case" (id, "causeKey", title, "primaryType", "siteId", "itemId", "supplierId", severity, score, "serviceExposure", "financialExposure",
         urgency, confidence, explanation, "configVersion", status, "dataAsOf", "slaDueAt", exposure, "searchText")
       SELECT 'bulk_' || g, 'bulk:' || g, c.title, c."primaryType", c."siteId", c."itemId", c."supplierId", c.severity, g % 1000, 0, 0,
         c.urgency, c.confidence, '{}'::jsonb, c."configVersion", 'OPEN', c."dataAsOf", c."slaDueAt", g % 700, 'bulk ' || g
       FROM "Case" c, generate_series(1, 10050) g WHERE c.id = $1`,
      src.id,
    );
    await prisma.$executeRawUnsafe(`ANALYZE "Case"`);
    const planner = await viewer("usr_planner");
    const exactTotal = await prisma.case.count({ where: { siteId: { in: planner.siteIds }, status: { not: "RESOLVED" }, OR: [{ snoozedAt: null }, { snoozeUntil: { lte: new Date() } }] } });
    assert.ok(exactTotal > 10_050);

    // Counting allowed: stops at the cap and says so.
    process.env.QUEUE_COUNT_COST_BUDGET = "1e12";
    const big = await mod.cases.findCases(planner, mod.parse({}));
    assert.deepEqual([big.total, big.totalCapped, big.totalIsEstimate, big.pageCount, big.rows.length], [10_000, true, true, 400, 25]);
    // Past the cap the count still knows there is a next page.
    const deep = await mod.cases.findCases(planner, mod.parse({ page: "402", pageSize: "25" }));
    assert.equal(deep.rows.length, 25);
    assert.ok(deep.pageCount >= 403 && deep.totalCapped);
    // A narrower filter is counted exactly.
    const narrow = await mod.cases.findCases(planner, mod.parse({ q: "bulk 100" }));
    const exact = await prisma.case.count({ where: { searchText: { contains: "bulk 100" } } });
    assert.ok(exact > 25);
    assert.deepEqual([narrow.total, narrow.totalCapped, narrow.totalIsEstimate], [exact, false, false]);

    // Counting too costly: the planner's estimate, rounded to two significant digits, flagged as such.
    process.env.QUEUE_COUNT_COST_BUDGET = "0";
    const estimated = await mod.cases.findCases(planner, mod.parse({}));
    assert.equal(estimated.totalIsEstimate, true);
    assert.equal(estimated.totalCapped, false);
    assert.ok(estimated.total > exactTotal / 2 && estimated.total < exactTotal * 2, `estimate ${estimated.total} vs ${exactTotal}`);
    assert.equal(estimated.total % 100, 0, "rounded");
    assert.equal(estimated.pageCount, Math.ceil(estimated.total / 25));
    // A short page is the last one: exact, whatever the budget.
    const short = await mod.cases.findCases(planner, mod.parse({ q: "bulk 100", pageSize: "100" }));
    assert.deepEqual([short.total, short.totalIsEstimate], [exact, false]);
    delete process.env.QUEUE_COUNT_COST_BUDGET;
  });
});
