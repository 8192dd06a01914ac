/**
 * A planner who closes a case as "Not an issue" has told us the situation is acceptable. Detection
 * must not open the same cause again on its next run (minutes later) as if nobody had looked; it
 * re-opens only when the situation has materially changed — the score rose by more than
 * DISMISSAL_SCORE_RISE, or it became critical — or the dismissal is older than DISMISSAL_MEMORY_DAYS.
 * Recurring dismissals still reach the learning loop (rule tuning), which is where a noisy rule is fixed.
 */
export const DISMISSAL_MEMORY_DAYS = 30;
export const DISMISSAL_SCORE_RISE = 0.25;

export type Dismissal = { score: number; severity: string; resolvedAt: Date };

/** Whether a newly detected draft for a dismissed cause stays quiet (true) or opens a new case (false). */
export function staysDismissed(dismissal: Dismissal, draft: { score: number; severity: string }, now: Date): boolean {
  const ageDays = (now.getTime() - dismissal.resolvedAt.getTime()) / 86_400_000;
  if (ageDays > DISMISSAL_MEMORY_DAYS) return false;
  if (draft.severity === "CRITICAL" && dismissal.severity !== "CRITICAL") return false;
  return draft.score <= dismissal.score * (1 + DISMISSAL_SCORE_RISE);
}
