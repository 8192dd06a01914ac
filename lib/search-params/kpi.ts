import { z } from "zod";

/** Dashboard cards; each is fetched on its own from GET /api/kpi/[card]. */
export const KPI_CARDS = ["headline", "timeseries", "backlog", "resolution", "breakdown", "pareto", "detection", "recommendations", "dismissals", "fill", "otif", "suppliers", "ira", "team"] as const;
export type KpiCard = (typeof KPI_CARDS)[number];
export const COMPARE_MODES = ["previous", "year", "none"] as const;
export const RESOLUTION_DIMS = ["type", "severity", "site"] as const;
export const BREAKDOWN_DIMS = ["site", "type", "supplier"] as const;
export const OTIF_BASES = ["last_confirmed", "first_confirmed"] as const;
export const DEFAULT_RANGE_DAYS = 90;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The dashboard's URL state (shared by the page, the cards and the API route). Days are UTC, `to` inclusive. */
export const kpiQuerySchema = z.object({
  from: z.string().refine(isDay).optional().catch(undefined),
  to: z.string().refine(isDay).optional().catch(undefined),
  compare: z.enum(COMPARE_MODES).catch("previous"),
  dim: z.enum(RESOLUTION_DIMS).catch("type"),
  by: z.enum(BREAKDOWN_DIMS).catch("site"),
  basis: z.enum(OTIF_BASES).catch("last_confirmed"),
});
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

export interface KpiPeriods {
  from: string;
  to: string;
  /** [start, end) instants of the selected and the comparison period. */
  current: { start: Date; end: Date };
  previous: { start: Date; end: Date } | null;
  days: number;
}

const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Resolves the URL's range (default: the last 90 days up to `today`) and its comparison period. At most 3 years. */
export function resolvePeriods(q: Pick<KpiQuery, "from" | "to" | "compare">, today: Date): KpiPeriods {
  const todayDay = Date.parse(`${iso(today)}T00:00:00Z`);
  let end = q.to ? Date.parse(`${q.to}T00:00:00Z`) + DAY_MS : todayDay + DAY_MS;
  let start = q.from ? Date.parse(`${q.from}T00:00:00Z`) : end - DEFAULT_RANGE_DAYS * DAY_MS;
  if (start >= end) start = end - DAY_MS;
  if (end - start > 3 * 366 * DAY_MS) start = end - 3 * 366 * DAY_MS;
  end = Math.max(end, start + DAY_MS);
  const days = Math.round((end - start) / DAY_MS);
  const previous =
    q.compare === "none"
      ? null
      : q.compare === "year"
        ? { start: new Date(Date.UTC(new Date(start).getUTCFullYear() - 1, new Date(start).getUTCMonth(), new Date(start).getUTCDate())), end: new Date(Date.UTC(new Date(end).getUTCFullYear() - 1, new Date(end).getUTCMonth(), new Date(end).getUTCDate())) }
        : { start: new Date(start - (end - start)), end: new Date(start) };
  return { from: iso(new Date(start)), to: iso(new Date(end - DAY_MS)), current: { start: new Date(start), end: new Date(end) }, previous, days };
}

/** Every case status: drill-downs from history include resolved cases (the queue's default shows open ones only). */
export const ALL_STATUSES = "OPEN,PENDING_APPROVAL,ACTION_APPROVED,RESOLVED";

/**
 * A case-queue URL (lib/search-params/cases.ts) for a drill-down: only filters the queue understands. The queue has
 * no date filter, so a drill-down narrows by what the chart grouped on (site, type, supplier, severity, age, SLA,
 * assignee) and the statuses that matter, not by the dashboard's date range.
 */
export function casesHref(f: { site?: string; type?: string; supplier?: string; severity?: string; status?: string; sla?: string; ageMin?: number; ageMax?: number; assignee?: string }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== "" && v !== "(none)") p.set(k, String(v));
  const s = p.toString();
  return s ? `/cases?${s}` : "/cases";
}
