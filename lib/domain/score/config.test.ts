import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SCORING_PARAMS, parseScoringParams, scoringParamsSchema } from "@/lib/domain/score/config";

/** Params as version 1 stored them, before the thresholds of the new rules and the overrides existed. */
function storedV1(): Record<string, unknown> {
  const p = structuredClone(DEFAULT_SCORING_PARAMS) as unknown as Record<string, unknown> & { rules: Record<string, unknown> };
  for (const k of ["receiptQtyTolerance", "promiseSlipDays", "transferReceiptTolerance", "laneClusterMin", "allocationHorizonDays", "expiryLookaheadDays", "expiryMinUnits", "surplusDaysOfCover", "obsoleteNoIssueDays", "obsoleteMinValueUsd", "obsoleteProbability"]) delete p.rules[k];
  delete p.thresholdOverrides;
  return p;
}

describe("scoring params", () => {
  it("defaults are version 1 and satisfy the schema", () => {
    assert.equal(parseScoringParams(structuredClone(DEFAULT_SCORING_PARAMS)).version, 1);
    assert.deepEqual(parseScoringParams(structuredClone(DEFAULT_SCORING_PARAMS)), DEFAULT_SCORING_PARAMS);
  });
  it("accepts params stored before the new thresholds, filling their defaults", () => {
    assert.deepEqual(parseScoringParams(storedV1()), DEFAULT_SCORING_PARAMS);
  });
  it("keeps stored values over defaults", () => {
    const p = storedV1() as { rules: Record<string, unknown> };
    p.rules.promiseSlipDays = 7;
    assert.equal(parseScoringParams(p).rules.promiseSlipDays, 7);
  });
  it("rejects invalid stored params", () => {
    assert.throws(() => parseScoringParams({ ...DEFAULT_SCORING_PARAMS, urgencyHorizonDays: 0 }));
    assert.throws(() => parseScoringParams({ ...DEFAULT_SCORING_PARAMS, confidence: { staleSource: 1.4, invalidMasterData: 0.8, floor: 0.5 } }));
    assert.throws(() => parseScoringParams({ version: 1 }));
    assert.throws(() => parseScoringParams({ ...DEFAULT_SCORING_PARAMS, rules: { ...DEFAULT_SCORING_PARAMS.rules, receiptQtyTolerance: 2 } }));
  });
  it("validates threshold overrides: known key, known ABC class, non-negative value", () => {
    const ok = parseScoringParams({ ...DEFAULT_SCORING_PARAMS, thresholdOverrides: [{ key: "demandSpikeK", siteId: "L1", abcClass: "A", value: 6 }] });
    assert.equal(ok.thresholdOverrides.length, 1);
    const unknownKey = scoringParamsSchema.safeParse({ ...DEFAULT_SCORING_PARAMS, thresholdOverrides: [{ key: "noSuchThreshold", value: 1 }] });
    assert.deepEqual(unknownKey.error?.issues[0].path, ["thresholdOverrides", 0, "key"]);
    assert.throws(() => parseScoringParams({ ...DEFAULT_SCORING_PARAMS, thresholdOverrides: [{ key: "demandSpikeK", abcClass: "D", value: 1 }] }));
    assert.throws(() => parseScoringParams({ ...DEFAULT_SCORING_PARAMS, thresholdOverrides: [{ key: "demandSpikeK", value: -1 }] }));
  });
});
