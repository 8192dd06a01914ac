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
  }),
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
  },
};

/** Parses stored params (e.g. ScoringConfig.params JSON), throwing a zod error when invalid. */
export function parseScoringParams(input: unknown): ScoringParams {
  return scoringParamsSchema.parse(input);
}
