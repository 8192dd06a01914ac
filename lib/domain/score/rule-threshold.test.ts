import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SCORING_PARAMS, type ScoringParams } from "@/lib/domain/score/config";
import { ruleThreshold, thresholdKeys } from "@/lib/domain/score/rule-threshold";

const withOverrides = (o: ScoringParams["thresholdOverrides"]): ScoringParams => ({ ...DEFAULT_SCORING_PARAMS, thresholdOverrides: o });

describe("ruleThreshold", () => {
  it("returns the rules default without overrides, per ABC class for keyed thresholds", () => {
    assert.equal(ruleThreshold(DEFAULT_SCORING_PARAMS, "demandSpikeK"), 4);
    assert.equal(ruleThreshold(DEFAULT_SCORING_PARAMS, "cycleCountTolerance", { abcClass: "C" }), 0.05);
    assert.equal(ruleThreshold(DEFAULT_SCORING_PARAMS, "cycleCountTolerance"), 0.01); // strictest without a class
  });
  it("picks the most specific matching override: site + class > site > class > global", () => {
    const p = withOverrides([
      { key: "demandSpikeK", value: 5 },
      { key: "demandSpikeK", abcClass: "A", value: 6 },
      { key: "demandSpikeK", siteId: "L1", value: 7 },
      { key: "demandSpikeK", siteId: "L1", abcClass: "A", value: 8 },
      { key: "poAckDays", siteId: "L1", value: 9 },
    ]);
    assert.equal(ruleThreshold(p, "demandSpikeK", { siteId: "L1", abcClass: "A" }), 8);
    assert.equal(ruleThreshold(p, "demandSpikeK", { siteId: "L1", abcClass: "B" }), 7);
    assert.equal(ruleThreshold(p, "demandSpikeK", { siteId: "L2", abcClass: "A" }), 6);
    assert.equal(ruleThreshold(p, "demandSpikeK", { siteId: "L2", abcClass: "C" }), 5);
    assert.equal(ruleThreshold(p, "poAckDays", { siteId: "L2" }), 2);
  });
  it("overrides a per-ABC threshold for one site", () => {
    const p = withOverrides([{ key: "cycleCountTolerance", siteId: "L1", abcClass: "A", value: 0.02 }]);
    assert.equal(ruleThreshold(p, "cycleCountTolerance", { siteId: "L1", abcClass: "A" }), 0.02);
    assert.equal(ruleThreshold(p, "cycleCountTolerance", { siteId: "L1", abcClass: "B" }), 0.03);
  });
  it("lists every threshold key, including the new rules'", () => {
    const keys = thresholdKeys(DEFAULT_SCORING_PARAMS);
    for (const k of ["receiptQtyTolerance", "promiseSlipDays", "transferReceiptTolerance", "allocationHorizonDays", "creditHoldHorizonDays", "expiryLookaheadDays", "surplusDaysOfCover", "obsoleteNoIssueDays", "obsoleteMinValueUsd"]) assert.ok(keys.includes(k as never), k);
  });
});
