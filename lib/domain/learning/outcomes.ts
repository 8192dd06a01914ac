/**
 * What became of a rule's cases. Every resolved case gets one outcome from its resolution code and
 * whether an action on it was approved:
 *
 * - ACTED_ON: an action was approved (auto-approved included) — whatever the case was closed with
 *   afterwards, suppressing it would have lost that action — or the planner says it was fixed or
 *   resolved by an action (FIXED, RESOLVED_BY_ACTION), or the system closed it after an approved
 *   action (ACTION_CONFIRMED, CLOSED_WITHOUT_CONFIRMATION).
 * - DISMISSED: a person closed it as NOT_AN_ISSUE (and no action was approved): a false positive.
 * - NO_ACTION: a person closed it without an action and without calling it a false alarm
 *   (SOURCE_DATA_ERROR, OTHER): the alert was not noise, but nothing was done in the supply chain.
 * - CLEARED: detection resolved it because the condition went away (CONDITION_CLEARED) and nobody
 *   acted. Nobody judged these cases, so they are left out of the rates: counting them as noise
 *   would blame rules whose conditions heal on their own (a late acknowledgement that arrives), and
 *   counting them as useful would dilute real dismissals. They are reported next to the rates.
 * - EXCLUDED: DUPLICATE (the other case carries the judgement), no code, or a code we do not know.
 *
 * Rates are over judged cases = DISMISSED + NO_ACTION + ACTED_ON.
 */
import { RESOLUTION_CODES, SYSTEM_RESOLUTION_CODES } from "@/lib/domain/case/resolution-codes";

export const OUTCOMES = ["DISMISSED", "NO_ACTION", "ACTED_ON", "CLEARED", "EXCLUDED"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  DISMISSED: "Dismissed as not an issue",
  NO_ACTION: "Closed without action",
  ACTED_ON: "Acted on",
  CLEARED: "Cleared on its own",
  EXCLUDED: "Duplicate or unknown",
};

export interface ResolvedCaseFacts {
  /** Case.resolutionCode. */
  resolutionCode: string | null;
  /** Case.resolutionReason: detection writes CONDITION_CLEARED here (and no code). */
  resolutionReason?: string | null;
  /** An action on the case was approved (CaseAction.status APPROVED). */
  hadApprovedAction: boolean;
}

const ACTED_CODES = new Set<string>(["FIXED", "RESOLVED_BY_ACTION", "ACTION_CONFIRMED", "CLOSED_WITHOUT_CONFIRMATION"]);
const NO_ACTION_CODES = new Set<string>(["SOURCE_DATA_ERROR", "OTHER"]);
const KNOWN = new Set<string>([...RESOLUTION_CODES, ...SYSTEM_RESOLUTION_CODES]);

/** The resolution code of a case, reading detection's CONDITION_CLEARED from the reason when the code is empty. */
export function effectiveResolutionCode(f: Pick<ResolvedCaseFacts, "resolutionCode" | "resolutionReason">): string | null {
  if (f.resolutionCode) return f.resolutionCode;
  return f.resolutionReason === "CONDITION_CLEARED" ? "CONDITION_CLEARED" : null;
}

/** The outcome of one resolved case (see the module comment for the rules). */
export function classifyOutcome(f: ResolvedCaseFacts): Outcome {
  if (f.hadApprovedAction) return "ACTED_ON";
  const code = effectiveResolutionCode(f);
  if (code === null || !KNOWN.has(code)) return "EXCLUDED";
  if (code === "NOT_AN_ISSUE") return "DISMISSED";
  if (ACTED_CODES.has(code)) return "ACTED_ON";
  if (NO_ACTION_CODES.has(code)) return "NO_ACTION";
  if (code === "CONDITION_CLEARED") return "CLEARED";
  return "EXCLUDED"; // DUPLICATE
}

/** Resolved cases of one rule grouped by what decides their outcome (one SQL group). */
export interface OutcomeGroup extends ResolvedCaseFacts {
  ruleType: string;
  cases: number;
  /** Σ Case.exposure of the group. */
  exposureUsd: number;
}

export interface RuleOutcomeStats {
  ruleType: string;
  counts: Record<Outcome, number>;
  usd: Record<Outcome, number>;
  /** DISMISSED + NO_ACTION + ACTED_ON. */
  judged: number;
  /** DISMISSED / judged, null when nothing was judged. */
  dismissalRate: number | null;
  noActionRate: number | null;
  actedOnRate: number | null;
}

const zeroes = (): Record<Outcome, number> => ({ DISMISSED: 0, NO_ACTION: 0, ACTED_ON: 0, CLEARED: 0, EXCLUDED: 0 });

/** Per-rule outcome counts, $ and rates, ordered by rule type. */
export function summarizeRuleOutcomes(groups: readonly OutcomeGroup[]): RuleOutcomeStats[] {
  const byRule = new Map<string, { counts: Record<Outcome, number>; usd: Record<Outcome, number> }>();
  for (const g of groups) {
    let r = byRule.get(g.ruleType);
    if (!r) byRule.set(g.ruleType, (r = { counts: zeroes(), usd: zeroes() }));
    const o = classifyOutcome(g);
    r.counts[o] += g.cases;
    r.usd[o] += g.exposureUsd;
  }
  return [...byRule.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ruleType, { counts, usd }]) => {
      const judged = counts.DISMISSED + counts.NO_ACTION + counts.ACTED_ON;
      const rate = (n: number) => (judged > 0 ? n / judged : null);
      return { ruleType, counts, usd, judged, dismissalRate: rate(counts.DISMISSED), noActionRate: rate(counts.NO_ACTION), actedOnRate: rate(counts.ACTED_ON) };
    });
}

export interface DismissalTriggerConfig {
  minJudgedCases: number;
  minDismissalRate: number;
}

export type TriggerState =
  | { state: "TRIGGERED"; rate: number }
  | { state: "SMALL_SAMPLE"; judged: number; needed: number }
  | { state: "BELOW_RATE"; rate: number };

/** Whether a rule's dismissal rate calls for a threshold change: enough judged cases, and a rate at or above the trigger. */
export function dismissalTrigger(stats: Pick<RuleOutcomeStats, "judged" | "dismissalRate">, cfg: DismissalTriggerConfig): TriggerState {
  if (stats.judged < cfg.minJudgedCases || stats.dismissalRate === null) return { state: "SMALL_SAMPLE", judged: stats.judged, needed: cfg.minJudgedCases };
  if (stats.dismissalRate >= cfg.minDismissalRate) return { state: "TRIGGERED", rate: stats.dismissalRate };
  return { state: "BELOW_RATE", rate: stats.dismissalRate };
}
