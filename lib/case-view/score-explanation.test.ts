import { test } from "node:test";
import assert from "node:assert/strict";
import type { ScoreExplanation } from "@/lib/domain/model/case-draft";
import { explainScore, formatInput, type CaseScoreColumns } from "@/lib/case-view/score-explanation";

const columns: CaseScoreColumns = { score: 0, serviceExposure: 0, financialExposure: 0, urgency: 0, confidence: 1, configVersion: 1, severity: "LOW" };

// Shape as stored by score-case.ts (taken from a seeded case, trimmed).
const current: ScoreExplanation = {
  total: (1000 + 200) * (0.5 + 0.5 * 0.25) * 0.7,
  serviceExposure: 1000,
  financialExposure: 200,
  urgency: 0.25,
  confidence: 0.7,
  severity: "LOW",
  severityReason: "score $525 < $1000",
  terms: [
    { code: "service_exposure", label: "Service exposure", formula: "units × (unit_margin + penalty) × tier_weight", inputs: { units_short: 20, unit_margin: 22.54, penalty: 2.46, tier_weight: 2 }, value: 1000, unit: "USD" },
    { code: "financial_exposure", label: "Financial exposure", formula: "Σ units × unit_cost", inputs: { counted_keys: "variance:a", holding_rate: 0.25 }, value: 200, unit: "USD" },
    { code: "urgency_factor", label: "Urgency", formula: "0.5 + 0.5·U", inputs: { TTI_days: 11.5, action_lead_time_days: 1, slack_days: 10.5, H_u: 14, U: 0.25 }, value: 0.625, unit: "factor" },
    { code: "confidence", label: "Confidence", formula: "1 × 0.7 if a source is stale", inputs: { stale_sources: "WMS", invalid_master_data: "no" }, value: 0.7, unit: "factor" },
  ],
  vector: { U: 0.25, weights_version: 3, rule_version: 3 },
  components: [
    { key: "shortage:i:l", kind: "SERVICE", type: "STOCKOUT_DESPITE_INBOUND", fingerprint: "f1", formula: "units × (unit_margin + penalty) × tier_weight", inputs: { units: 20, unit_margin: 22.54, penalty: 2.46, tier_weight: 2, eta: null }, value: 1000 },
    { key: "variance:a", kind: "FINANCIAL", type: "CYCLE_COUNT_VARIANCE", fingerprint: "f2", formula: "units × unit_cost", inputs: { units: 4, unit_cost: 25.001 }, value: 100.004 },
    { key: "variance:b", kind: "FINANCIAL", type: "NEGATIVE_ON_HAND", fingerprint: "f3", formula: "units × unit_cost", inputs: { units: 4, unit_cost: 25 }, value: 100 },
  ],
  configVersion: 3,
};

test("the arithmetic line reproduces the stored total from its four parts", () => {
  const e = explainScore(current, columns);
  assert.equal(e.arithmetic.serviceExposure, 1000);
  assert.equal(e.arithmetic.financialExposure, 200);
  assert.equal(e.arithmetic.urgencyFactor, 0.625);
  assert.equal(e.arithmetic.confidence, 0.7);
  assert.equal(e.arithmetic.total, 525);
  assert.ok(Math.abs(e.arithmetic.recomputed - 525) < 1e-9);
  assert.equal(e.arithmetic.consistent, true);
  assert.equal(e.version, 3);
});

test("a total that does not follow from its parts is flagged", () => {
  const e = explainScore({ ...current, total: 530 }, columns);
  assert.equal(e.arithmetic.consistent, false);
});

test("terms come in formula order with labelled, formatted inputs", () => {
  const e = explainScore(current, columns);
  assert.deepEqual(e.terms.map((t) => [t.code, t.text]), [
    ["service_exposure", "$1,000.00"],
    ["financial_exposure", "$200.00"],
    ["urgency_factor", "0.625"],
    ["confidence", "0.7"],
  ]);
  assert.equal(e.terms[2].label, "Urgency factor (0.5 + 0.5·U)");
  const svc = Object.fromEntries(e.terms[0].inputs.map((i) => [i.name, i.text]));
  assert.deepEqual(svc, { units_short: "20", unit_margin: "$22.54", penalty: "$2.46", tier_weight: "2" });
  const urg = Object.fromEntries(e.terms[2].inputs.map((i) => [i.name, i.text]));
  assert.equal(urg.TTI_days, "11.5 days");
  assert.equal(urg.action_lead_time_days, "1 day");
  assert.equal(urg.U, "0.25");
});

test("components are grouped per exposure and their sums are checked against it", () => {
  const e = explainScore(current, columns);
  assert.ok(e.components);
  const [svc, fin] = e.components;
  assert.equal(svc.kind, "SERVICE");
  assert.equal(svc.rows.length, 1);
  assert.equal(svc.matches, true);
  assert.equal(svc.rows[0].typeLabel, "Stockout despite inbound");
  assert.deepEqual(svc.rows[0].inputs.map((i) => i.name), ["units", "unit_margin", "penalty", "tier_weight"], "null inputs are left out");
  assert.equal(fin.rows.length, 2);
  assert.ok(Math.abs(fin.sum - 200.004) < 1e-9);
  assert.equal(fin.matches, true, "sub-cent component noise still matches the cent-rounded exposure");
  const off = explainScore({ ...current, financialExposure: 150 }, columns);
  assert.equal(off.components![1].matches, false);
});

test("an old explanation without components, terms or vector falls back to the case columns", () => {
  const old = { total: 300, serviceExposure: 400, financialExposure: 0, urgency: 0.5, confidence: 0.8 } as unknown as ScoreExplanation;
  const e = explainScore(old, { ...columns, configVersion: 1 });
  assert.equal(e.components, null);
  assert.equal(e.terms.length, 4);
  assert.equal(e.terms[2].value, 0.75);
  assert.equal(e.arithmetic.consistent, false, "(400 + 0) × 0.75 × 0.8 = 240, not 300");
  assert.equal(e.version, 1);
  const empty = explainScore(null, { score: 240, serviceExposure: 400, financialExposure: 0, urgency: 0.5, confidence: 0.8, configVersion: 2, severity: "MEDIUM" });
  assert.equal(empty.arithmetic.total, 240);
  assert.equal(empty.arithmetic.consistent, true);
  assert.equal(empty.severity, "MEDIUM");
  assert.equal(empty.version, 2);
});

test("terms a newer engine adds are listed after the four of the formula", () => {
  const extra = { ...current, terms: [...current.terms, { code: "seasonality", label: "Seasonality", formula: "s", inputs: {}, value: 1.1, unit: "factor" as const }] };
  assert.deepEqual(explainScore(extra, columns).terms.map((t) => t.code).slice(4), ["seasonality"]);
});

test("inputs: money finer than a cent keeps its precision, missing values show a dash", () => {
  assert.equal(formatInput("penalty", 20.9825), "$20.9825");
  assert.equal(formatInput("unit_cost", 61.39), "$61.39");
  assert.equal(formatInput("gap_days", null), "—");
  assert.equal(formatInput("action", "EXPEDITE"), "EXPEDITE");
  assert.equal(formatInput("units", 451.4000000000002), "451.4");
});
