import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { classifyOutcome, dismissalTrigger, effectiveResolutionCode, summarizeRuleOutcomes, type OutcomeGroup } from "@/lib/domain/learning/outcomes";

describe("classifyOutcome", () => {
  const without = (resolutionCode: string | null, resolutionReason: string | null = null) => classifyOutcome({ resolutionCode, resolutionReason, hadApprovedAction: false });
  it("maps every resolution code to one outcome", () => {
    assert.equal(without("NOT_AN_ISSUE"), "DISMISSED");
    for (const c of ["FIXED", "RESOLVED_BY_ACTION", "ACTION_CONFIRMED", "CLOSED_WITHOUT_CONFIRMATION"]) assert.equal(without(c), "ACTED_ON", c);
    for (const c of ["SOURCE_DATA_ERROR", "OTHER"]) assert.equal(without(c), "NO_ACTION", c);
    assert.equal(without("CONDITION_CLEARED"), "CLEARED");
    assert.equal(without("DUPLICATE"), "EXCLUDED");
    assert.equal(without(null), "EXCLUDED");
    assert.equal(without("legacy free text"), "EXCLUDED");
  });
  it("reads detection's CONDITION_CLEARED from the reason when the code is empty, but not a person's note", () => {
    assert.equal(effectiveResolutionCode({ resolutionCode: null, resolutionReason: "CONDITION_CLEARED" }), "CONDITION_CLEARED");
    assert.equal(without(null, "CONDITION_CLEARED"), "CLEARED");
    assert.equal(without("NOT_AN_ISSUE", "planned pre-build"), "DISMISSED");
  });
  it("an approved action makes a case acted on whatever it was closed with (suppressing it would have lost the action)", () => {
    for (const c of ["NOT_AN_ISSUE", "CONDITION_CLEARED", "DUPLICATE", null]) assert.equal(classifyOutcome({ resolutionCode: c, hadApprovedAction: true }), "ACTED_ON", String(c));
  });
});

describe("summarizeRuleOutcomes", () => {
  const g = (ruleType: string, resolutionCode: string | null, cases: number, exposureUsd: number, hadApprovedAction = false, resolutionReason: string | null = null): OutcomeGroup => ({
    ruleType, resolutionCode, resolutionReason, hadApprovedAction, cases, exposureUsd,
  });
  it("counts, $ and rates over judged cases only (cleared and duplicates are reported but not judged)", () => {
    const [asn, po] = summarizeRuleOutcomes([
      g("PO_NO_ASN", "FIXED", 2, 500),
      g("ASN_OVERDUE", "NOT_AN_ISSUE", 6, 1200),
      g("ASN_OVERDUE", "NOT_AN_ISSUE", 1, 300, true),
      g("ASN_OVERDUE", "ACTION_CONFIRMED", 2, 4000, true),
      g("ASN_OVERDUE", "OTHER", 1, 50),
      g("ASN_OVERDUE", null, 5, 70, false, "CONDITION_CLEARED"),
      g("ASN_OVERDUE", "DUPLICATE", 3, 10),
    ]);
    assert.equal(asn.ruleType, "ASN_OVERDUE");
    assert.deepEqual(asn.counts, { DISMISSED: 6, NO_ACTION: 1, ACTED_ON: 3, CLEARED: 5, EXCLUDED: 3 });
    assert.deepEqual(asn.usd, { DISMISSED: 1200, NO_ACTION: 50, ACTED_ON: 4300, CLEARED: 70, EXCLUDED: 10 });
    assert.equal(asn.judged, 10);
    assert.equal(asn.dismissalRate, 0.6);
    assert.equal(asn.noActionRate, 0.1);
    assert.equal(asn.actedOnRate, 0.3);
    assert.equal(po.ruleType, "PO_NO_ASN");
    assert.equal(po.dismissalRate, 0);
  });
  it("a rule whose cases all cleared on their own has no rate", () => {
    const [s] = summarizeRuleOutcomes([g("PO_NOT_ACKNOWLEDGED", null, 40, 0, false, "CONDITION_CLEARED")]);
    assert.equal(s.judged, 0);
    assert.equal(s.dismissalRate, null);
  });
});

describe("dismissalTrigger", () => {
  const cfg = { minJudgedCases: 10, minDismissalRate: 0.5 };
  it("needs the minimum sample, then compares the rate (at the rate counts)", () => {
    assert.deepEqual(dismissalTrigger({ judged: 9, dismissalRate: 1 }, cfg), { state: "SMALL_SAMPLE", judged: 9, needed: 10 });
    assert.deepEqual(dismissalTrigger({ judged: 10, dismissalRate: 0.5 }, cfg), { state: "TRIGGERED", rate: 0.5 });
    assert.deepEqual(dismissalTrigger({ judged: 40, dismissalRate: 0.45 }, cfg), { state: "BELOW_RATE", rate: 0.45 });
    assert.deepEqual(dismissalTrigger({ judged: 0, dismissalRate: null }, { ...cfg, minJudgedCases: 0 }), { state: "SMALL_SAMPLE", judged: 0, needed: 0 });
  });
});
