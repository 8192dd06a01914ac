/**
 * Exception-operations KPIs (domain.md section (e)), pure. Each calculator takes plain facts that the data layer
 * reads from real events (cases, their timeline, actions, exceptions) and returns null for "no data", never 0.
 * The SQL in lib/server/dal/kpi-sql.ts computes the same numbers set-based; an integration test holds them equal.
 */
import { DAY_MS, HOUR_MS } from "@/lib/domain/util/dates";
import { mean, percentile, ratio } from "@/lib/domain/kpi/calculators";

/** Period [from, to). */
export interface Period {
  from: Date;
  to: Date;
}
export const inPeriod = (d: Date | null | undefined, p: Period) => !!d && d.getTime() >= p.from.getTime() && d.getTime() < p.to.getTime();

export interface Distribution {
  n: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
}
export function distribution(xs: readonly number[]): Distribution {
  return { n: xs.length, mean: mean(xs), p50: percentile(xs, 50), p90: percentile(xs, 90) };
}

function groupDistribution<T>(rows: readonly T[], key: (r: T) => string, value: (r: T) => number): { key: string; dist: Distribution }[] {
  const m = new Map<string, number[]>();
  for (const r of rows) {
    const k = key(r);
    const a = m.get(k) ?? [];
    a.push(value(r));
    m.set(k, a);
  }
  return [...m.entries()].map(([k, xs]) => ({ key: k, dist: distribution(xs) })).sort((a, b) => byCodePoint(a.key, b.key));
}

/** Plain code-point order (SQL: COLLATE "C"), so the SQL and the calculator list groups identically. */
export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ─────────────── business hours ───────────────

/** 1970-01-05 was a Monday; whole weeks from it make the weekday arithmetic closed-form (SQL does the same). */
const MONDAY_EPOCH = Date.UTC(1970, 0, 5);
const WEEK_MS = 7 * DAY_MS;

/** Weekday (Mon–Fri, UTC) hours elapsed from the Monday epoch to `t`. */
export function weekdayHoursSinceEpoch(t: Date): number {
  const ms = t.getTime() - MONDAY_EPOCH;
  const weeks = Math.floor(ms / WEEK_MS);
  const rest = ms - weeks * WEEK_MS;
  return (weeks * 5 * DAY_MS + Math.min(rest, 5 * DAY_MS)) / HOUR_MS;
}

/**
 * Business hours between two instants: elapsed hours with Saturdays and Sundays (UTC) left out. The workbench runs
 * 24×5 (sites in several time zones), so a business day is a whole weekday, not 9–17 in one zone.
 */
export function businessHoursBetween(from: Date, to: Date): number {
  return weekdayHoursSinceEpoch(to) - weekdayHoursSinceEpoch(from);
}

// ─────────────── detection latency ───────────────

export interface DetectionFact {
  source: string;
  /** Source timestamp of the condition (ASN ETA passed, count posted…): Exception.eventAt. */
  eventAt: Date;
  detectedAt: Date;
}

/** median / P90 of (detectedAt − eventAt) in hours over exceptions detected in the period, overall and per source. */
export function detectionLatency(rows: readonly DetectionFact[], p: Period) {
  const inP = rows.filter((r) => inPeriod(r.detectedAt, p));
  const hours = (r: DetectionFact) => Math.max(0, (r.detectedAt.getTime() - r.eventAt.getTime()) / HOUR_MS);
  return {
    overall: distribution(inP.map(hours)),
    bySource: groupDistribution(inP, (r) => r.source, hours),
  };
}

// ─────────────── resolution time, backlog, SLA ───────────────

export interface CaseFact {
  id: string;
  type: string;
  severity: string;
  site: string;
  supplier: string | null;
  openedAt: Date;
  resolvedAt: Date | null;
  slaDueAt: Date;
  autoRouted: boolean;
  resolutionCode: string | null;
  exposure: number;
  /** First shortage date t* from the explanation vector; null when the case has none. */
  tStar: Date | null;
  /** Human actions on the case (timeline events with a person as actor). */
  touches: number;
  /** A REOPENED event within 14 days of a RESOLVED event. */
  reopenedWithin14d: boolean;
}

export type CaseDimension = "type" | "severity" | "site";

/** Mean / P50 / P90 business hours opened → resolved over cases resolved in the period, overall and by a dimension. */
export function timeToResolution(cases: readonly CaseFact[], p: Period, by: CaseDimension) {
  const resolved = cases.filter((c) => inPeriod(c.resolvedAt, p));
  const h = (c: CaseFact) => businessHoursBetween(c.openedAt, c.resolvedAt as Date);
  return { overall: distribution(resolved.map(h)), groups: groupDistribution(resolved, (c) => c[by], h) };
}

export const AGING_BUCKETS = ["0-2d", "3-7d", "8-14d", ">14d"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Bucket of a case `ageHours` old: whole days of age 0–2, 3–7, 8–14, more. */
export function agingBucket(ageHours: number): AgingBucket {
  const days = Math.floor(ageHours / 24);
  return days <= 2 ? "0-2d" : days <= 7 ? "3-7d" : days <= 14 ? "8-14d" : ">14d";
}

/**
 * Backlog at `asOf` (cases opened before it and not resolved by it), by age bucket, and as a share of the mean daily
 * intake over the period (cases opened in the period ÷ its days).
 */
export function backlogAging(cases: readonly CaseFact[], p: Period, asOf: Date) {
  const open = cases.filter((c) => c.openedAt.getTime() < asOf.getTime() && (!c.resolvedAt || c.resolvedAt.getTime() > asOf.getTime()));
  const buckets = Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>;
  for (const c of open) buckets[agingBucket((asOf.getTime() - c.openedAt.getTime()) / HOUR_MS)]++;
  const days = (p.to.getTime() - p.from.getTime()) / DAY_MS;
  const intake = cases.filter((c) => inPeriod(c.openedAt, p)).length;
  const dailyIntake = days > 0 ? intake / days : 0;
  return { backlog: open.length, buckets, dailyIntake, backlogPctOfDailyIntake: ratio(open.length, dailyIntake) };
}

/** Cases whose SLA fell due in the period (and by `now`); breached = not resolved by slaDueAt. */
export function slaBreachRate(cases: readonly CaseFact[], p: Period, now: Date) {
  const due = cases.filter((c) => inPeriod(c.slaDueAt, p) && c.slaDueAt.getTime() <= now.getTime());
  const breached = due.filter((c) => !c.resolvedAt || c.resolvedAt.getTime() > c.slaDueAt.getTime()).length;
  return { due: due.length, breached, rate: ratio(breached, due.length) };
}

// ─────────────── touches, first touch, auto-routing, dismissals ───────────────

/**
 * Over cases resolved in the period. Auto-closed cases (no human action at all: detection cleared them) are left out
 * of first-touch resolution; a case reopened within 14 days of a resolution counts as a failure.
 */
export function touchKpis(cases: readonly CaseFact[], p: Period) {
  const closed = cases.filter((c) => inPeriod(c.resolvedAt, p));
  const human = closed.filter((c) => c.touches > 0);
  const firstTouch = human.filter((c) => c.touches === 1 && !c.reopenedWithin14d).length;
  const touches = closed.reduce((n, c) => n + c.touches, 0);
  return {
    closed: closed.length,
    humanClosed: human.length,
    firstTouchResolved: firstTouch,
    firstTouchRate: ratio(firstTouch, human.length),
    touches,
    touchesPerCase: ratio(touches, closed.length),
    noTouchResolved: closed.length - human.length,
    noTouchRate: ratio(closed.length - human.length, closed.length),
  };
}

/** Cases opened in the period that routing rules assigned without manual triage ÷ cases opened. */
export function autoRoutedRate(cases: readonly CaseFact[], p: Period) {
  const opened = cases.filter((c) => inPeriod(c.openedAt, p));
  const auto = opened.filter((c) => c.autoRouted).length;
  return { opened: opened.length, autoRouted: auto, rate: ratio(auto, opened.length) };
}

/** Cases closed as NOT_AN_ISSUE ÷ cases closed, per rule (the case's primary type), over cases resolved in the period. */
export function dismissalRateByRule(cases: readonly CaseFact[], p: Period) {
  const closed = cases.filter((c) => inPeriod(c.resolvedAt, p));
  const m = new Map<string, { closed: number; dismissed: number }>();
  for (const c of closed) {
    const g = m.get(c.type) ?? { closed: 0, dismissed: 0 };
    g.closed++;
    if (c.resolutionCode === "NOT_AN_ISSUE") g.dismissed++;
    m.set(c.type, g);
  }
  const rows = [...m.entries()].map(([rule, g]) => ({ rule, ...g, rate: ratio(g.dismissed, g.closed) })).sort((a, b) => b.dismissed - a.dismissed || a.rule.localeCompare(b.rule));
  const dismissed = closed.filter((c) => c.resolutionCode === "NOT_AN_ISSUE").length;
  return { closed: closed.length, dismissed, rate: ratio(dismissed, closed.length), rows };
}

/**
 * $ at risk resolved in time: Σ exposure of cases opened in the period and resolved before t* ÷ Σ exposure of cases
 * opened in the period. Cases without a shortage date use their SLA due date as the deadline.
 */
export function atRiskResolvedInTime(cases: readonly CaseFact[], p: Period) {
  const opened = cases.filter((c) => inPeriod(c.openedAt, p));
  const openedUsd = opened.reduce((n, c) => n + c.exposure, 0);
  const inTime = opened.filter((c) => c.resolvedAt && c.resolvedAt.getTime() < (c.tStar ?? c.slaDueAt).getTime());
  const resolvedUsd = inTime.reduce((n, c) => n + c.exposure, 0);
  return { openedUsd, resolvedInTimeUsd: resolvedUsd, rate: ratio(resolvedUsd, openedUsd) };
}

// ─────────────── recommendations ───────────────

export interface ActionDecisionFact {
  type: string;
  status: string;
  revision: number;
  decidedAt: Date | null;
  /** Executable recommendation action types of the case, best first. */
  recommendedTypes: readonly string[];
}

/**
 * Over actions decided (APPROVED / REJECTED) in the period on cases that had an executable recommendation:
 * accepted = approved, the top recommendation's type, never edited; modified = approved, a recommended type but a lower
 * rank or edited; rejected = the approver rejected it; override = approved, a type the engine did not recommend.
 * acceptance = accepted ÷ (accepted + rejected + modified); override rate = override ÷ all decided.
 */
export function recommendationAcceptance(actions: readonly ActionDecisionFact[], p: Period) {
  const decided = actions.filter((a) => inPeriod(a.decidedAt, p) && a.recommendedTypes.length > 0 && (a.status === "APPROVED" || a.status === "REJECTED"));
  let accepted = 0;
  let modified = 0;
  let rejected = 0;
  let override = 0;
  for (const a of decided) {
    if (a.status === "REJECTED") rejected++;
    else if (!a.recommendedTypes.includes(a.type)) override++;
    else if (a.type === a.recommendedTypes[0] && a.revision === 1) accepted++;
    else modified++;
  }
  return { decided: decided.length, accepted, modified, rejected, override, acceptanceRate: ratio(accepted, accepted + rejected + modified), overrideRate: ratio(override, decided.length) };
}
