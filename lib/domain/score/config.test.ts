import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SCORING_PARAMS, parseScoringParams } from "@/lib/domain/score/config";

describe("scoring params", () => {
  it("defaults are version 1 and satisfy the schema", () => {
    assert.equal(parseScoringParams(structuredClone(DEFAULT_SCORING_PARAMS)).version, 1);
  });
  it("rejects invalid stored params", () => {
    assert.throws(() => parseScoringParams({ ...DEFAULT_SCORING_PARAMS, urgencyHorizonDays: 0 }));
    assert.throws(() => parseScoringParams({ ...DEFAULT_SCORING_PARAMS, confidence: { staleSource: 1.4, invalidMasterData: 0.8, floor: 0.5 } }));
    assert.throws(() => parseScoringParams({ version: 1 }));
  });
});
