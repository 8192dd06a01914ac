/**
 * Threshold lookup with overrides: `rules[key]` (per ABC class for keyed thresholds such as
 * cycleCountTolerance), replaced by the most specific `thresholdOverrides` entry that matches the
 * scope. Specificity: site + ABC class > site > ABC class > global override > rules default.
 */
import type { AbcClass } from "@/lib/domain/model/snapshot";
import type { ScoringParams } from "@/lib/domain/score/config";

type Rules = ScoringParams["rules"];

/** Names of thresholds in `rules` (numbers or per-ABC objects). */
export type RuleThresholdKey = keyof Rules;

export interface ThresholdScope {
  siteId?: string | null;
  abcClass?: AbcClass | null;
}

/** Default of a threshold before overrides; per-ABC thresholds fall back to the strictest class (A) without a class. */
function baseValue(rules: Rules, key: RuleThresholdKey, abcClass: AbcClass | null | undefined): number {
  const v = rules[key] as number | Record<AbcClass, number>;
  if (typeof v === "number") return v;
  return v[abcClass ?? "A"];
}

/** The threshold `key` in force for a site and ABC class. */
export function ruleThreshold(params: ScoringParams, key: RuleThresholdKey, scope: ThresholdScope = {}): number {
  let best: { rank: number; value: number } | null = null;
  for (const o of params.thresholdOverrides ?? []) {
    if (o.key !== key) continue;
    if (o.siteId && o.siteId !== scope.siteId) continue;
    if (o.abcClass && o.abcClass !== scope.abcClass) continue;
    const rank = (o.siteId ? 2 : 0) + (o.abcClass ? 1 : 0);
    // Ties keep the first listed entry, so the stored order decides and the result is deterministic.
    if (!best || rank > best.rank) best = { rank, value: o.value };
  }
  return best ? best.value : baseValue(params.rules, key, scope.abcClass);
}

/** Keys that may be overridden (all thresholds in `rules`), for admin forms and validation. */
export function thresholdKeys(params: ScoringParams): RuleThresholdKey[] {
  return Object.keys(params.rules).sort() as RuleThresholdKey[];
}
