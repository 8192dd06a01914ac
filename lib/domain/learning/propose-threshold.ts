/**
 * Threshold proposals from past outcomes. For a rule whose cases are dismissed too often, replay its
 * resolved cases against higher values of its threshold: a case is suppressed by a value T' when it
 * was raised under the current parameters and none of its findings would have fired under T' (each
 * finding's peak value ≤ its threshold under the proposed parameters — site/class overrides still
 * apply — and no other condition fired). Candidates are the dismissed cases' peak values rounded up
 * to the rule's step; the proposal is the candidate that suppresses the most dismissed cases while
 * losing at most `maxActedOnLossRate` of the acted-on cases (the cost), whose suppressed set is at
 * least as noisy as the trigger rate, and that suppresses at least `minDismissedSuppressed`
 * dismissed cases; ties go to the smaller change.
 */
import type { Outcome } from "@/lib/domain/learning/outcomes";
import { TUNABLE_RULES } from "@/lib/domain/learning/rule-triggers";
import type { AbcClass } from "@/lib/domain/model/snapshot";
import type { ScoringParams } from "@/lib/domain/score/config";
import { ruleThreshold, type RuleThresholdKey } from "@/lib/domain/score/rule-threshold";
import { round } from "@/lib/domain/util/numbers";

/** One finding of a past case, ready to replay. */
export interface ReplayTrigger {
  key: string | null;
  value: number | null;
  also: boolean;
  siteId: string;
  abcClass: AbcClass | null;
}

export interface ReplayCase {
  id: string;
  number: number;
  /** Case.exposure ($ at risk when it was last scored). */
  exposure: number;
  outcome: Outcome;
  /** Empty when the case holds no stored comparison (it cannot be replayed). */
  triggers: ReplayTrigger[];
}

export interface ProposalConfig {
  minDismissalRate: number;
  maxActedOnLossRate: number;
  minDismissedSuppressed: number;
}

/** Counts and $ of a set of cases by outcome. */
export interface OutcomeTally {
  cases: number;
  usd: number;
  dismissed: number;
  dismissedUsd: number;
  actedOn: number;
  actedOnUsd: number;
  noAction: number;
  cleared: number;
  excluded: number;
}

export interface CandidateResult {
  threshold: number;
  suppressed: OutcomeTally;
  /** Passes the cost, noise and size limits. */
  eligible: boolean;
}

export interface CaseRef {
  id: string;
  number: number;
  exposure: number;
  /** Highest compared value of the rule's threshold among the case's findings. */
  value: number | null;
}

export interface ThresholdProposalDraft {
  ruleType: string;
  key: RuleThresholdKey;
  currentValue: number;
  proposedValue: number;
  /** Replayable cases raised under the current parameters. */
  population: OutcomeTally;
  suppressed: OutcomeTally;
  /** Replayable cases not raised under the current parameters (an earlier change already suppresses them). */
  alreadySuppressed: number;
  /** Cases without a stored comparison (left out). */
  notReplayable: number;
  /** The acted-on cases suppressing would have lost, and up to 5 of the dismissed ones it suppresses (largest $ first). */
  actedOnLost: CaseRef[];
  dismissedSuppressed: CaseRef[];
  /** Every candidate evaluated, ascending. */
  candidates: CandidateResult[];
  allowedActedOnLoss: number;
}

export type ProposalResult = { kind: "proposal"; draft: ThresholdProposalDraft } | { kind: "none"; reason: string; candidates: CandidateResult[] };

const emptyTally = (): OutcomeTally => ({ cases: 0, usd: 0, dismissed: 0, dismissedUsd: 0, actedOn: 0, actedOnUsd: 0, noAction: 0, cleared: 0, excluded: 0 });

/** Tallies cases by outcome ($ rounded to cents). */
export function tally(cases: readonly ReplayCase[]): OutcomeTally {
  const t = emptyTally();
  for (const c of cases) {
    t.cases++;
    t.usd += c.exposure;
    if (c.outcome === "DISMISSED") (t.dismissed++, (t.dismissedUsd += c.exposure));
    else if (c.outcome === "ACTED_ON") (t.actedOn++, (t.actedOnUsd += c.exposure));
    else if (c.outcome === "NO_ACTION") t.noAction++;
    else if (c.outcome === "CLEARED") t.cleared++;
    else t.excluded++;
  }
  return { ...t, usd: round(t.usd), dismissedUsd: round(t.dismissedUsd), actedOnUsd: round(t.actedOnUsd) };
}

/** True when the finding fires under `params`. */
export function triggerFires(params: ScoringParams, t: ReplayTrigger): boolean {
  if (t.key === null || t.value === null || t.also || !(t.key in params.rules)) return true;
  return t.value > ruleThreshold(params, t.key as RuleThresholdKey, { siteId: t.siteId, abcClass: t.abcClass });
}

/** True when at least one of the case's findings fires under `params` (a case without stored comparisons counts as raised). */
export function caseRaised(params: ScoringParams, c: ReplayCase): boolean {
  return c.triggers.length === 0 || c.triggers.some((t) => triggerFires(params, t));
}

/** `params` with one global threshold replaced. */
export function withThreshold(params: ScoringParams, key: RuleThresholdKey, value: number): ScoringParams {
  return { ...params, rules: { ...params.rules, [key]: value } };
}

/** Rounds up to the step (tolerating float noise: 0.07 / 0.01 stays 7 steps). */
function ceilToStep(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return round(Math.ceil(v / step - 1e-9) * step, digits);
}

const peakOf = (c: ReplayCase, key: string) => {
  const vs = c.triggers.filter((t) => t.key === key && t.value !== null).map((t) => t.value as number);
  return vs.length ? Math.max(...vs) : null;
};

const refOf = (c: ReplayCase, key: string): CaseRef => ({ id: c.id, number: c.number, exposure: c.exposure, value: peakOf(c, key) });

/** Replays a rule's resolved cases against candidate thresholds and picks the proposal (or says why there is none). */
export function proposeThreshold(input: { ruleType: string; params: ScoringParams; cases: readonly ReplayCase[]; config: ProposalConfig }): ProposalResult {
  const { ruleType, params, config } = input;
  const rule = TUNABLE_RULES[ruleType];
  if (!rule) return { kind: "none", reason: "This rule has no single numeric threshold to replay.", candidates: [] };
  const current = params.rules[rule.key] as number;
  const replayable = input.cases.filter((c) => c.triggers.length > 0);
  const raisedNow = replayable.filter((c) => caseRaised(params, c));
  const population = tally(raisedNow);
  const allowedActedOnLoss = Math.floor(config.maxActedOnLossRate * population.actedOn + 1e-9);

  const values = new Set<number>();
  for (const c of raisedNow) {
    if (c.outcome !== "DISMISSED") continue;
    for (const t of c.triggers) {
      if (t.key !== rule.key || t.value === null || t.also) continue;
      const v = ceilToStep(t.value, rule.step);
      if (v > current && v <= rule.max) values.add(v);
    }
  }
  const candidates: CandidateResult[] = [...values]
    .sort((a, b) => a - b)
    .map((threshold) => {
      const next = withThreshold(params, rule.key, threshold);
      const suppressed = tally(raisedNow.filter((c) => !caseRaised(next, c)));
      const judged = suppressed.dismissed + suppressed.actedOn + suppressed.noAction;
      const eligible =
        suppressed.actedOn <= allowedActedOnLoss && suppressed.dismissed >= config.minDismissedSuppressed && judged > 0 && suppressed.dismissed / judged >= config.minDismissalRate;
      return { threshold, suppressed, eligible };
    });

  const best = candidates.filter((c) => c.eligible).reduce<CandidateResult | null>((b, c) => (!b || c.suppressed.dismissed > b.suppressed.dismissed ? c : b), null);
  if (!best) {
    let reason: string;
    if (candidates.length === 0) reason = `No dismissed case would be suppressed by a ${rule.key} between the current ${current} and ${rule.max}.`;
    else if (candidates.every((c) => c.suppressed.dismissed < config.minDismissedSuppressed)) reason = `No threshold up to ${rule.max} suppresses ${config.minDismissedSuppressed} or more dismissed cases.`;
    else reason = `Every threshold that suppresses ${config.minDismissedSuppressed} or more dismissed cases also suppresses more than ${allowedActedOnLoss} acted-on case(s), or mostly useful ones: dismissed and acted-on cases are not separated by this threshold.`;
    return { kind: "none", reason, candidates };
  }
  const next = withThreshold(params, rule.key, best.threshold);
  const gone = raisedNow.filter((c) => !caseRaised(next, c));
  const byUsd = (a: CaseRef, b: CaseRef) => b.exposure - a.exposure || a.number - b.number;
  return {
    kind: "proposal",
    draft: {
      ruleType,
      key: rule.key,
      currentValue: current,
      proposedValue: best.threshold,
      population,
      suppressed: best.suppressed,
      alreadySuppressed: replayable.length - raisedNow.length,
      notReplayable: input.cases.length - replayable.length,
      actedOnLost: gone.filter((c) => c.outcome === "ACTED_ON").map((c) => refOf(c, rule.key)).sort(byUsd),
      dismissedSuppressed: gone.filter((c) => c.outcome === "DISMISSED").map((c) => refOf(c, rule.key)).sort(byUsd).slice(0, 5),
      candidates,
      allowedActedOnLoss,
    },
  };
}
