import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Finding, FindingImpact } from "@/lib/domain/model/case-draft";
import { DEFAULT_SCORING_PARAMS as P } from "@/lib/domain/score/config";
import { confidenceFactor, scoreCase, severityFor, type ScoreCaseInput } from "@/lib/domain/score/score-case";
import { addDays } from "@/lib/domain/util/dates";
import { AS_OF } from "@/lib/domain/testing/fixtures";

function finding(type: string, exposure: number, impact: Partial<FindingImpact>, over: Partial<Finding> = {}): Finding {
  return {
    type,
    fingerprint: `${type}:x`,
    causeKey: "itemloc:I1:L1",
    siteId: "L1",
    itemId: "I1",
    supplierId: null,
    summary: type,
    evidence: {},
    eventAt: addDays(AS_OF, -1),
    chainOrder: 0,
    exposure,
    impact: { kind: "SERVICE", key: "shortage:I1:L1", units: 10, tStar: null, eta: null, gapDays: null, unitMargin: 5, penalty: 2, tierWeight: 1, unitCost: 5, suggestedAction: "EXPEDITE", ...impact },
    ...over,
  };
}

// Deterministic pseudo-random cases (LCG), so property checks are reproducible.
function* seededCases(n: number): Generator<ScoreCaseInput> {
  let s = 42;
  const rnd = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < n; i++) {
    const tStar = rnd() < 0.8 ? addDays(AS_OF, Math.floor(rnd() * 40) - 3) : null;
    const findings = [
      finding("STOCKOUT_DESPITE_INBOUND", Math.round(rnd() * 50_000), { tStar, suggestedAction: rnd() < 0.5 ? "EXPEDITE" : "TRANSFER" }),
      finding("CYCLE_COUNT_VARIANCE", Math.round(rnd() * 5_000), { kind: "FINANCIAL", key: `count:${i}` }, { eventAt: addDays(AS_OF, -rnd() * 20) }),
    ];
    yield { asOf: AS_OF, findings, params: P, confidence: { staleSources: rnd() < 0.3 ? ["WMS"] : [], invalidMasterData: rnd() < 0.3 } };
  }
}

const withExposure = (c: ScoreCaseInput, k: number): ScoreCaseInput => ({ ...c, findings: c.findings.map((f) => ({ ...f, exposure: f.exposure * k })) });
const withTStar = (c: ScoreCaseInput, days: number): ScoreCaseInput => ({
  ...c,
  findings: c.findings.map((f) => (f.impact?.tStar ? { ...f, impact: { ...f.impact, tStar: addDays(f.impact.tStar, days) } } : f)),
});

describe("scoreCase", () => {
  it("computes a hand-checked case: $10,000 shortage 5 days out with an expedite", () => {
    const { score, slaDueAt } = scoreCase({ asOf: AS_OF, findings: [finding("STOCKOUT_DESPITE_INBOUND", 10_000, { tStar: addDays(AS_OF, 5) })], params: P, confidence: { staleSources: [], invalidMasterData: false } });
    // slack = 5 − 2 = 3 → U = 1 − 3/14 = 11/14; factor = 0.5 + 0.5 × 11/14 = 25/28
    assert.ok(Math.abs(score.urgency - 11 / 14) < 1e-12);
    assert.ok(Math.abs(score.total - (10_000 * 25) / 28) < 1e-9);
    assert.equal(score.severity, "HIGH");
    assert.deepEqual(score.terms.map((t) => t.code), ["service_exposure", "financial_exposure", "urgency_factor", "confidence"]);
    assert.equal(score.vector.rule_version, 1);
    // HIGH SLA (24 h) is earlier than act-by (t* − 2 days = 3 days) → 24 h.
    assert.equal(slaDueAt.getTime(), AS_OF.getTime() + 24 * 3_600_000);
  });

  it("uses the act-by date when it comes before the severity SLA", () => {
    const { slaDueAt } = scoreCase({ asOf: AS_OF, findings: [finding("BELOW_SAFETY_STOCK", 100, { tStar: addDays(AS_OF, 3) })], params: P, confidence: { staleSources: [], invalidMasterData: false } });
    assert.equal(slaDueAt.getTime(), addDays(AS_OF, 1).getTime()); // LOW = 168 h, act-by = t* − 2 d
  });

  it("derives urgency from age when there is no t*", () => {
    const f = finding("CYCLE_COUNT_VARIANCE", 2_000, { kind: "FINANCIAL", key: "count:1" }, { eventAt: addDays(AS_OF, -7) });
    const { score } = scoreCase({ asOf: AS_OF, findings: [f], params: P, confidence: { staleSources: [], invalidMasterData: false } });
    assert.equal(score.urgency, 0.25); // 0.5 × 7/14
    assert.equal(score.financialExposure, 2_000);
  });

  it("counts a shared impact key once and drops proxies when a concrete loss exists", () => {
    const proxy = finding("PO_NO_ASN", 999, { key: "supply:P1", proxy: true });
    const a = finding("STOCKOUT_DESPITE_INBOUND", 3_000, {});
    const b = finding("CUSTOMER_ORDER_AT_RISK", 2_000, {});
    const { score } = scoreCase({ asOf: AS_OF, findings: [proxy, a, b], params: P, confidence: { staleSources: [], invalidMasterData: false } });
    assert.equal(score.serviceExposure, 3_000);
    const alone = scoreCase({ asOf: AS_OF, findings: [proxy], params: P, confidence: { staleSources: [], invalidMasterData: false } });
    assert.equal(alone.score.serviceExposure, 999);
  });

  it("applies the HIGH floor and the confidence floor", () => {
    assert.equal(severityFor(10, ["STOCKOUT_NOW"], P).severity, "HIGH");
    assert.equal(severityFor(10, ["PO_NO_ASN"], P).severity, "LOW");
    assert.equal(severityFor(30_000, ["DATA_FEED_STALE"], P).severity, "CRITICAL");
    assert.equal(confidenceFactor({ staleSources: ["A"], invalidMasterData: true }, { ...P, confidence: { staleSource: 0.5, invalidMasterData: 0.5, floor: 0.5 } }), 0.5);
  });

  it("property: terms multiply and add up to the total", () => {
    for (const c of seededCases(200)) {
      const { score } = scoreCase(c);
      const t = Object.fromEntries(score.terms.map((x) => [x.code, x.value]));
      const recomputed = (t.service_exposure + t.financial_exposure) * t.urgency_factor * t.confidence;
      assert.ok(Math.abs(recomputed - score.total) < 1e-6, `${recomputed} vs ${score.total}`);
      assert.ok(score.confidence >= 0.5 && score.confidence <= 1);
      assert.ok(score.urgency >= 0 && score.urgency <= 1);
    }
  });

  it("property: more $ at risk never lowers the score", () => {
    for (const c of seededCases(200)) {
      assert.ok(scoreCase(withExposure(c, 1.5)).score.total >= scoreCase(c).score.total);
    }
  });

  it("property: an earlier t* never lowers the score", () => {
    for (const c of seededCases(200)) {
      const base = scoreCase(c).score.total;
      for (const d of [1, 3, 10]) assert.ok(scoreCase(withTStar(c, -d)).score.total >= base - 1e-9);
    }
  });

  it("property: same input gives the same output", () => {
    for (const c of seededCases(50)) assert.deepEqual(scoreCase(c), scoreCase(structuredClone(c)));
  });
});
