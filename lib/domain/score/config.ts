/**
 * Versioned detection and scoring parameters. A new version is a new ScoringConfig row; the
 * defaults below are version 1. Every threshold a rule uses lives here so tuning never touches code.
 */
import { z } from "zod";

export const ACTION_TYPES = ["EXPEDITE", "TRANSFER", "REALLOCATE", "RECOUNT", "HOLD", "ADJUST"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const fraction = z.number().min(0).max(1);

export const scoringParamsSchema = z.object({
  version: z.number().int().positive(),
  /** Stock-out penalty per unit not served, as a fraction of unit price (goodwill, lost future sales). */
  stockoutPenaltyFractionOfPrice: nonNegative,
  tierWeights: z.object({ STRATEGIC: positive, KEY: positive, STANDARD: positive }),
  /** Annual carrying cost as a fraction of unit cost. */
  holdingRatePerYear: nonNegative,
  /** H_u: time-to-act horizon over which urgency ramps from 0 to 1. */
  urgencyHorizonDays: positive,
  /** Days each corrective action needs to take effect (slack = TTI − lead time). */
  actionLeadTimeDays: z.object({
    EXPEDITE: nonNegative,
    TRANSFER: nonNegative,
    REALLOCATE: nonNegative,
    RECOUNT: nonNegative,
    HOLD: nonNegative,
    ADJUST: nonNegative,
  }),
  confidence: z.object({ staleSource: fraction, invalidMasterData: fraction, floor: fraction }),
  /** Lower $ bound of each severity band (score ≥ bound). */
  severityBandsUsd: z.object({ CRITICAL: nonNegative, HIGH: nonNegative, MEDIUM: nonNegative }),
  slaHours: z.object({ CRITICAL: positive, HIGH: positive, MEDIUM: positive, LOW: positive }),
  /** Minimum projection horizon; the item lead time is used when longer. */
  projectionMinHorizonDays: z.number().int().positive(),
  rules: z.object({
    poAckDays: nonNegative,
    asnGraceDays: nonNegative,
    poTransitDaysDefault: nonNegative,
    poNoAsnGraceDays: nonNegative,
    inboundToleranceDays: nonNegative,
    cycleCountTolerance: z.object({ A: fraction, B: fraction, C: fraction }),
    cycleCountUsdThreshold: nonNegative,
    transferGraceDays: nonNegative,
    excessDaysOfCover: positive,
    demandSpikeK: positive,
    /** Hold older than this blocks regardless of demand cover. */
    qualityHoldMaxAgeDays: nonNegative,
    /** Days ahead that a credit-held order with reserved stock counts as blocking. */
    creditHoldHorizonDays: nonNegative,
    // Added after version 1 was stored: defaults fill older params (additive, so still version 1).
    /** |received − expected| / expected above this fraction is a receipt variance (SAP SNC over/under-delivery tolerance). */
    receiptQtyTolerance: fraction.default(0.05),
    /** A confirmed date moved later than the original promise by more than this many days is a slip. */
    promiseSlipDays: nonNegative.default(3),
    /** |received − shipped| / shipped above this fraction is a transfer receipt variance. */
    transferReceiptTolerance: fraction.default(0.02),
    /** This many problem transfers (aged or short) on one from→to carrier lane form one lane case. */
    laneClusterMin: z.number().int().positive().default(2),
    /** Days ahead in which a higher-priority short order competes for stock held by a lower one. */
    allocationHorizonDays: nonNegative.default(14),
    /** Lots expiring within this many days are checked for expiry risk. */
    expiryLookaheadDays: positive.default(180),
    /** Units left at expiry below this are ignored (rounding noise). */
    expiryMinUnits: nonNegative.default(1),
    /** Projected balance after open POs above max (or this many days of cover) is surplus on order. */
    surplusDaysOfCover: positive.default(120),
    /** No issue in this many days makes stock dead. */
    obsoleteNoIssueDays: positive.default(180),
    /** Dead stock below this on-hand value is not worth a case. */
    obsoleteMinValueUsd: nonNegative.default(1_000),
    /** P(obsolete) applied to dead stock value (write-off expectation). */
    obsoleteProbability: fraction.default(0.5),
  }),
  /**
   * The learning loop (lib/domain/learning): when a rule's past cases are dismissed often enough to
   * propose a threshold change, and how much a change may cost. Added after version 1 (defaults fill it).
   */
  learning: z
    .object({
      /** Resolved cases (by resolvedAt) looked at, in days. */
      lookbackDays: z.number().int().positive().max(3_650),
      /** Cases a person judged (dismissed, closed without action, acted on) before a rule's rate counts. */
      minJudgedCases: z.number().int().positive(),
      /** Share of judged cases dismissed as "not an issue" at which a threshold change is looked for. */
      minDismissalRate: fraction,
      /** Share of the acted-on cases a proposed threshold may suppress (the cost of the change). */
      maxActedOnLossRate: fraction,
      /** A proposal must suppress at least this many dismissed cases. */
      minDismissedSuppressed: z.number().int().positive(),
    })
    .default({ lookbackDays: 365, minJudgedCases: 10, minDismissalRate: 0.5, maxActedOnLossRate: 0.1, minDismissedSuppressed: 3 }),
  /** Per-site / per-ABC overrides of numeric `rules` thresholds; the most specific match wins. */
  thresholdOverrides: z
    .array(
      z.object({
        key: z.string().min(1),
        siteId: z.string().min(1).optional(),
        abcClass: z.enum(["A", "B", "C"]).optional(),
        value: nonNegative,
      }),
    )
    .default([]),
}).superRefine((v, ctx) => {
  v.thresholdOverrides.forEach((o, i) => {
    if (!(o.key in v.rules)) ctx.addIssue({ code: "custom", path: ["thresholdOverrides", i, "key"], message: `Unknown threshold ${o.key}` });
  });
});

export type ScoringParams = z.infer<typeof scoringParamsSchema>;

export const DEFAULT_SCORING_PARAMS: ScoringParams = {
  version: 1,
  stockoutPenaltyFractionOfPrice: 0.25,
  tierWeights: { STRATEGIC: 2, KEY: 1.5, STANDARD: 1 },
  holdingRatePerYear: 0.25,
  urgencyHorizonDays: 14,
  actionLeadTimeDays: { EXPEDITE: 2, TRANSFER: 3, REALLOCATE: 1, RECOUNT: 1, HOLD: 2, ADJUST: 1 },
  confidence: { staleSource: 0.7, invalidMasterData: 0.8, floor: 0.5 },
  severityBandsUsd: { CRITICAL: 25_000, HIGH: 5_000, MEDIUM: 1_000 },
  slaHours: { CRITICAL: 4, HIGH: 24, MEDIUM: 72, LOW: 168 },
  projectionMinHorizonDays: 28,
  rules: {
    poAckDays: 2,
    asnGraceDays: 1,
    poTransitDaysDefault: 3,
    poNoAsnGraceDays: 1,
    inboundToleranceDays: 2,
    cycleCountTolerance: { A: 0.01, B: 0.03, C: 0.05 },
    cycleCountUsdThreshold: 500,
    transferGraceDays: 2,
    excessDaysOfCover: 120,
    demandSpikeK: 4,
    qualityHoldMaxAgeDays: 7,
    creditHoldHorizonDays: 3,
    receiptQtyTolerance: 0.05,
    promiseSlipDays: 3,
    transferReceiptTolerance: 0.02,
    laneClusterMin: 2,
    allocationHorizonDays: 14,
    expiryLookaheadDays: 180,
    expiryMinUnits: 1,
    surplusDaysOfCover: 120,
    obsoleteNoIssueDays: 180,
    obsoleteMinValueUsd: 1_000,
    obsoleteProbability: 0.5,
  },
  learning: { lookbackDays: 365, minJudgedCases: 10, minDismissalRate: 0.5, maxActedOnLossRate: 0.1, minDismissedSuppressed: 3 },
  thresholdOverrides: [],
};

/** Parses stored params (e.g. ScoringConfig.params JSON), throwing a zod error when invalid; thresholds added later get their defaults. */
export function parseScoringParams(input: unknown): ScoringParams {
  return scoringParamsSchema.parse(input);
}
