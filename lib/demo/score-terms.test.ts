/**
 * On the whole demo network: wherever the service-exposure term shows its inputs, a planner can multiply them out
 * by hand — units_short × (unit_margin + penalty) × tier_weight equals the term's value.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateDemoData } from "@/lib/demo/generate-demo";
import { demoSnapshot } from "@/lib/demo/demo-snapshot";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { DEFAULT_SCORING_PARAMS } from "@/lib/domain/score/config";

test("the service-exposure term's inputs reproduce its value", () => {
  const data = generateDemoData({ seed: 42, asOf: new Date("2026-11-25T08:00:00Z") });
  const drafts = runDetection(demoSnapshot(data), DEFAULT_SCORING_PARAMS);
  let checked = 0;
  for (const draft of drafts) {
    const term = draft.score.terms.find((t) => t.code === "service_exposure");
    assert.ok(term, `${draft.title}: has a service term`);
    const i = term.inputs as Record<string, number | string | null>;
    if (typeof i.units_short !== "number" || typeof i.unit_margin !== "number") continue;
    const byHand = i.units_short * (i.unit_margin + (i.penalty as number)) * (i.tier_weight as number);
    assert.ok(Math.abs(byHand - term.value) <= 0.005 * Math.max(1, term.value), `${draft.title}: ${byHand} ≠ ${term.value}`);
    checked++;
  }
  assert.ok(checked >= 30, `checked ${checked} cases`);
});
