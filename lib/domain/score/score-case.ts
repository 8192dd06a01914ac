/**
 * Explainable case score (domain.md §d):
 *   score = (E_svc + E_fin) × (0.5 + 0.5·U) × confidence
 *   U = clamp(1 − slack/H_u, 0, 1), slack = TTI − action lead time, TTI = t* − asOf (days)
 * Without a t* (nothing breaks on a date), U = 0.5 × clamp(age/H_u, 0, 1) with age = asOf − the
 * earliest eventAt: an ageing problem grows more urgent but never outranks an imminent break.
 */
import type { Finding, ScoreComponent, ScoreExplanation, ScoreTerm, Severity } from "@/lib/domain/model/case-draft";
import type { ActionType, ScoringParams } from "@/lib/domain/score/config";
import { aggregateExposure } from "@/lib/domain/score/aggregate-exposure";
import { addDays, addHours, daysBetween, isoDate } from "@/lib/domain/util/dates";
import { clamp, round } from "@/lib/domain/util/numbers";

/** Types whose cases are never below HIGH (domain.md floor rule). */
export const HIGH_FLOOR_TYPES: readonly string[] = ["NEGATIVE_ON_HAND", "STOCKOUT_NOW", "DATA_FEED_STALE"];

export interface ConfidenceInputs {
  /** Data sources behind the case that missed their SLA. */
  staleSources: string[];
  invalidMasterData: boolean;
}

export interface ScoreCaseInput {
  asOf: Date;
  /** In chain order; the first one is the root and picks the action lead time. */
  findings: Finding[];
  params: ScoringParams;
  confidence: ConfidenceInputs;
}

export interface ScoredCase {
  score: ScoreExplanation;
  slaDueAt: Date;
}

/** Confidence ∈ [floor, 1]: × staleSource when any source is stale, × invalidMasterData when master data is invalid. */
export function confidenceFactor(c: ConfidenceInputs, params: ScoringParams): number {
  let f = 1;
  if (c.staleSources.length > 0) f *= params.confidence.staleSource;
  if (c.invalidMasterData) f *= params.confidence.invalidMasterData;
  return Math.max(params.confidence.floor, f);
}

/** Severity band of a score in $, then the HIGH floor for present-tense types. */
export function severityFor(total: number, types: readonly string[], params: ScoringParams): { severity: Severity; reason: string } {
  const b = params.severityBandsUsd;
  let severity: Severity = total >= b.CRITICAL ? "CRITICAL" : total >= b.HIGH ? "HIGH" : total >= b.MEDIUM ? "MEDIUM" : "LOW";
  let reason = severity === "LOW" ? `score $${round(total)} < $${b.MEDIUM}` : `score $${round(total)} ≥ $${b[severity as "CRITICAL" | "HIGH" | "MEDIUM"]} band`;
  const floored = types.find((t) => HIGH_FLOOR_TYPES.includes(t));
  if (floored && (severity === "MEDIUM" || severity === "LOW")) {
    severity = "HIGH";
    reason = `${floored} is never below HIGH (band would be ${reason})`;
  }
  return { severity, reason };
}

/** One counted impact with the formula its rule used, so a planner can redo the arithmetic. */
function scoreComponent(key: string, kind: "SERVICE" | "FINANCIAL", f: Finding, value: number): ScoreComponent {
  const im = f.impact;
  const service = kind === "SERVICE" && im && im.tierWeight != null && !im.proxy;
  return {
    key,
    kind,
    type: f.type,
    fingerprint: f.fingerprint,
    formula: service
      ? "units × (unit_margin + penalty) × tier_weight"
      : im?.proxy
        ? "open units × unit_cost × (1 − supplier on-time rate) (supply at risk, dropped when a concrete shortage is in the case)"
        : "rule-specific $ (see the finding's evidence): units × unit_cost [× holding_rate × days/365 | × P(obsolete)]",
    inputs: {
      units: im?.units ?? null,
      unit_margin: im?.unitMargin ?? null,
      penalty: im?.penalty ?? null,
      tier_weight: im?.tierWeight ?? null,
      unit_cost: im?.unitCost ?? null,
      t_star: im?.tStar ? isoDate(im.tStar) : null,
      eta: im?.eta ? isoDate(im.eta) : null,
      gap_days: im?.gapDays ?? null,
    },
    value,
  };
}

/** Scores one case and derives its SLA due date; pure and deterministic. */
export function scoreCase(input: ScoreCaseInput): ScoredCase {
  const { asOf, findings, params } = input;
  const Hu = params.urgencyHorizonDays;
  const exp = aggregateExposure(findings);
  const eSvc = round(exp.service, 2);
  const eFin = round(exp.financial, 2);

  const root = findings[0];
  const action = (root?.impact?.suggestedAction ?? "EXPEDITE") as ActionType;
  const leadTime = params.actionLeadTimeDays[action] ?? 0;
  const tStars = findings.map((f) => f.impact?.tStar).filter((d): d is Date => d instanceof Date);
  const tStar = tStars.length ? new Date(Math.min(...tStars.map((d) => d.getTime()))) : null;
  const firstEvent = findings.length ? new Date(Math.min(...findings.map((f) => f.eventAt.getTime()))) : asOf;

  let U: number;
  let tti: number | null = null;
  let slack: number | null = null;
  if (tStar) {
    tti = daysBetween(asOf, tStar);
    slack = tti - leadTime;
    U = clamp(1 - slack / Hu, 0, 1);
  } else {
    U = 0.5 * clamp(daysBetween(firstEvent, asOf) / Hu, 0, 1);
  }
  const urgencyFactor = 0.5 + 0.5 * U;
  const confidence = confidenceFactor(input.confidence, params);
  const total = (eSvc + eFin) * urgencyFactor * confidence;
  const { severity, reason } = severityFor(total, findings.map((f) => f.type), params);

  // Explanation vector from the concrete shortage finding when there is one, else the root.
  const lead = findings.find((f) => f.impact?.kind === "SERVICE" && !f.impact.proxy && f.impact.tierWeight != null) ?? root;
  const im = lead?.impact;
  const shortage = findings.find((f) => f.impact?.key.startsWith("shortage:"));
  const eta = findings.map((f) => f.impact?.eta).find((d): d is Date => d instanceof Date) ?? null;
  const gap = findings.map((f) => f.impact?.gapDays).find((g): g is number => typeof g === "number") ?? null;
  const shortageDate = shortage?.impact?.tStar ?? null;
  const vector: Record<string, number | string | null> = {
    Q_short: shortage?.impact?.units ?? null,
    shortage_date: shortageDate ? isoDate(shortageDate) : null,
    t_star: tStar ? isoDate(tStar) : null,
    eta: eta ? isoDate(eta) : null,
    gap_days: gap,
    units_short: im?.kind === "SERVICE" ? im.units : null,
    unit_margin: im?.unitMargin ?? null,
    penalty: im?.penalty ?? null,
    tier_weight: im?.tierWeight ?? null,
    E_svc: eSvc,
    E_fin: eFin,
    TTI_days: tti === null ? null : round(tti, 4),
    action: action,
    action_lead_time_days: leadTime,
    slack_days: slack === null ? null : round(slack, 4),
    H_u: Hu,
    U: round(U, 4),
    urgency_factor: round(urgencyFactor, 4),
    confidence: round(confidence, 4),
    stockout_penalty_fraction: params.stockoutPenaltyFractionOfPrice,
    holding_rate: params.holdingRatePerYear,
    rule_version: params.version,
    weights_version: params.version,
  };
  const components = exp.counted.map((c) => scoreComponent(c.key, c.kind, c.finding, c.exposure));
  const serviceCounted = exp.counted.filter((c) => c.kind === "SERVICE");
  const onlyService = serviceCounted.length === 1 ? serviceCounted[0].finding.impact : undefined;

  const terms: ScoreTerm[] = [
    {
      code: "service_exposure",
      label: "Service exposure",
      formula: "Σ over distinct shortages of units_short × (unit_margin + penalty) × tier_weight",
      // With one shortage its own inputs reproduce the value; with several, each has its own margin and tier weight,
      // so the term shows the count and total units and the per-shortage components carry the arithmetic.
      inputs:
        onlyService?.proxy
          ? // A supply-side proxy (value of the late receipt) has its own formula, shown in its component line.
            { counted_keys: serviceCounted.map((c) => c.key).join(", "), proxy_units: onlyService.units ?? null, see: "components (supply-risk proxy)" }
          : serviceCounted.length <= 1
          ? {
              // The counted shortage's own inputs (the explanation vector's lead finding may be a different one).
              units_short: onlyService?.units ?? vector.units_short,
              unit_margin: onlyService?.unitMargin ?? vector.unit_margin,
              penalty: onlyService?.penalty ?? vector.penalty,
              tier_weight: onlyService?.tierWeight ?? vector.tier_weight,
              counted_keys: serviceCounted.map((c) => c.key).join(", ") || null,
            }
          : {
              shortages_counted: serviceCounted.length,
              units_short_total: round(serviceCounted.reduce((n, c) => n + (c.finding.impact?.units ?? 0), 0), 4),
              counted_keys: serviceCounted.map((c) => c.key).join(", "),
              see: "components (one line per shortage)",
            },
      value: eSvc,
      unit: "USD",
    },
    {
      code: "financial_exposure",
      label: "Financial exposure",
      formula: "Σ units × unit_cost (variance, held or in-transit value; × holding_rate × days/365 for excess)",
      inputs: { counted_keys: exp.counted.filter((c) => c.kind === "FINANCIAL").map((c) => c.key).join(", ") || null, holding_rate: params.holdingRatePerYear },
      value: eFin,
      unit: "USD",
    },
    {
      code: "urgency_factor",
      label: "Urgency",
      formula: tStar ? "0.5 + 0.5·U, U = clamp(1 − (TTI − action_lead_time)/H_u, 0, 1)" : "0.5 + 0.5·U, U = 0.5·clamp(age_days/H_u, 0, 1) (no shortage date)",
      inputs: { t_star: vector.t_star, TTI_days: tti === null ? null : round(tti, 2), action: action, action_lead_time_days: leadTime, slack_days: slack === null ? null : round(slack, 2), age_days: round(daysBetween(firstEvent, asOf), 2), H_u: Hu, U: round(U, 4) },
      value: urgencyFactor,
      unit: "factor",
    },
    {
      code: "confidence",
      label: "Confidence",
      formula: `1 × ${params.confidence.staleSource} if a source is stale × ${params.confidence.invalidMasterData} if master data is invalid, floor ${params.confidence.floor}`,
      inputs: { stale_sources: input.confidence.staleSources.join(", ") || null, invalid_master_data: input.confidence.invalidMasterData ? "yes" : "no" },
      value: confidence,
      unit: "factor",
    },
  ];

  const slaCap = addHours(asOf, params.slaHours[severity]);
  const actBy = tStar ? addDays(tStar, -leadTime) : null;
  const slaDueAt = actBy && actBy > asOf && actBy < slaCap ? actBy : slaCap;

  return {
    score: {
      total,
      serviceExposure: eSvc,
      financialExposure: eFin,
      urgency: U,
      confidence,
      severity,
      severityReason: reason,
      terms,
      vector,
      components,
      configVersion: params.version,
    },
    slaDueAt,
  };
}
