import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CaseDraft } from "@/lib/domain/model/case-draft";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { DEFAULT_SCORING_PARAMS as P } from "@/lib/domain/score/config";
import { randomNetwork } from "@/lib/domain/testing/random-network";

const SEEDS = [3, 17, 29];
const drafts = SEEDS.map((seed) => ({ seed, snap: randomNetwork(seed, { items: 40, locations: 3 }) })).map((x) => ({ ...x, drafts: runDetection(x.snap, P) }));
const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

/** What a planner does with the stored explanation alone. */
function recomputeByHand(d: CaseDraft): number {
  const v = d.score.vector;
  const comps = d.score.components ?? [];
  const svc = comps.filter((c) => c.kind === "SERVICE").reduce((n, c) => n + c.value, 0);
  const fin = comps.filter((c) => c.kind === "FINANCIAL").reduce((n, c) => n + c.value, 0);
  const Hu = Number(v.H_u);
  let U: number;
  if (typeof v.TTI_days === "number") U = Math.min(1, Math.max(0, 1 - (v.TTI_days - Number(v.action_lead_time_days)) / Hu));
  else U = Number(d.score.terms.find((t) => t.code === "urgency_factor")?.inputs.U);
  const conf = d.score.terms.find((t) => t.code === "confidence")?.inputs ?? {};
  let c = 1;
  if (conf.stale_sources) c *= P.confidence.staleSource;
  if (conf.invalid_master_data === "yes") c *= P.confidence.invalidMasterData;
  c = Math.max(P.confidence.floor, c);
  return (svc + fin) * (0.5 + 0.5 * U) * c;
}

describe("score explanation (property, seeded random networks)", () => {
  it("terms multiply/add up to the total, and components add up to each exposure", () => {
    let n = 0;
    for (const { drafts: ds } of drafts) {
      for (const d of ds) {
        const t = Object.fromEntries(d.score.terms.map((x) => [x.code, x.value]));
        assert.ok(near((t.service_exposure + t.financial_exposure) * t.urgency_factor * t.confidence, d.score.total, 1e-6), d.causeKey);
        const comps = d.score.components ?? [];
        assert.ok(near(comps.filter((c) => c.kind === "SERVICE").reduce((s, c) => s + c.value, 0), d.score.serviceExposure, 0.01 * comps.length + 1e-9), d.causeKey);
        assert.ok(near(comps.filter((c) => c.kind === "FINANCIAL").reduce((s, c) => s + c.value, 0), d.score.financialExposure, 0.01 * comps.length + 1e-9), d.causeKey);
        n++;
      }
    }
    assert.ok(n > 100);
  });

  it("a planner can recompute every total from the stored explanation alone (within rounding)", () => {
    for (const { drafts: ds } of drafts) {
      for (const d of ds) {
        const byHand = recomputeByHand(JSON.parse(JSON.stringify(d)) as CaseDraft);
        assert.ok(near(byHand, d.score.total, Math.max(0.02, d.score.total * 1e-3)), `${d.causeKey}: ${byHand} vs ${d.score.total}`);
        for (const k of ["Q_short", "shortage_date", "eta", "gap_days", "units_short", "unit_margin", "penalty", "tier_weight", "U", "confidence", "rule_version", "weights_version"]) assert.ok(k in d.score.vector, k);
      }
    }
  });

  it("shortage cases carry their first shortage date and quantity in the vector", () => {
    for (const { drafts: ds } of drafts) {
      for (const d of ds.filter((x) => x.findings.some((f) => f.impact?.key.startsWith("shortage:") && f.impact.tStar))) {
        assert.equal(typeof d.score.vector.shortage_date, "string", d.causeKey);
        assert.equal(typeof d.score.vector.Q_short, "number", d.causeKey);
      }
    }
  });

  it("more money at risk (higher prices) never lowers a case's score", () => {
    for (const { snap, drafts: ds } of drafts) {
      const richer = runDetection({ ...snap, items: snap.items.map((i) => ({ ...i, unitPrice: i.unitPrice * 1.25 })) }, P);
      const before = new Map(ds.map((d) => [d.causeKey, d.score.total]));
      assert.equal(richer.length, ds.length);
      for (const d of richer) assert.ok(d.score.total >= (before.get(d.causeKey) ?? Infinity) - 1e-9, d.causeKey);
    }
  });

  it("less time to act (a longer expedite/transfer lead time) never lowers a score", () => {
    const slower = { ...P, actionLeadTimeDays: Object.fromEntries(Object.entries(P.actionLeadTimeDays).map(([k, v]) => [k, v + 2])) as typeof P.actionLeadTimeDays };
    for (const { snap, drafts: ds } of drafts) {
      const before = new Map(ds.map((d) => [d.causeKey, d.score.total]));
      for (const d of runDetection(snap, slower)) assert.ok(d.score.total >= (before.get(d.causeKey) ?? Infinity) - 1e-9, d.causeKey);
    }
  });

  it("same inputs give the same drafts (deterministic, no hidden state)", () => {
    for (const { snap, drafts: ds } of drafts) assert.deepEqual(runDetection(structuredClone(snap), P), ds);
  });
});
