import { test } from "node:test";
import assert from "node:assert/strict";
import { scoreWaterfall } from "@/lib/case-view/score-waterfall";

const arithmetic = (over = {}) => ({
  serviceExposure: 1200,
  financialExposure: 800,
  urgency: 0.5,
  urgencyFactor: 0.75,
  confidence: 0.8,
  total: 1200,
  recomputed: 1200,
  consistent: true,
  ...over,
});

test("service + financial = exposure, × urgency, × confidence = score, each bar floating between running totals", () => {
  const steps = scoreWaterfall(arithmetic());
  assert.deepEqual(
    steps.map((s) => [s.key, s.kind, s.base, s.value, s.end, s.text]),
    [
      ["service", "add", 0, 1200, 1200, "+$1,200.00"],
      ["financial", "add", 1200, 800, 2000, "+$800.00"],
      ["exposure", "total", 0, 2000, 2000, "$2,000.00"],
      ["urgency", "factor", 1500, 500, 1500, "× 0.75 (−$500.00)"],
      ["confidence", "factor", 1200, 300, 1200, "× 0.8 (−$300.00)"],
      ["score", "total", 0, 1200, 1200, "$1,200.00"],
    ],
  );
});

test("factors of 1 give flat steps and the score bar shows the stored total", () => {
  const steps = scoreWaterfall(arithmetic({ serviceExposure: 0, financialExposure: 500, urgencyFactor: 1, confidence: 1, total: 500.004 }));
  const byKey = Object.fromEntries(steps.map((s) => [s.key, s]));
  assert.equal(byKey.service.value, 0);
  assert.equal(byKey.urgency.value, 0);
  assert.equal(byKey.urgency.text, "× 1 (+$0.00)");
  assert.equal(byKey.score.value, 500.004);
  assert.equal(byKey.score.text, "$500.00");
});
