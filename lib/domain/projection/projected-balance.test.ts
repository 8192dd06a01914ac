import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { firstCoveringReceipt, projectBalance, projectedOn, type ProjectionInput } from "@/lib/domain/projection/projected-balance";
import { buildDetectionContext, projectionOf } from "@/lib/domain/detect/context";
import { DEFAULT_SCORING_PARAMS } from "@/lib/domain/score/config";
import { randomNetwork } from "@/lib/domain/testing/random-network";
import { AS_OF, asnLine, balance, day, poLine, soLine, supplier, transferLine } from "@/lib/domain/testing/fixtures";

function input(over: Partial<ProjectionInput> = {}): ProjectionInput {
  return {
    asOf: AS_OF,
    balance: balance(),
    leadTimeDays: 10,
    poLines: [],
    asnLinesByPoLine: new Map(),
    suppliersById: new Map([["S1", supplier()]]),
    soLines: [],
    inboundTransfers: [],
    poTransitDays: 3,
    ...over,
  };
}

describe("projectBalance", () => {
  it("nets on hand, allocations and holds, then applies forecast per day", () => {
    // AV = 100 − 20 − 10 = 70; 10/day → PAB_t = 70 − 10(t+1); first < 0 at t = 7 (−10).
    const p = projectBalance(input({ balance: balance({ onHand: 100, allocated: 20, qualityHold: 10, avgDailyDemand: 10 }) }));
    assert.equal(p.startingAvailable, 70);
    assert.equal(p.horizonDays, 28);
    assert.equal(p.points.length, 29);
    assert.equal(p.points[0].projected, 60);
    assert.equal(p.points[6].projected, 0);
    assert.equal(p.shortageDay, 7);
    assert.equal(p.shortageDate?.toISOString(), day(7).toISOString());
    assert.equal(p.shortageQty, 220); // 70 − 29×10 = −220
  });

  it("uses firm orders when they exceed forecast, puts past-due orders on day 0 and only counts the unallocated part", () => {
    const p = projectBalance(
      input({
        balance: balance({ onHand: 50, allocated: 5, avgDailyDemand: 2 }),
        soLines: [
          soLine({ id: "a", promisedShipDate: day(-3), qtyOrdered: 20, qtyAllocated: 5 }), // 15 unallocated on day 0
          soLine({ id: "b", promisedShipDate: day(2), qtyOrdered: 40 }),
          soLine({ id: "c", promisedShipDate: day(4), qtyOrdered: 1 }), // below forecast: forecast wins
        ],
      }),
    );
    // AV 45; day0 −15 → 30; day1 −2 → 28; day2 −40 → −12 (t* = 2); day3 −2 → −14; day4 −2 → −16
    assert.deepEqual(
      p.points.slice(0, 5).map((x) => [x.demand, x.firmDemand, x.projected]),
      [
        [15, 15, 30],
        [2, 0, 28],
        [40, 40, -12],
        [2, 0, -14],
        [2, 1, -16],
      ],
    );
    assert.equal(p.shortageDay, 2);
    assert.equal(p.shortageQty, 16 + 2 * 24); // keeps falling by 2/day to day 28
  });

  it("schedules ASN quantity at the ASN eta and the unshipped rest at promise + lateness", () => {
    const p = projectBalance(
      input({
        balance: balance({ onHand: 0, avgDailyDemand: 0 }),
        poLines: [poLine({ qtyOrdered: 100, qtyReceived: 10, promisedDate: day(8) })],
        asnLinesByPoLine: new Map([["POL1", [asnLine({ qtyShipped: 30, eta: day(4) })]]]),
        suppliersById: new Map([["S1", supplier({ medianLatenessDays: 1.2 })]]),
      }),
    );
    assert.deepEqual(
      p.receipts.map((r) => [r.source, r.qty, r.day, r.etaBasis]),
      [
        ["ASN", 30, 4, "ASN_ETA"],
        ["PO", 60, 10, "PROMISE_PLUS_LATENESS"], // 8 + ceil(1.2)
      ],
    );
    assert.equal(p.points[4].receipts, 30);
    assert.equal(p.points[10].projected, 90);
  });

  it("never lets unshipped PO quantity arrive sooner than one transit from today, and moves overdue inbound to tomorrow", () => {
    const p = projectBalance(
      input({
        poLines: [poLine({ id: "X", promisedDate: day(-5) }), poLine({ id: "Y", poNumber: "PO-2", promisedDate: day(20) })],
        asnLinesByPoLine: new Map([["Y", [asnLine({ purchaseOrderLineId: "Y", qtyShipped: 40, eta: day(-2) })]]]),
        inboundTransfers: [transferLine({ expectedAt: day(-1) })],
      }),
    );
    const byKey = Object.fromEntries(p.receipts.map((r) => [`${r.source}:${r.poNumber ?? r.transferNumber}`, [r.day, r.qty, r.etaBasis]]));
    assert.deepEqual(byKey["PO:PO-10001"], [3, 100, "NOT_SHIPPED_TRANSIT"]);
    assert.deepEqual(byKey["ASN:PO-2"], [1, 40, "ASN_OVERDUE"]);
    assert.deepEqual(byKey["PO:PO-2"], [20, 60, "PROMISE_PLUS_LATENESS"]);
    assert.deepEqual(byKey["TRANSFER:TO-3001"], [1, 50, "TRANSFER_OVERDUE"]);
  });

  it("extends the horizon to the lead time, reports the first date below safety stock, and finds the covering receipt", () => {
    const p = projectBalance(
      input({
        leadTimeDays: 40,
        balance: balance({ onHand: 30, avgDailyDemand: 5, safetyStock: 12 }),
        poLines: [poLine({ promisedDate: day(35), qtyOrdered: 500 })],
      }),
    );
    assert.equal(p.horizonDays, 40);
    assert.equal(p.belowSafetyDay, 3); // 30 − 20 = 10 < 12
    assert.equal(p.shortageDay, 6); // 30 − 35 = −5
    const r = firstCoveringReceipt(p);
    assert.equal(r?.day, 35);
    assert.equal(r?.poLineId, "POL1");
  });

  it("is deterministic for equal inputs", () => {
    const i = input({ balance: balance({ avgDailyDemand: 3.5 }), soLines: [soLine()] });
    assert.deepEqual(projectBalance(i), projectBalance(i));
  });
  it("does not schedule the open rest of a line whose ASN shipped it in full (a short receipt is not supply)", () => {
    const p = projectBalance(
      input({
        balance: balance({ onHand: 0, avgDailyDemand: 0 }),
        poLines: [poLine({ qtyOrdered: 1000, qtyReceived: 920, promisedDate: day(-1) })],
        asnLinesByPoLine: new Map([["POL1", [asnLine({ qtyShipped: 1000, status: "RECEIVED", eta: day(-2) })]]]),
      }),
    );
    assert.deepEqual(p.receipts, []);
  });

  it("delays unshipped supply by the supplier's median lateness, which moves the covering ETA past t*", () => {
    const base = input({ balance: balance({ onHand: 20, avgDailyDemand: 5 }), poLines: [poLine({ promisedDate: day(3), qtyOrdered: 1000 })] });
    const onTime = projectBalance(base);
    const late = projectBalance({ ...base, suppliersById: new Map([["S1", supplier({ medianLatenessDays: 5 })]]) });
    assert.equal(firstCoveringReceipt(onTime), null); // arrives day 3, before t* (day 4): no shortage at all
    assert.equal(onTime.shortageDay, null);
    assert.equal(late.shortageDay, 4); // 20 − 25
    assert.equal(firstCoveringReceipt(late)?.day, 8);
    assert.equal(firstCoveringReceipt(late)?.etaBasis, "PROMISE_PLUS_LATENESS");
  });

  it("computes its summary without the day-by-day points, and the points it builds on demand agree with it", () => {
    // Every item-location of a random network: summary fields must equal what the points say.
    const snap = randomNetwork(3, { items: 40, locations: 4 });
    const ctx = buildDetectionContext(snap, DEFAULT_SCORING_PARAMS);
    let shortages = 0;
    for (const b of snap.balances) {
      const p = projectionOf(ctx, `${b.itemId}:${b.locationId}`);
      assert.ok(p);
      // Read before the points exist, then compare with them.
      const early = Array.from({ length: p.horizonDays + 1 }, (_, d) => projectedOn(p, d));
      const projected = p.points.map((x) => x.projected);
      assert.deepEqual(early, projected);
      assert.equal(p.points.length, p.horizonDays + 1);
      const firstNegative = projected.findIndex((x) => x < 0);
      assert.equal(p.shortageDay, firstNegative === -1 ? null : firstNegative);
      const firstBelowSafety = projected.findIndex((x) => x < b.safetyStock);
      assert.equal(p.belowSafetyDay, firstBelowSafety === -1 ? null : firstBelowSafety);
      assert.equal(p.minProjected, Math.min(...projected));
      assert.equal(p.shortageQty, Math.max(0, -Math.min(...projected)));
      assert.equal(p.asOfDay.getTime() % 86_400_000, 0);
      if (p.shortageDay !== null) shortages++;
    }
    assert.ok(shortages > 0, "the network should have shortages");
  });
});
