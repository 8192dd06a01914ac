import { test } from "node:test";
import assert from "node:assert/strict";
import { RESOLUTION_CODES, SYSTEM_RESOLUTION_CODES, isKnownResolutionCode, isUserResolutionCode, resolutionLabel } from "@/lib/domain/case/resolution-codes";

test("people choose only the user codes; system codes are known but not choosable", () => {
  assert.deepEqual([...RESOLUTION_CODES], ["FIXED", "NOT_AN_ISSUE", "DUPLICATE", "SOURCE_DATA_ERROR", "RESOLVED_BY_ACTION", "OTHER"]);
  for (const code of RESOLUTION_CODES) assert.equal(isUserResolutionCode(code), true, code);
  for (const code of SYSTEM_RESOLUTION_CODES) {
    assert.equal(isUserResolutionCode(code), false, code);
    assert.equal(isKnownResolutionCode(code), true, code);
  }
  assert.equal(isUserResolutionCode("fixed"), false, "codes are case-sensitive");
  assert.equal(isUserResolutionCode(undefined), false);
  assert.equal(isKnownResolutionCode("toString"), false, "inherited object keys are not codes");
});

test("every code has a label; unknown stored values come back as they are", () => {
  for (const code of [...RESOLUTION_CODES, ...SYSTEM_RESOLUTION_CODES]) assert.ok(resolutionLabel(code) && resolutionLabel(code) !== code, code);
  assert.equal(resolutionLabel("NOT_AN_ISSUE"), "Not an issue");
  assert.equal(resolutionLabel("CONDITION_CLEARED"), "Condition cleared (detected automatically)");
  assert.equal(resolutionLabel("legacy free text"), "legacy free text");
  assert.equal(resolutionLabel(null), null);
});
