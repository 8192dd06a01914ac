/**
 * Snooze rules: a snoozed case is hidden from the default queue until one of its wake conditions
 * fires — a date passes, its score rises by X% over the score it had when snoozed, or (snooze
 * "until something changes") a source record behind it changes. Pure: "now" and the facts are passed in.
 */

export type SnoozeFields = {
  snoozedAt: Date | null;
  snoozeUntil: Date | null;
  snoozeOnChange: boolean;
  snoozeScoreRisePct: number | null;
  snoozeScoreBase: number | null;
};

export type SnoozeRequest = { until?: Date | null; onChange?: boolean; scoreRisePct?: number | null };

export type WakeTrigger = "SOURCE_CHANGED" | "SCORE_ROSE" | "DATE_PASSED";

export type WakeDecision = { wake: false } | { wake: true; trigger: WakeTrigger; reason: string };

export type WakeFacts = {
  now: Date;
  /** The case's current score (after the latest rescoring). */
  score: number;
  /** A source record behind the case changed since it was snoozed (an ingested event on its objects). */
  objectsChanged: boolean;
};

export const MIN_SCORE_RISE_PCT = 1;
export const MAX_SCORE_RISE_PCT = 1000;

const round1 = (v: number) => Math.round(v * 10) / 10;
const iso = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** A case counts as snoozed from the moment it is snoozed until a wake clears the fields. */
export function isSnoozed(s: Pick<SnoozeFields, "snoozedAt">): boolean {
  return s.snoozedAt !== null;
}

/** Why a snooze request cannot be accepted, or null when it is valid (at least one future-proof condition). */
export function snoozeRequestProblem(req: SnoozeRequest, now: Date): string | null {
  const hasDate = req.until != null;
  const hasRise = req.scoreRisePct != null;
  if (!hasDate && !req.onChange && !hasRise) return "Choose at least one wake condition: a date, a source change or a score rise.";
  if (hasDate && !(req.until!.getTime() > now.getTime())) return "The snooze date must be in the future.";
  if (hasRise && !(req.scoreRisePct! >= MIN_SCORE_RISE_PCT && req.scoreRisePct! <= MAX_SCORE_RISE_PCT)) {
    return `The score rise must be between ${MIN_SCORE_RISE_PCT}% and ${MAX_SCORE_RISE_PCT}%.`;
  }
  return null;
}

/** The score at which a score-rise snooze wakes (a zero base wakes on any positive score). */
export function scoreWakeThreshold(base: number, risePct: number): number {
  return base * (1 + risePct / 100);
}

function scoreRose(s: SnoozeFields, score: number): string | null {
  if (s.snoozeScoreRisePct == null || s.snoozeScoreBase == null) return null;
  const base = s.snoozeScoreBase;
  const pct = s.snoozeScoreRisePct;
  const risen = base > 0 ? score >= scoreWakeThreshold(base, pct) : score > 0;
  if (!risen) return null;
  const actual = base > 0 ? `${round1(((score - base) / base) * 100)}%` : "from zero";
  return `Score rose ${actual} (${round1(base)} → ${round1(score)}); the snooze asked to wake at +${round1(pct)}%.`;
}

/**
 * Should a snoozed case wake now? A source change is named first (it is the most specific news),
 * then a score rise, then the date. A case that is not snoozed never "wakes".
 */
export function shouldWake(s: SnoozeFields, facts: WakeFacts): WakeDecision {
  if (!isSnoozed(s)) return { wake: false };
  if (s.snoozeOnChange && facts.objectsChanged) {
    return { wake: true, trigger: "SOURCE_CHANGED", reason: "A source record behind the case changed." };
  }
  const rose = scoreRose(s, facts.score);
  if (rose) return { wake: true, trigger: "SCORE_ROSE", reason: rose };
  if (s.snoozeUntil && s.snoozeUntil.getTime() <= facts.now.getTime()) {
    return { wake: true, trigger: "DATE_PASSED", reason: `The snooze date ${iso(s.snoozeUntil)} passed.` };
  }
  return { wake: false };
}

/** "until 2026-11-30 09:00 UTC, or a source record changes, or the score rises 20%". */
export function describeSnoozeConditions(s: Pick<SnoozeFields, "snoozeUntil" | "snoozeOnChange" | "snoozeScoreRisePct">): string {
  const parts: string[] = [];
  if (s.snoozeUntil) parts.push(`until ${iso(s.snoozeUntil)}`);
  if (s.snoozeOnChange) parts.push(parts.length ? "or a source record changes" : "until a source record changes");
  if (s.snoozeScoreRisePct != null) parts.push(`${parts.length ? "or" : "until"} the score rises ${round1(s.snoozeScoreRisePct)}%`);
  return parts.join(", ");
}
