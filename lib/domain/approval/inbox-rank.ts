/**
 * Order of the approvals inbox. Requests that are about to lapse come first — the request expires,
 * or its case's SLA ends, within the "due soon" window (or already has) — and within each group
 * the largest $ value first; ties go to the oldest request. Pure: "now" is passed in.
 */

export type RankInput = { id: string; valueUsd: number; expiresAt: Date | null; slaDueAt: Date; requestedAt: Date };
export type RankReason = { dueSoon: boolean; why: string };

export const DUE_SOON_HOURS = 24;

/** The one-line explanation shown above the inbox. */
export const RANKING_EXPLANATION = `Requests that expire, or whose case SLA ends, within ${DUE_SOON_HOURS} h come first; within each group the largest $ value first, then the oldest request.`;

const hoursUntil = (d: Date, now: Date) => (d.getTime() - now.getTime()) / 3_600_000;

/** Whether a request is "due soon" and why. */
export function rankReason(r: RankInput, now: Date): RankReason {
  const expiresIn = r.expiresAt ? hoursUntil(r.expiresAt, now) : Infinity;
  const slaIn = hoursUntil(r.slaDueAt, now);
  if (expiresIn <= DUE_SOON_HOURS && expiresIn <= slaIn) return { dueSoon: true, why: expiresIn <= 0 ? "request expired" : `request expires in ${Math.max(1, Math.round(expiresIn))} h` };
  if (slaIn <= DUE_SOON_HOURS) return { dueSoon: true, why: slaIn <= 0 ? "case SLA passed" : `case SLA ends in ${Math.max(1, Math.round(slaIn))} h` };
  return { dueSoon: false, why: "ranked by value" };
}

/** The inbox order (a new array; the input is not changed). */
export function rankApprovals<T extends RankInput>(rows: readonly T[], now: Date): T[] {
  const keyed = rows.map((r) => ({ r, due: rankReason(r, now).dueSoon }));
  keyed.sort((a, b) => Number(b.due) - Number(a.due) || b.r.valueUsd - a.r.valueUsd || a.r.requestedAt.getTime() - b.r.requestedAt.getTime() || (a.r.id < b.r.id ? -1 : 1));
  return keyed.map((k) => k.r);
}
