import "server-only";
/**
 * KPI dashboard cards: authorize (kpi.read), scope to the viewer's sites, run one or two aggregate statements on the
 * read pool (lib/server/dal/kpi-sql.ts) and shape the rows for the charts. One function per card so each card loads —
 * and fails — on its own.
 */
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { readPool } from "@/lib/server/dal/read-pool";
import * as SQL from "@/lib/server/dal/kpi-sql";
import { ratio } from "@/lib/domain/kpi/calculators";
import { AGING_BUCKETS, byCodePoint } from "@/lib/domain/kpi/exception-ops";
import { DEFAULT_OTIF_TOLERANCE } from "@/lib/domain/kpi/supply";
import { resolvePeriods, type KpiCard, type KpiQuery } from "@/lib/search-params/kpi";

type Range = { start: Date; end: Date };
const sites = (v: Viewer) => (v.allSites ? null : v.siteIds);
const ts = (d: Date) => d.toISOString();
const num = (x: unknown): number => (x === null || x === undefined ? 0 : Number(x));
const numOrNull = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

async function q<T>(sql: string, params: unknown[]): Promise<T[]> {
  return (await readPool().query(sql, params)).rows as T[];
}

export interface HeadlineNumbers {
  opened: number;
  closed: number;
  mttrMeanHours: number | null;
  mttrP50Hours: number | null;
  mttrP90Hours: number | null;
  slaDue: number;
  slaBreachRate: number | null;
  firstTouchRate: number | null;
  touchesPerCase: number | null;
  noTouchRate: number | null;
  autoRoutedRate: number | null;
  dismissalRate: number | null;
  openedUsd: number;
  atRiskResolvedInTimeRate: number | null;
}

export async function headlineFor(siteIds: string[] | null, r: Range, now: Date): Promise<HeadlineNumbers> {
  const [row] = await q<Record<string, unknown>>(SQL.HEADLINE_SQL, [siteIds, ts(r.start), ts(r.end), ts(now)]);
  const closed = num(row.closed);
  const opened = num(row.opened);
  return {
    opened,
    closed,
    mttrMeanHours: numOrNull(row.mttr_mean),
    // One sort for both percentiles: float8[] [P50, P90], null when nothing was resolved.
    mttrP50Hours: numOrNull((row.mttr_pct as number[] | null)?.[0]),
    mttrP90Hours: numOrNull((row.mttr_pct as number[] | null)?.[1]),
    slaDue: num(row.sla_due),
    slaBreachRate: ratio(num(row.sla_breached), num(row.sla_due)),
    firstTouchRate: ratio(num(row.first_touch), num(row.human_closed)),
    touchesPerCase: ratio(num(row.touches), closed),
    noTouchRate: ratio(num(row.no_touch), closed),
    autoRoutedRate: ratio(num(row.auto_routed), opened),
    dismissalRate: ratio(num(row.dismissed), closed),
    openedUsd: num(row.opened_usd),
    atRiskResolvedInTimeRate: ratio(num(row.in_time_usd), num(row.opened_usd)),
  };
}

export async function backlogFor(siteIds: string[] | null, r: Range) {
  const [row] = await q<Record<string, unknown>>(SQL.BACKLOG_SQL, [siteIds, ts(r.end), ts(r.start)]);
  const days = (r.end.getTime() - r.start.getTime()) / 86_400_000;
  const dailyIntake = days > 0 ? num(row.intake) / days : 0;
  const backlog = num(row.backlog);
  return {
    backlog,
    buckets: AGING_BUCKETS.map((bucket, i) => ({ bucket, cases: num(row[`b${i}`]) })),
    dailyIntake,
    backlogPctOfDailyIntake: ratio(backlog, dailyIntake),
  };
}

export async function resolutionFor(siteIds: string[] | null, r: Range, dim: string) {
  const rows = await q<Record<string, unknown>>(SQL.RESOLUTION_BY_SQL, [siteIds, ts(r.start), ts(r.end), dim]);
  // Sorted here in code-point order, like the calculators (a database collation would ignore the underscores).
  return rows.map((x) => ({ key: String(x.key), n: num(x.n), mean: numOrNull(x.mean), p50: numOrNull(x.p50), p90: numOrNull(x.p90) })).sort((a, b) => byCodePoint(a.key, b.key));
}

export async function detectionFor(siteIds: string[] | null, r: Range) {
  const rows = await q<Record<string, unknown>>(SQL.DETECTION_SQL, [siteIds, ts(r.start), ts(r.end)]);
  const total = rows.find((x) => x.source === null);
  return {
    overall: { n: num(total?.n), p50: numOrNull(total?.p50), p90: numOrNull(total?.p90) },
    bySource: rows
      .filter((x) => x.source !== null)
      .map((x) => ({ source: String(x.source), n: num(x.n), p50: numOrNull(x.p50), p90: numOrNull(x.p90) }))
      .sort((a, b) => byCodePoint(a.source, b.source)),
  };
}

export async function recommendationsFor(siteIds: string[] | null, r: Range) {
  const [row] = await q<Record<string, unknown>>(SQL.RECOMMENDATIONS_SQL, [siteIds, ts(r.start), ts(r.end)]);
  const accepted = num(row.accepted);
  const modified = num(row.modified);
  const rejected = num(row.rejected);
  const override = num(row.override);
  const decided = num(row.decided);
  return { decided, accepted, modified, rejected, override, acceptanceRate: ratio(accepted, accepted + rejected + modified), overrideRate: ratio(override, decided) };
}

export async function dismissalsFor(siteIds: string[] | null, r: Range) {
  const rows = await q<Record<string, unknown>>(SQL.DISMISSALS_SQL, [siteIds, ts(r.start), ts(r.end)]);
  return rows.map((x) => ({ rule: String(x.rule), closed: num(x.closed), dismissed: num(x.dismissed), rate: ratio(num(x.dismissed), num(x.closed)) }));
}

export async function fillFor(siteIds: string[] | null, r: Range, now: Date) {
  const [row] = await q<Record<string, unknown>>(SQL.FILL_SQL, [siteIds, ts(r.start), ts(r.end), ts(now)]);
  return {
    lines: num(row.lines),
    orders: num(row.orders),
    unitFillRate: ratio(num(row.shipped), num(row.ordered)),
    lineFillRate: ratio(num(row.lines_complete), num(row.lines)),
    orderFillRate: ratio(num(row.orders_complete), num(row.orders)),
  };
}

export async function otifFor(siteIds: string[] | null, r: Range, now: Date, basis: string) {
  const t = DEFAULT_OTIF_TOLERANCE;
  const rows = await q<Record<string, unknown>>(SQL.OTIF_SQL, [siteIds, ts(r.start), ts(r.end), ts(now), basis, t.qtyPct]);
  const total = rows.find((x) => x.supplier === null);
  return {
    basis,
    tolerance: t,
    eligible: num(total?.eligible),
    otif: num(total?.otif),
    rate: ratio(num(total?.otif), num(total?.eligible)),
    bySupplier: rows.filter((x) => x.supplier !== null).map((x) => ({ supplier: String(x.supplier), eligible: num(x.eligible), otif: num(x.otif), rate: ratio(num(x.otif), num(x.eligible)) })),
  };
}

export async function supplierOnTimeFor(siteIds: string[] | null, asOf: Date) {
  const rows = await q<Record<string, unknown>>(SQL.SUPPLIER_ON_TIME_SQL, [siteIds, ts(asOf)]);
  const total = rows.find((x) => x.supplier === null);
  return {
    ordered: num(total?.ordered),
    onTime: num(total?.on_time),
    rate: ratio(num(total?.on_time), num(total?.ordered)),
    rows: rows.filter((x) => x.supplier !== null).map((x) => ({ supplier: String(x.supplier), lines: num(x.lines), ordered: num(x.ordered), onTime: num(x.on_time), rate: ratio(num(x.on_time), num(x.ordered)) })),
  };
}

export async function iraFor(siteIds: string[] | null, r: Range) {
  const rows = await q<Record<string, unknown>>(SQL.IRA_SQL, [siteIds, ts(r.start), ts(r.end)]);
  const byClass = ["A", "B", "C"].map((abc) => {
    const x = rows.find((y) => y.abc === abc);
    return { abc, counted: num(x?.counted), hits: num(x?.hits), rate: ratio(num(x?.hits), num(x?.counted)) };
  });
  const counted = byClass.reduce((n, b) => n + b.counted, 0);
  const hits = byClass.reduce((n, b) => n + b.hits, 0);
  return { counted, hits, rate: ratio(hits, counted), byClass };
}

/** Loads one dashboard card for the viewer. */
export async function getKpiCard(viewer: Viewer, card: KpiCard, query: KpiQuery, now = new Date()) {
  authorize(viewer, "kpi.read");
  const p = resolvePeriods(query, now);
  const s = sites(viewer);
  const cur = p.current;
  const prev = p.previous;
  const period = { from: p.from, to: p.to, days: p.days, previous: prev ? { from: ts(prev.start).slice(0, 10), to: ts(new Date(prev.end.getTime() - 86_400_000)).slice(0, 10) } : null };
  switch (card) {
    case "headline": {
      const [current, previous, detection] = await Promise.all([headlineFor(s, cur, now), prev ? headlineFor(s, prev, now) : null, detectionFor(s, cur)]);
      return { period, current: { ...current, detectionP50Hours: detection.overall.p50 }, previous };
    }
    case "timeseries": {
      const unit = p.days <= 45 ? "day" : "week";
      const rows = await q<Record<string, unknown>>(SQL.TIMESERIES_SQL, [s, ts(cur.start), ts(cur.end), unit, ts(now)]);
      return {
        period,
        unit,
        rows: rows.map((x) => ({ bucket: ts(x.bucket as Date).slice(0, 10), opened: num(x.opened), resolved: num(x.resolved), openedUsd: num(x.opened_usd), slaDue: num(x.due), slaBreached: num(x.breached) })),
      };
    }
    case "backlog":
      return { period, ...(await backlogFor(s, cur)) };
    case "resolution":
      return { period, dim: query.dim, rows: await resolutionFor(s, cur, query.dim) };
    case "breakdown":
    case "pareto": {
      const by = card === "pareto" ? "type" : query.by;
      const rows = await q<Record<string, unknown>>(SQL.BREAKDOWN_SQL, [s, ts(cur.start), ts(cur.end), by]);
      const total = rows.reduce((n, x) => n + num(x.opened), 0);
      let cum = 0;
      return {
        period,
        by,
        rows: rows.map((x) => {
          cum += num(x.opened);
          return { key: String(x.key), opened: num(x.opened), exposure: num(x.exposure), stillOpen: num(x.still_open), resolved: num(x.resolved), cumulativeShare: ratio(cum, total) };
        }),
      };
    }
    case "detection":
      return { period, ...(await detectionFor(s, cur)) };
    case "recommendations":
      return { period, ...(await recommendationsFor(s, cur)) };
    case "dismissals":
      return { period, rows: await dismissalsFor(s, cur) };
    case "fill": {
      const [current, previous] = await Promise.all([fillFor(s, cur, now), prev ? fillFor(s, prev, now) : null]);
      return { period, current, previous };
    }
    case "otif":
      return { period, ...(await otifFor(s, cur, now, query.basis)) };
    case "suppliers": {
      const [onTime, otif, cases] = await Promise.all([
        supplierOnTimeFor(s, cur.end),
        otifFor(s, cur, now, query.basis),
        q<Record<string, unknown>>(SQL.SUPPLIER_CASES_SQL, [s]),
      ]);
      const codes = new Set([...onTime.rows.map((r) => r.supplier), ...otif.bySupplier.map((r) => r.supplier), ...cases.map((r) => String(r.supplier))]);
      const rows = [...codes].sort().map((supplier) => {
        const o = onTime.rows.find((r) => r.supplier === supplier);
        const f = otif.bySupplier.find((r) => r.supplier === supplier);
        const c = cases.find((r) => r.supplier === supplier);
        return { supplier, onTimeRate12m: o?.rate ?? null, lines12m: o?.lines ?? 0, otifRate: f?.rate ?? null, otifLines: f?.eligible ?? 0, openCases: num(c?.open_cases), openUsd: num(c?.open_usd) };
      });
      return { period, onTimeRate12m: onTime.rate, otifRate: otif.rate, rows };
    }
    case "ira":
      return { period, ...(await iraFor(s, cur)) };
    case "team": {
      const rows = await q<Record<string, unknown>>(SQL.TEAM_SQL, [s, ts(cur.start), ts(cur.end)]);
      return { period, rows: rows.map((x) => ({ id: String(x.id), name: String(x.name), role: String(x.role), touches: num(x.touches), resolved: num(x.resolved), p50Hours: numOrNull(x.p50) })) };
    }
  }
}
export type KpiCardResult = Awaited<ReturnType<typeof getKpiCard>>;
