/** Pure KPI math over plain arrays. Empty input yields null ("no data"), never 0. */
import { HOUR_MS } from "@/lib/domain/util/dates";

const finite = (xs: readonly number[]) => xs.filter((x) => Number.isFinite(x));

/** Sum of `by(x)`; null for an empty list. */
export function sumBy<T>(xs: readonly T[], by: (x: T) => number): number | null {
  if (xs.length === 0) return null;
  return xs.reduce((n, x) => n + by(x), 0);
}

/** Arithmetic mean of finite values; null when there are none. */
export function mean(xs: readonly number[]): number | null {
  const v = finite(xs);
  return v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length;
}

/** Percentile p ∈ [0, 100] with linear interpolation between ranks; null when empty. */
export function percentile(xs: readonly number[], p: number): number | null {
  const v = [...finite(xs)].sort((a, b) => a - b);
  if (v.length === 0) return null;
  const q = Math.min(100, Math.max(0, p)) / 100;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

/** Median (P50); null when empty. */
export function median(xs: readonly number[]): number | null {
  return percentile(xs, 50);
}

/** Share `part / whole` in [0, 1]; null when the whole is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Hours between two instants (negative when `to` is earlier). */
export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / HOUR_MS;
}

/** Counts items per key, including zero rows for every key in `keys` (stable order). */
export function countBy<T, K extends string>(xs: readonly T[], keyOf: (x: T) => K, keys: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const x of xs) {
    const k = keyOf(x);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

export interface CaseLike {
  status: string;
  severity: string;
  serviceExposure: number;
  financialExposure: number;
  openedAt: Date;
}

export interface ActionLike {
  status: string;
  requestedAt: Date;
  decidedAt: Date | null;
}

const isOpen = (c: CaseLike) => c.status !== "RESOLVED";
const exposureOf = (c: CaseLike) => c.serviceExposure + c.financialExposure;

/** Open $ at risk; null when there are no open cases. */
export function openUsdAtRisk(cases: readonly CaseLike[]): number | null {
  return sumBy(cases.filter(isOpen), exposureOf);
}

/** $ at risk on open cases whose action is approved; null when there are none. */
export function usdAtRiskWithApprovedAction(cases: readonly CaseLike[]): number | null {
  return sumBy(cases.filter((c) => c.status === "ACTION_APPROVED"), exposureOf);
}

/** Median age in hours of open cases at `now`; null when none are open. */
export function medianOpenCaseAgeHours(cases: readonly CaseLike[], now: Date): number | null {
  return median(cases.filter(isOpen).map((c) => hoursBetween(c.openedAt, now)));
}

/** Median hours from request to decision over decided actions; null when none are decided. */
export function approvalTurnaroundHours(actions: readonly ActionLike[]): number | null {
  return median(actions.filter((a) => a.decidedAt).map((a) => hoursBetween(a.requestedAt, a.decidedAt as Date)));
}

/** Count of actions awaiting a decision (0 is a real value here: the queue is empty). */
export function pendingApprovals(actions: readonly ActionLike[]): number {
  return actions.filter((a) => a.status === "PENDING_APPROVAL").length;
}
