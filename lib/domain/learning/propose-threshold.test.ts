/**
 * Threshold proposals on a hand-built history of ASN_OVERDUE cases (asnGraceDays = 1 today).
 * Peak days past ETA: dismissed 1.5, 1.8, 2.2, 2.5, 2.9, 3.4, 4.1, 9.5 ($100…$800); acted on 6.2, 8, 10.5, 14
 * ($1,000…$4,000); closed without action 2.4 ($50); cleared on its own 1.2 ($10). Plus: a dismissed case that
 * also holds a finding of another rule (never suppressible), one at a site whose override (0.5 day) the
 * global change does not touch, one at a site whose override (5 days) already suppresses it, and one
 * without stored comparisons.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SCORING_PARAMS, type ScoringParams } from "@/lib/domain/score/config";
import { caseRaised, proposeThreshold, tally, type ReplayCase } from "@/lib/domain/learning/propose-threshold";
import type { Outcome } from "@/lib/domain/learning/outcomes";

const params: ScoringParams = {
  ...DEFAULT_SCORING_PARAMS,
  thresholdOverrides: [
    { key: "asnGraceDays", siteId: "L3", value: 0.5 },
    { key: "asnGraceDays", siteId: "L2", value: 5 },
  ],
};
const config = { minDismissalRate: 0.5, maxActedOnLossRate: 0.1, minDismissedSuppressed: 3 };

let n = 0;
const asn = (outcome: Outcome, value: number, exposure: number, siteId = "L1"): ReplayCase => ({
  id: `c${++n}`, number: 100 + n, exposure, outcome, triggers: [{ key: "asnGraceDays", value, also: false, siteId, abcClass: "B" }],
});
const dismissed = [1.5, 1.8, 2.2, 2.5, 2.9, 3.4, 4.1, 9.5].map((v, i) => asn("DISMISSED", v, 100 * (i + 1)));
const acted = [6.2, 8, 10.5, 14].map((v, i) => asn("ACTED_ON", v, 1000 * (i + 1)));
const mixed: ReplayCase = { ...asn("DISMISSED", 2, 250), triggers: [{ key: "asnGraceDays", value: 2, also: false, siteId: "L1", abcClass: "B" }, { key: null, value: null, also: false, siteId: "L1", abcClass: "B" }] };
const history: ReplayCase[] = [
  ...dismissed,
  ...acted,
  asn("NO_ACTION", 2.4, 50),
  asn("CLEARED", 1.2, 10),
  mixed,
  asn("DISMISSED", 2.2, 75, "L3"),
  asn("DISMISSED", 3, 60, "L2"),
  { id: "x", number: 999, exposure: 999, outcome: "DISMISSED", triggers: [] },
];

describe("proposeThreshold", () => {
  it("picks the threshold that suppresses the most dismissed cases without losing an acted-on one", () => {
    const r = proposeThreshold({ ruleType: "ASN_OVERDUE", params, cases: history, config });
    assert.equal(r.kind, "proposal");
    if (r.kind !== "proposal") return;
    const d = r.draft;
    assert.equal(d.key, "asnGraceDays");
    assert.equal(d.currentValue, 1);
    assert.equal(d.proposedValue, 5);
    // Raised today: 8 + mixed + L3 dismissed, 4 acted, 1 no action, 1 cleared; the L2 case is already suppressed by its override.
    assert.deepEqual(d.population, { cases: 16, usd: 13985, dismissed: 10, dismissedUsd: 3925, actedOn: 4, actedOnUsd: 10000, noAction: 1, cleared: 1, excluded: 0 });
    assert.equal(d.alreadySuppressed, 1);
    assert.equal(d.notReplayable, 1);
    assert.equal(d.allowedActedOnLoss, 0);
    // Suppressed at 5 days: dismissed 1.5…4.1 ($100…$700 = $2,800), the no-action 2.4 and the cleared 1.2.
    assert.deepEqual(d.suppressed, { cases: 9, usd: 2860, dismissed: 7, dismissedUsd: 2800, actedOn: 0, actedOnUsd: 0, noAction: 1, cleared: 1, excluded: 0 });
    assert.deepEqual(d.actedOnLost, []);
    assert.deepEqual(d.dismissedSuppressed.map((c) => [c.exposure, c.value]), [[700, 4.1], [600, 3.4], [500, 2.9], [400, 2.5], [300, 2.2]]);
    // Candidates: the dismissed peaks rounded up to whole days; 2 suppresses too few, 10 loses two acted-on cases.
    assert.deepEqual(
      d.candidates.map((c) => [c.threshold, c.suppressed.dismissed, c.suppressed.actedOn, c.eligible]),
      [[2, 2, 0, false], [3, 5, 0, true], [4, 6, 0, true], [5, 7, 0, true], [10, 8, 2, false]],
    );
  });

  it("a larger allowed loss moves the proposal and names the acted-on cases it costs, largest $ first", () => {
    const r = proposeThreshold({ ruleType: "ASN_OVERDUE", params, cases: history, config: { ...config, maxActedOnLossRate: 0.5 } });
    assert.equal(r.kind, "proposal");
    if (r.kind !== "proposal") return;
    assert.equal(r.draft.proposedValue, 10);
    assert.equal(r.draft.allowedActedOnLoss, 2);
    assert.deepEqual(r.draft.actedOnLost.map((c) => [c.number, c.exposure, c.value]), [[acted[1].number, 2000, 8], [acted[0].number, 1000, 6.2]]);
    assert.equal(r.draft.suppressed.dismissed, 8);
  });

  it("says why there is no proposal when dismissed and acted-on cases are not separated", () => {
    const interleaved = [asn("DISMISSED", 3, 1), asn("ACTED_ON", 2, 1), asn("DISMISSED", 4, 1), asn("ACTED_ON", 3.5, 1), asn("DISMISSED", 5, 1)];
    const r = proposeThreshold({ ruleType: "ASN_OVERDUE", params: DEFAULT_SCORING_PARAMS, cases: interleaved, config });
    assert.equal(r.kind, "none");
    if (r.kind !== "none") return;
    assert.match(r.reason, /not separated/);
    assert.deepEqual(r.candidates.map((c) => [c.threshold, c.suppressed.dismissed, c.suppressed.actedOn]), [[3, 1, 1], [4, 2, 2], [5, 3, 2]]);
  });

  it("rules without a numeric threshold, and histories without a case to gain, get no proposal", () => {
    assert.equal(proposeThreshold({ ruleType: "STOCKOUT_NOW", params, cases: history, config }).kind, "none");
    const r = proposeThreshold({ ruleType: "ASN_OVERDUE", params: DEFAULT_SCORING_PARAMS, cases: [asn("DISMISSED", 45, 1)], config });
    assert.equal(r.kind, "none");
    if (r.kind === "none") assert.match(r.reason, /No dismissed case would be suppressed/);
  });

  it("fractions round up to whole percent steps without float noise", () => {
    const rq = (outcome: Outcome, value: number): ReplayCase => ({ id: `r${++n}`, number: n, exposure: 1, outcome, triggers: [{ key: "receiptQtyTolerance", value, also: false, siteId: "L1", abcClass: null }] });
    const r = proposeThreshold({ ruleType: "RECEIPT_QTY_VARIANCE", params: DEFAULT_SCORING_PARAMS, cases: [rq("DISMISSED", 0.07), rq("DISMISSED", 0.061), rq("DISMISSED", 0.0699), rq("ACTED_ON", 0.2)], config });
    assert.equal(r.kind, "proposal");
    if (r.kind === "proposal") {
      assert.equal(r.draft.proposedValue, 0.07);
      assert.equal(r.draft.suppressed.dismissed, 3);
    }
  });
});

describe("replay helpers", () => {
  it("a finding fires through another condition whatever the threshold; a case without comparisons counts as raised", () => {
    const also: ReplayCase = { id: "a", number: 1, exposure: 1, outcome: "DISMISSED", triggers: [{ key: "asnGraceDays", value: 0.1, also: true, siteId: "L1", abcClass: null }] };
    assert.equal(caseRaised({ ...DEFAULT_SCORING_PARAMS, rules: { ...DEFAULT_SCORING_PARAMS.rules, asnGraceDays: 30 } }, also), true);
    assert.equal(caseRaised(DEFAULT_SCORING_PARAMS, { ...also, triggers: [] }), true);
  });
  it("tally adds $ by outcome", () => {
    assert.deepEqual(tally([asn("DISMISSED", 1, 10.005), asn("EXCLUDED", 1, 1)]), { cases: 2, usd: 11.01, dismissed: 1, dismissedUsd: 10.01, actedOn: 0, actedOnUsd: 0, noAction: 0, cleared: 0, excluded: 1 });
  });
});
