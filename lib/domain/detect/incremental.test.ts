import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CaseDraft } from "@/lib/domain/model/case-draft";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { DEFAULT_SCORING_PARAMS } from "@/lib/domain/score/config";
import { randomNetwork, seededRandom } from "@/lib/domain/testing/random-network";
import { SCENARIOS } from "@/lib/domain/testing/scenarios";

/** Cases of a full run that touch the given item-locations (same rule as the incremental path). */
function fullRunFor(drafts: CaseDraft[], keys: Set<string>, orderLines: Map<string, string[]>): CaseDraft[] {
  const items = new Set([...keys].map((k) => k.split(":")[0]));
  return drafts.filter(
    (d) =>
      d.primaryType !== "DATA_FEED_STALE" &&
      d.findings.some(
        (f) =>
          (f.itemId && keys.has(`${f.itemId}:${f.siteId}`)) ||
          (f.type === "MASTER_DATA_INVALID" && f.itemId && items.has(f.itemId)) ||
          (f.type === "CREDIT_HOLD_BLOCKING" && (orderLines.get(String(f.evidence.salesOrderId)) ?? []).some((k) => keys.has(k))),
      ),
  );
}

describe("runDetection with a scope (incremental path)", () => {
  it("returns exactly the full run's cases for random subsets of a random network", () => {
    const snap = randomNetwork(11, { items: 60, locations: 4 });
    const full = runDetection(snap, DEFAULT_SCORING_PARAMS);
    // The network exercises every rule, so the equivalence below covers all 25 types.
    assert.equal(new Set(full.flatMap((d) => d.findings.map((f) => f.type))).size, 25);
    const orderLines = new Map<string, string[]>();
    for (const s of snap.soLines) orderLines.set(s.salesOrderId, [...(orderLines.get(s.salesOrderId) ?? []), `${s.itemId}:${s.locationId}`]);
    const rnd = seededRandom(5);
    const allKeys = snap.balances.map((b) => `${b.itemId}:${b.locationId}`);
    let nonEmpty = 0;
    for (let trial = 0; trial < 15; trial++) {
      const keys = new Set(allKeys.filter(() => rnd() < 0.05));
      const scoped = runDetection(snap, DEFAULT_SCORING_PARAMS, { itemLocationKeys: [...keys] });
      const expected = fullRunFor(full, keys, orderLines);
      assert.deepEqual(scoped, expected, `trial ${trial}`);
      if (scoped.length > 0) nonEmpty++;
    }
    assert.ok(nonEmpty >= 10, "subsets should usually hit cases");
  });

  it("scoping by order id returns the order's composite case (scenario c) as the full run has it", () => {
    const snap = SCENARIOS.compositeOrder();
    const full = runDetection(snap);
    const scoped = runDetection(snap, DEFAULT_SCORING_PARAMS, { orderIds: ["SO-9100"] });
    assert.deepEqual(scoped, full.filter((d) => d.causeKey === "so:SO-9100"));
    // One of the DAL lines alone pulls in the whole order case too.
    assert.deepEqual(runDetection(snap, DEFAULT_SCORING_PARAMS, { itemLocationKeys: ["I-VALVE:L-DAL"] }), scoped);
  });

  it("a single transfer's destination brings its whole carrier lane case (scenario b)", () => {
    const snap = SCENARIOS.carrierLane();
    const lane = runDetection(snap).find((d) => d.causeKey.startsWith("lane:"));
    assert.deepEqual(runDetection(snap, DEFAULT_SCORING_PARAMS, { itemLocationKeys: ["I-BRG-10:L-DAL"] }), [lane]);
  });

  it("an empty scope returns nothing; no scope is a full run", () => {
    const snap = SCENARIOS.shortReceipt();
    assert.deepEqual(runDetection(snap, DEFAULT_SCORING_PARAMS, { itemLocationKeys: [] }), []);
    assert.deepEqual(runDetection(snap, DEFAULT_SCORING_PARAMS, {}), runDetection(snap));
  });
});
