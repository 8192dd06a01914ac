import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildDetectionContext, projectionOf } from "@/lib/domain/detect/context";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { recovery, whatIf } from "@/lib/domain/case/what-if";
import { DEFAULT_SCORING_PARAMS } from "@/lib/domain/score/config";
import { balance, day, item, poLine, snapshot, soLine, supplier } from "@/lib/domain/testing/fixtures";

describe("whatIf", () => {
  it("adds stock from a day on, or only until a day (an expedited receipt)", () => {
    // AV 10, 5/day → 5, 0, −5, −10, … ; Q_short over 29 days = 135, 27 short days.
    const ctx = buildDetectionContext(snapshot({ balances: [balance({ onHand: 10, avgDailyDemand: 5 })] }), DEFAULT_SCORING_PARAMS);
    const p = projectionOf(ctx, "I1:L1");
    assert.ok(p);
    assert.deepEqual(whatIf(p, []), { shortageQty: 135, shortDays: 27 });
    assert.deepEqual(recovery(p, [{ fromDay: 3, qty: 50 }]), { units: 50, days: 9 }); // day 2 stays short; days 3–11 are covered
    assert.deepEqual(whatIf(p, [{ fromDay: 2, untilDay: 4, qty: 100 }]), { shortageQty: 135, shortDays: 25 });
  });
});

describe("recommendActions", () => {
  // DC-ATL (L1) short 70 units from day 2; PO arrives day 12 (supplier on time 80%); DC-DAL (L2) has surplus.
  const snap = () =>
    snapshot({
      suppliers: [supplier({ onTimeRate: 0.8 })],
      balances: [balance({ onHand: 30, avgDailyDemand: 10 }), balance({ locationId: "L2", onHand: 500, avgDailyDemand: 2, safetyStock: 20 })],
      poLines: [poLine({ promisedDate: day(12), qtyOrdered: 400 })],
      soLines: [
        soLine({ id: "lo", soNumber: "SO-LO", customerTier: "STANDARD", qtyOrdered: 20, qtyAllocated: 20, promisedShipDate: day(8) }),
        soLine({ id: "hi", soNumber: "SO-HI", customerTier: "STRATEGIC", qtyOrdered: 40, promisedShipDate: day(3) }),
      ],
    });
  it("ranks by $ recovered then days gained, each with impact and a reason", () => {
    const [c] = runDetection(snap()).filter((d) => d.siteId === "L1");
    const recs = c.recommendations;
    assert.ok(recs.length >= 3);
    for (let i = 1; i < recs.length; i++) {
      const a = recs[i - 1].impact;
      const b = recs[i].impact;
      assert.ok(a.usdRecovered > b.usdRecovered || (a.usdRecovered === b.usdRecovered && a.daysGained >= b.daysGained));
    }
    for (const r of recs) assert.ok(r.reason.length > 10 && r.label.length > 5);
    assert.deepEqual(recs.map((r) => r.code).slice(0, 2), ["TRANSFER_FROM_SURPLUS", "EXPEDITE_PO"]);
  });
  it("values an expedite at the supplier's on-time rate and a transfer at full recovery", () => {
    const [c] = runDetection(snap()).filter((d) => d.siteId === "L1");
    const transfer = c.recommendations.find((r) => r.code === "TRANSFER_FROM_SURPLUS");
    const expedite = c.recommendations.find((r) => r.code === "EXPEDITE_PO");
    assert.equal(transfer?.payload?.fromLocationId, "L2");
    assert.equal(expedite?.payload?.targetDate, "2026-11-27");
    assert.ok(transfer && expedite);
    assert.equal(expedite.impact.usdRecovered, Math.round(expedite.impact.unitsRecovered * (10 + 5) * 2 * 100) / 100);
    assert.ok(expedite.impact.unitsRecovered <= transfer.impact.unitsRecovered);
  });
  it("offers reallocation from a lower-tier order and values it by the tier-weight difference", () => {
    const [c] = runDetection(snap()).filter((d) => d.siteId === "L1");
    const r = c.recommendations.find((x) => x.code === "REALLOCATE_FROM_LOWER_TIER");
    assert.ok(r);
    assert.equal(r.actionType, "REALLOCATE");
    assert.equal(r.payload?.quantity, 20);
    assert.equal(r.impact.usdRecovered, 20 * (10 + 5) * (2 - 1));
  });
  it("has no transfer when no other site has stock to spare, and fixes master data as advice", () => {
    const s = snapshot({ items: [item({ leadTimeDays: null })], balances: [balance({ onHand: 5, avgDailyDemand: 3 }), balance({ locationId: "L2", onHand: 10, avgDailyDemand: 3 })] });
    const drafts = runDetection(s);
    assert.ok(!drafts.some((d) => d.recommendations.some((r) => r.code === "TRANSFER_FROM_SURPLUS")));
    const md = drafts.find((d) => d.primaryType === "MASTER_DATA_INVALID");
    assert.equal(md?.recommendations[0].code, "FIX_MASTER_DATA");
    assert.equal(md?.recommendations[0].actionType, null);
  });
});

describe("recommendActions for holds and excess", () => {
  it("proposes releasing a demand-blocking quality hold (HOLD) valued by the shortage it removes", () => {
    const hold = { id: "H1", kind: "QUALITY" as const, itemId: "I1", locationId: "L1", qty: 40, lot: "L-7", reason: "QA", placedAt: day(-2) };
    const [c] = runDetection(snapshot({ balances: [balance({ onHand: 50, qualityHold: 40, avgDailyDemand: 5 })], holds: [hold] })).filter((d) => d.siteId === "L1");
    const r = c.recommendations.find((x) => x.code === "RELEASE_HOLD");
    assert.ok(r);
    assert.equal(r.actionType, "HOLD");
    assert.deepEqual(r.payload, { quantity: 40 });
    assert.equal(r.impact.unitsRecovered, 40);
    assert.ok(r.impact.usdRecovered > 0 && r.impact.daysGained > 0);
  });
  it("moves excess stock to the site that is short of the same item", () => {
    const drafts = runDetection(snapshot({ balances: [balance({ onHand: 2000, avgDailyDemand: 5 }), balance({ locationId: "L2", onHand: 0, avgDailyDemand: 5 })] }));
    const excess = drafts.find((d) => d.primaryType === "EXCESS_STOCK");
    const r = excess?.recommendations.find((x) => x.code === "REBALANCE_EXCESS_STOCK");
    assert.ok(r);
    assert.deepEqual(r.payload, { quantity: 150, fromLocationId: "L1" }); // max(L2 Q_short 145, a month of its demand 150)
  });
});

describe("case summary", () => {
  it("says what, where, how much, by when and why, deterministically", () => {
    const [c] = runDetection(snap2()).filter((d) => d.siteId === "L1");
    assert.match(c.summary, /Where: DC-ATL\./);
    assert.match(c.summary, /How much: \$[\d,]+ at stake/);
    assert.match(c.summary, /By when: first shortage 2026-11-26/);
    assert.match(c.summary, /Why it ranks here: score \$[\d,]+ = \$[\d,]+ × urgency [\d.]+ × confidence 1/);
    assert.match(c.summary, /Best next step: /);
    assert.equal(runDetection(snap2()).find((d) => d.siteId === "L1")?.summary, c.summary);
  });
});

function snap2() {
  return snapshot({ balances: [balance({ onHand: 5, avgDailyDemand: 5 }), balance({ locationId: "L2", onHand: 400, avgDailyDemand: 1 })] });
}
