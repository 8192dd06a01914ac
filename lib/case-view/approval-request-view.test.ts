import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { expectedImpact, keyEvidence } from "@/lib/case-view/approval-request-view";
import type { Recommendation } from "@/lib/domain/model/case-draft";

const rec = (rank: number, actionType: Recommendation["actionType"], quantity: number | null, usd: number): Recommendation => ({
  code: `R${rank}`,
  rank,
  label: `Recommendation ${rank}`,
  actionType,
  payload: quantity === null ? null : { quantity },
  impact: { unitsRecovered: quantity ?? 0, usdRecovered: usd, daysGained: rank },
  reason: "",
});

describe("keyEvidence", () => {
  it("reads units short and the first stock-out from the explanation vector, either naming", () => {
    assert.deepEqual(keyEvidence({ vector: { Q_short: 44, t_star: "2026-11-25" } }), { shortageUnits: 44, firstStockout: "2026-11-25" });
    assert.deepEqual(keyEvidence({ vector: { units_short: 3.5, shortage_date: "2026-12-01T00:00:00Z" } }), { shortageUnits: 3.5, firstStockout: "2026-12-01" });
    assert.deepEqual(keyEvidence({ vector: { Q_short: "x", t_star: "soon" } }), { shortageUnits: null, firstStockout: null });
    assert.deepEqual(keyEvidence(null), { shortageUnits: null, firstStockout: null });
  });
});

describe("expectedImpact", () => {
  const recs = [rec(1, "TRANSFER", 182, 15_842), rec(2, "REALLOCATE", 44, 1_915), rec(3, "REALLOCATE", 10, 500), rec(4, null, null, 49)];
  it("takes the best-ranked recommendation of the same type, preferring the same quantity", () => {
    assert.deepEqual(expectedImpact(recs, "REALLOCATE", 10), { rank: 3, label: "Recommendation 3", unitsRecovered: 10, usdRecovered: 500, daysGained: 3, recommendedQuantity: 10, sameQuantity: true });
    const other = expectedImpact(recs, "REALLOCATE", 20);
    assert.equal(other?.rank, 2);
    assert.equal(other?.sameQuantity, false);
    assert.equal(other?.recommendedQuantity, 44);
  });
  it("is null when the engine recommended no such action", () => {
    assert.equal(expectedImpact(recs, "ADJUST", 5), null);
    assert.equal(expectedImpact([], "TRANSFER", 5), null);
  });
});
