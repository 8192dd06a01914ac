/**
 * Integration: every KPI card's SQL (on the refreshed snapshot views) equals the pure calculator run on the same rows
 * loaded through Prisma — on the seeded demo plus a generated year of history (resolved cases with timelines, actions,
 * reopenings, receipts, shipments, counts) — for an executive (all sites) and a supervisor (two sites); planners are
 * refused.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { seedKpiHistory } from "@/lib/server/kpi/seed-history";
import { refreshKpiSnapshots } from "@/lib/server/kpi/refresh";
import {
  atRiskResolvedInTime,
  autoRoutedRate,
  backlogAging,
  detectionLatency,
  dismissalRateByRule,
  recommendationAcceptance,
  slaBreachRate,
  timeToResolution,
  touchKpis,
  type ActionDecisionFact,
  type CaseFact,
  type DetectionFact,
  type Period,
} from "@/lib/domain/kpi/exception-ops";
import { fillRates, inventoryRecordAccuracy, otif, supplierOnTime, type CountFact, type PoLineFact, type SalesLineFact } from "@/lib/domain/kpi/supply";
import { kpiQuerySchema, resolvePeriods } from "@/lib/search-params/kpi";
import type { Viewer } from "@/lib/server/auth/load-viewer";

let db: TestDatabase;
let prisma: PrismaClient;
let mod: { getKpiCard: typeof import("@/lib/server/dal/kpi-dashboard").getKpiCard; loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer };
const now = new Date();

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  prisma = createPrismaClient(db.url);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    await seedKpiHistory(c, { asOf: now, days: 400, casesPerDay: 4, poLinesPerDay: 3, soLinesPerDay: 4, countsPerDay: 3, seed: 11 });
  } finally {
    await c.end();
  }
  await refreshKpiSnapshots(prisma, now);
  mod = { getKpiCard: (await import("@/lib/server/dal/kpi-dashboard")).getKpiCard, loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer };
});

after(async () => {
  await (await import("@/lib/server/dal/read-pool")).endReadPools();
  await prisma?.$disconnect();
  await db?.drop();
});

const close = (actual: number | null | undefined, expected: number | null | undefined, what: string) => {
  if (expected === null || expected === undefined) return assert.equal(actual ?? null, null, what);
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected)), `${what}: SQL ${actual} ≠ calculator ${expected}`);
};

async function loadFacts(v: Viewer) {
  const inScope = (siteId: string) => v.allSites || v.siteIds.includes(siteId);
  const cases = (await prisma.case.findMany({ include: { events: { select: { type: true, actorId: true, createdAt: true } }, site: { select: { code: true } } } })).filter((c) => inScope(c.siteId));
  const caseFacts: CaseFact[] = cases.map((c) => {
    const resolutions = c.events.filter((e) => e.type === "RESOLVED" || e.type === "WRITE_BACK_CONFIRMED").map((e) => e.createdAt.getTime());
    const reopened = c.events.some((e) => e.type === "REOPENED" && resolutions.some((t) => t <= e.createdAt.getTime() && t > e.createdAt.getTime() - 14 * 86_400_000));
    const tStar = (c.explanation as { vector?: { t_star?: string | null } })?.vector?.t_star;
    return {
      id: c.id,
      type: c.primaryType,
      severity: c.severity,
      site: c.site.code,
      supplier: c.supplierId,
      openedAt: c.openedAt,
      resolvedAt: c.resolvedAt,
      slaDueAt: c.slaDueAt,
      autoRouted: c.autoRouted,
      resolutionCode: c.resolutionCode,
      exposure: c.exposure,
      tStar: tStar ? new Date(`${tStar}T00:00:00Z`) : null,
      touches: c.events.filter((e) => e.actorId !== null).length,
      reopenedWithin14d: reopened,
    };
  });
  const exceptions = (await prisma.exception.findMany()).filter((e) => inScope(e.siteId));
  const items = new Map((await prisma.item.findMany({ select: { id: true, sourceSystem: true } })).map((i) => [i.id, i.sourceSystem]));
  const sites = new Map((await prisma.location.findMany()).map((l) => [l.id, l]));
  const detection: DetectionFact[] = exceptions.map((e) => ({
    source: (e.evidence as { sourceSystem?: string })?.sourceSystem ?? (e.itemId ? items.get(e.itemId) : undefined) ?? sites.get(e.siteId)!.sourceSystem,
    eventAt: e.eventAt,
    detectedAt: e.detectedAt,
  }));
  const actions: ActionDecisionFact[] = (await prisma.caseAction.findMany({ include: { case: { select: { siteId: true, recommendations: true } } } }))
    .filter((a) => inScope(a.case.siteId))
    .map((a) => ({
      type: a.type,
      status: a.status,
      revision: a.revision,
      decidedAt: a.decidedAt,
      recommendedTypes: (a.case.recommendations as { rank: number; actionType: string | null }[]).filter((r) => r.actionType).sort((x, y) => x.rank - y.rank).map((r) => r.actionType as string),
    }));
  const soLines: SalesLineFact[] = (await prisma.salesOrderLine.findMany({ include: { salesOrder: { select: { locationId: true, status: true } } } }))
    .filter((l) => l.salesOrder.status !== "CANCELLED" && inScope(l.locationId ?? l.salesOrder.locationId))
    .map((l) => ({ orderId: l.salesOrderId, qtyOrdered: l.qtyOrdered, qtyShipped: l.qtyShipped, promisedShipDate: l.promisedShipDate }));
  const poLines: PoLineFact[] = (
    await prisma.purchaseOrderLine.findMany({ include: { purchaseOrder: { include: { supplier: { select: { code: true } } } }, receiptLines: { include: { receipt: { select: { receivedAt: true } } } } } })
  )
    .filter((l) => l.purchaseOrder.status !== "CANCELLED" && inScope(l.purchaseOrder.locationId))
    .map((l) => ({
      supplier: l.purchaseOrder.supplier.code,
      qtyOrdered: l.qtyOrdered,
      promisedDate: l.promisedDate,
      originalPromisedDate: l.originalPromisedDate,
      receipts: l.receiptLines.map((r) => ({ receivedAt: r.receipt.receivedAt, qty: r.qtyReceived })),
    }));
  const counts: CountFact[] = (await prisma.cycleCount.findMany({ include: { item: { select: { abcClass: true } } } }))
    .filter((c) => inScope(c.locationId))
    .map((c) => ({ abcClass: c.item.abcClass, systemQty: c.systemQty, countedQty: c.countedQty, countedAt: c.countedAt }));
  return { caseFacts, detection, actions, soLines, poLines, counts };
}

const RANGES = [
  { label: "default 90 days", q: {} },
  { label: "a year", q: { from: new Date(now.getTime() - 364 * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) } },
];

for (const who of ["usr_executive", "usr_supervisor"]) {
  describe(`SQL = calculators for ${who}`, () => {
    for (const range of RANGES) {
      test(range.label, async () => {
        const v = (await mod.loadViewer(prisma, who))!;
        const f = await loadFacts(v);
        assert.ok(f.caseFacts.filter((c) => c.resolvedAt).length > 100, "history loaded");
        const query = kpiQuerySchema.parse(range.q);
        const periods = resolvePeriods(query, now);
        const p: Period = { from: periods.current.start, to: periods.current.end };
        const card = (name: Parameters<typeof mod.getKpiCard>[1], extra: Record<string, string> = {}) => mod.getKpiCard(v, name, kpiQuerySchema.parse({ ...range.q, ...extra }), now) as Promise<Record<string, unknown>>;

        const headline = (await card("headline")) as { current: Record<string, number | null>; previous: Record<string, number | null> };
        const checkHeadline = (h: Record<string, number | null>, period: Period) => {
          const ttr = timeToResolution(f.caseFacts, period, "type").overall;
          close(h.mttrMeanHours, ttr.mean, "MTTR mean");
          close(h.mttrP50Hours, ttr.p50, "MTTR P50");
          close(h.mttrP90Hours, ttr.p90, "MTTR P90");
          close(h.slaBreachRate, slaBreachRate(f.caseFacts, period, now).rate, "SLA breach rate");
          const t = touchKpis(f.caseFacts, period);
          close(h.closed, t.closed, "closed");
          close(h.firstTouchRate, t.firstTouchRate, "first-touch resolution");
          close(h.touchesPerCase, t.touchesPerCase, "touches per case");
          close(h.noTouchRate, t.noTouchRate, "no-touch rate");
          close(h.autoRoutedRate, autoRoutedRate(f.caseFacts, period).rate, "auto-routed");
          close(h.dismissalRate, dismissalRateByRule(f.caseFacts, period).rate, "dismissal rate");
          const atRisk = atRiskResolvedInTime(f.caseFacts, period);
          close(h.openedUsd, atRisk.openedUsd, "$ opened");
          close(h.atRiskResolvedInTimeRate, atRisk.rate, "$ resolved in time");
        };
        checkHeadline(headline.current, p);
        checkHeadline(headline.previous, { from: periods.previous!.start, to: periods.previous!.end });
        close(headline.current.detectionP50Hours as number | null, detectionLatency(f.detection, p).overall.p50, "detection P50");

        const backlog = (await card("backlog")) as unknown as ReturnType<typeof backlogAging> & { buckets: { bucket: string; cases: number }[] };
        const b = backlogAging(f.caseFacts, p, p.to);
        assert.equal(backlog.backlog, b.backlog);
        assert.deepEqual(Object.fromEntries(backlog.buckets.map((x) => [x.bucket, x.cases])), b.buckets);
        close(backlog.backlogPctOfDailyIntake, b.backlogPctOfDailyIntake, "backlog ÷ daily intake");

        for (const dim of ["type", "severity", "site"] as const) {
          const res = (await card("resolution", { dim })) as { rows: { key: string; n: number; mean: number; p50: number; p90: number }[] };
          const groups = timeToResolution(f.caseFacts, p, dim).groups;
          assert.deepEqual(res.rows.map((r) => [r.key, r.n]), groups.map((g) => [g.key, g.dist.n]), `resolution groups by ${dim}`);
          res.rows.forEach((r, i) => {
            close(r.mean, groups[i].dist.mean, `${dim} ${r.key} mean`);
            close(r.p90, groups[i].dist.p90, `${dim} ${r.key} P90`);
          });
        }

        const det = (await card("detection")) as { overall: { n: number; p90: number | null }; bySource: { source: string; n: number; p50: number | null }[] };
        const d = detectionLatency(f.detection, p);
        assert.equal(det.overall.n, d.overall.n);
        close(det.overall.p90, d.overall.p90, "detection P90");
        assert.deepEqual(det.bySource.map((s) => s.source), d.bySource.map((g) => g.key));
        det.bySource.forEach((s, i) => close(s.p50, d.bySource[i].dist.p50, `detection P50 ${s.source}`));

        const rec = await card("recommendations");
        const r = recommendationAcceptance(f.actions, p);
        assert.deepEqual(
          { decided: rec.decided, accepted: rec.accepted, modified: rec.modified, rejected: rec.rejected, override: rec.override },
          { decided: r.decided, accepted: r.accepted, modified: r.modified, rejected: r.rejected, override: r.override },
        );
        assert.ok(r.decided > 0 || range.label.startsWith("default"), "actions in the history");

        const dis = (await card("dismissals")) as { rows: { rule: string; closed: number; dismissed: number }[] };
        const dr = dismissalRateByRule(f.caseFacts, p).rows;
        assert.deepEqual(
          [...dis.rows].sort((a, z) => a.rule.localeCompare(z.rule)).map((x) => [x.rule, x.closed, x.dismissed]),
          [...dr].sort((a, z) => a.rule.localeCompare(z.rule)).map((x) => [x.rule, x.closed, x.dismissed]),
        );

        const fill = (await card("fill")) as { current: ReturnType<typeof fillRates> };
        const fr = fillRates(f.soLines, p, now);
        assert.equal(fill.current.lines, fr.lines);
        assert.equal(fill.current.orders, fr.orders);
        close(fill.current.unitFillRate, fr.unitFillRate, "unit fill");
        close(fill.current.lineFillRate, fr.lineFillRate, "line fill");
        close(fill.current.orderFillRate, fr.orderFillRate, "order fill");

        for (const basis of ["last_confirmed", "first_confirmed"] as const) {
          const o = (await card("otif", { basis })) as { eligible: number; otif: number };
          const oc = otif(f.poLines, p, now, basis);
          assert.deepEqual([o.eligible, o.otif], [oc.eligible, oc.otif], `OTIF ${basis}`);
          assert.ok(oc.eligible > 0, "PO lines in the period");
        }

        const sup = (await card("suppliers")) as { onTimeRate12m: number | null; rows: { supplier: string; onTimeRate12m: number | null; lines12m: number }[] };
        const so = supplierOnTime(f.poLines, p.to);
        close(sup.onTimeRate12m, so.rate, "supplier on-time (all)");
        for (const row of so.rows) {
          const s = sup.rows.find((x) => x.supplier === row.supplier);
          assert.ok(s, `supplier ${row.supplier} in the scorecard`);
          assert.equal(s.lines12m, row.lines);
          close(s.onTimeRate12m, row.rate, `supplier ${row.supplier} on-time`);
        }

        const ira = (await card("ira")) as { counted: number; hits: number; byClass: { abc: string; counted: number; hits: number }[] };
        const ic = inventoryRecordAccuracy(f.counts, p);
        assert.deepEqual([ira.counted, ira.hits], [ic.counted, ic.hits]);
        assert.deepEqual(ira.byClass.map((x) => [x.abc, x.counted, x.hits]), ic.byClass.map((x) => [x.abc, x.counted, x.hits]));
      });
    }
  });
}

test("supervisors see only their sites; planners are refused", async () => {
  const sup = (await mod.loadViewer(prisma, "usr_supervisor"))!;
  const exec = (await mod.loadViewer(prisma, "usr_executive"))!;
  const q = kpiQuerySchema.parse({});
  const bySite = (await mod.getKpiCard(sup, "breakdown", { ...q, by: "site" }, now)) as { rows: { key: string }[] };
  const allSites = (await mod.getKpiCard(exec, "breakdown", { ...q, by: "site" }, now)) as { rows: { key: string }[] };
  const own = (await prisma.location.findMany({ where: { id: { in: sup.siteIds } } })).map((l) => l.code).sort();
  assert.deepEqual(bySite.rows.map((r) => r.key).sort(), own);
  assert.ok(allSites.rows.length > own.length);
  const team = (await mod.getKpiCard(sup, "team", q, now)) as { rows: { id: string; resolved: number }[] };
  assert.ok(team.rows.some((r) => r.resolved > 0), "team performance has resolutions");
  const planner = (await mod.loadViewer(prisma, "usr_planner"))!;
  await assert.rejects(() => mod.getKpiCard(planner, "headline", q, now), /not allowed|forbidden/i);
});
