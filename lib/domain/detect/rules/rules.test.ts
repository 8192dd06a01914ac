import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Snapshot } from "@/lib/domain/model/snapshot";
import { buildDetectionContext } from "@/lib/domain/detect/context";
import { DETECTION_RULES } from "@/lib/domain/detect/rules";
import { DEFAULT_SCORING_PARAMS } from "@/lib/domain/score/config";
import { AS_OF, asnLine, balance, day, item, poLine, snapshot, soLine, transferLine } from "@/lib/domain/testing/fixtures";

function run(type: string, snap: Snapshot) {
  return DETECTION_RULES[type](buildDetectionContext(snap, DEFAULT_SCORING_PARAMS));
}

describe("NEGATIVE_ON_HAND", () => {
  it("fires on OH < 0 with |OH| × cost exposure and not on OH = 0", () => {
    const [f] = run("NEGATIVE_ON_HAND", snapshot({ balances: [balance({ onHand: -7 })] }));
    assert.equal(f.exposure, 70);
    assert.equal(f.causeKey, "itemloc:I1:L1");
    assert.match(f.summary, /on hand is -7/);
    assert.equal(run("NEGATIVE_ON_HAND", snapshot({ balances: [balance({ onHand: 0 })] })).length, 0);
  });
});

describe("STOCKOUT_NOW", () => {
  it("fires when available ≤ 0 and forecast > 0; exposure = Q_short × (margin + penalty) × tier", () => {
    // AV = 10 − 10 = 0, 2/day over 29 days → Q_short 58; (20 − 10 + 5) × 2 (STRATEGIC) = 30/unit.
    const snap = snapshot({
      balances: [balance({ onHand: 10, allocated: 10, avgDailyDemand: 2 })],
      soLines: [soLine({ qtyOrdered: 10, qtyAllocated: 10, customerTier: "STRATEGIC" }), soLine({ id: "SOL2", qtyOrdered: 0 })],
    });
    // Fully allocated strategic line still counts for the tier (it is open).
    const [f] = run("STOCKOUT_NOW", snap);
    assert.equal(f.impact?.units, 58);
    assert.equal(f.impact?.tierWeight, 2);
    assert.equal(f.exposure, 58 * 30);
    assert.equal(f.impact?.tStar?.getTime(), AS_OF.getTime());
  });
  it("does not fire without demand, or with stock available", () => {
    assert.equal(run("STOCKOUT_NOW", snapshot({ balances: [balance({ onHand: 0, avgDailyDemand: 0 })] })).length, 0);
    assert.equal(run("STOCKOUT_NOW", snapshot({ balances: [balance({ onHand: 5, avgDailyDemand: 3 })] })).length, 0);
  });
});

describe("PROJECTED_STOCKOUT_NO_SUPPLY vs STOCKOUT_DESPITE_INBOUND", () => {
  const base = { balances: [balance({ onHand: 30, avgDailyDemand: 5 })] }; // t* = day 6, LT 10
  it("no open supply → PROJECTED_STOCKOUT_NO_SUPPLY only", () => {
    const snap = snapshot(base);
    const [f] = run("PROJECTED_STOCKOUT_NO_SUPPLY", snap);
    assert.equal(f.evidence.t_star, "2026-12-01");
    assert.equal(run("STOCKOUT_DESPITE_INBOUND", snap).length, 0);
  });
  it("inbound 5 days after t* → STOCKOUT_DESPITE_INBOUND naming the PO line and gap", () => {
    const snap = snapshot({ ...base, poLines: [poLine({ promisedDate: day(11), qtyOrdered: 200 })] });
    const [f] = run("STOCKOUT_DESPITE_INBOUND", snap);
    assert.equal(f.evidence.poLineId, "POL1");
    assert.equal(f.evidence.poNumber, "PO-10001");
    assert.equal(f.evidence.gap_days, 5);
    assert.equal(f.impact?.gapDays, 5);
    assert.match(f.summary, /PO-10001 line 1 arrives 2026-12-06, 5 days later/);
    assert.equal(run("PROJECTED_STOCKOUT_NO_SUPPLY", snap).length, 0);
  });
  it("inbound within the tolerance → neither fires", () => {
    const snap = snapshot({ ...base, poLines: [poLine({ promisedDate: day(8), qtyOrdered: 200 })] });
    assert.equal(run("STOCKOUT_DESPITE_INBOUND", snap).length, 0);
    assert.equal(run("PROJECTED_STOCKOUT_NO_SUPPLY", snap).length, 0);
  });
  it("shortage beyond the lead time is not PROJECTED_STOCKOUT_NO_SUPPLY", () => {
    const snap = snapshot({ balances: [balance({ onHand: 100, avgDailyDemand: 5 })] }); // t* = day 20 > LT 10
    assert.equal(run("PROJECTED_STOCKOUT_NO_SUPPLY", snap).length, 0);
  });
});

describe("BELOW_SAFETY_STOCK", () => {
  it("fires when PAB dips under SS but stays ≥ 0 within LT; E[US] > 0 only with demand variance", () => {
    const b = balance({ onHand: 60, avgDailyDemand: 5, safetyStock: 20, demandStdDev: 4 });
    const snap = snapshot({ balances: [b], poLines: [poLine({ promisedDate: day(9), qtyOrdered: 500 })] });
    const [f] = run("BELOW_SAFETY_STOCK", snap);
    assert.equal(f.evidence.belowSafetyDate, "2026-12-03"); // PAB_t = 60 − 5(t+1): day 7 → 20, day 8 → 15 < 20
    assert.equal(f.evidence.minProjected, 15);
    assert.ok(f.exposure > 0);
    const flat = run("BELOW_SAFETY_STOCK", snapshot({ balances: [{ ...b, demandStdDev: 0 }], poLines: snap.poLines }));
    assert.equal(flat[0].exposure, 0);
  });
  it("does not fire when the item-location actually runs short (stockout rules own that)", () => {
    const snap = snapshot({ balances: [balance({ onHand: 30, avgDailyDemand: 5, safetyStock: 20 })] });
    assert.equal(run("BELOW_SAFETY_STOCK", snap).length, 0);
  });
});

describe("PO execution rules", () => {
  it("PO_NOT_ACKNOWLEDGED fires after poAckDays without acknowledgement", () => {
    const [f] = run("PO_NOT_ACKNOWLEDGED", snapshot({ poLines: [poLine({ acknowledgedAt: null, orderedAt: day(-3) })] }));
    assert.equal(f.causeKey, "poline:POL1");
    assert.equal(f.eventAt.toISOString(), day(-1).toISOString());
    assert.equal(f.exposure, 100); // 100 open × $10 × (1 − 0.9)
    assert.equal(run("PO_NOT_ACKNOWLEDGED", snapshot({ poLines: [poLine({ acknowledgedAt: null, orderedAt: day(-1) })] })).length, 0);
    // An ASN means the supplier accepted the order.
    assert.equal(run("PO_NOT_ACKNOWLEDGED", snapshot({ poLines: [poLine({ acknowledgedAt: null, orderedAt: day(-3) })], asnLines: [asnLine()] })).length, 0);
  });
  it("PO_NO_ASN fires when promise − transit + grace < asOf and there is no ASN", () => {
    // promised day 1 → ship-by day −2, + 1 grace = day −1 < asOf
    const line = poLine({ promisedDate: day(1), qtyOrdered: 240 });
    const [f] = run("PO_NO_ASN", snapshot({ poLines: [line] }));
    assert.equal(f.summary, "PO-10001 line 1: promised ship 2026-11-23 passed, 240 EA open, no ASN");
    assert.equal(f.evidence.poLineId, "POL1");
    assert.equal(run("PO_NO_ASN", snapshot({ poLines: [line], asnLines: [asnLine()] })).length, 0);
    assert.equal(run("PO_NO_ASN", snapshot({ poLines: [poLine({ promisedDate: day(3) })] })).length, 0);
  });
  it("ASN_OVERDUE fires for in-transit ASNs past ETA + grace, grouped on the PO line", () => {
    const snap = snapshot({ poLines: [poLine()], asnLines: [asnLine({ eta: day(-2) }), asnLine({ asnId: "A2", asnNumber: "ASN-2", eta: day(-2), status: "RECEIVED" })] });
    const found = run("ASN_OVERDUE", snap);
    assert.equal(found.length, 1);
    assert.equal(found[0].causeKey, "poline:POL1");
    assert.equal(found[0].evidence.asnNumber, "ASN-5001");
    assert.equal(run("ASN_OVERDUE", snapshot({ poLines: [poLine()], asnLines: [asnLine({ eta: day(0) })] })).length, 0);
  });
  it("PO_PAST_DUE fires when the promised day is before today", () => {
    assert.equal(run("PO_PAST_DUE", snapshot({ poLines: [poLine({ promisedDate: day(-1) })] })).length, 1);
    assert.equal(run("PO_PAST_DUE", snapshot({ poLines: [poLine({ promisedDate: day(0) })] })).length, 0);
  });
});

describe("CYCLE_COUNT_VARIANCE", () => {
  const count = (systemQty: number, countedQty: number) => ({ id: "CC1", itemId: "I1", locationId: "L1", countedAt: day(-1), systemQty, countedQty });
  it("uses the ABC tolerance (A = 1%) and the $ threshold", () => {
    assert.equal(run("CYCLE_COUNT_VARIANCE", snapshot({ cycleCounts: [count(1000, 1010)] })).length, 0); // 1.0%, $100
    const [f] = run("CYCLE_COUNT_VARIANCE", snapshot({ cycleCounts: [count(1000, 985)] })); // 1.5%
    assert.equal(f.exposure, 150);
    assert.equal(f.impact?.kind, "FINANCIAL");
    const c = snapshot({ items: [item({ abcClass: "C", unitCost: 100 })], cycleCounts: [count(1000, 994)] }); // 0.6% but $600
    assert.equal(run("CYCLE_COUNT_VARIANCE", c).length, 1);
  });
});

describe("TRANSFER_IN_TRANSIT_AGED", () => {
  it("fires after expectedAt + grace for the outstanding quantity", () => {
    const [f] = run("TRANSFER_IN_TRANSIT_AGED", snapshot({ transferLines: [transferLine({ expectedAt: day(-3), qtyReceived: 10 })] }));
    assert.equal(f.exposure, 400);
    assert.equal(f.siteId, "L1");
    assert.equal(run("TRANSFER_IN_TRANSIT_AGED", snapshot({ transferLines: [transferLine({ expectedAt: day(-1) })] })).length, 0);
  });
});

describe("CUSTOMER_ORDER_AT_RISK", () => {
  it("lists order lines promised on negative-PAB days and values the smaller of their qty and Q_short", () => {
    const snap = snapshot({
      balances: [balance({ onHand: 20, avgDailyDemand: 0 })],
      soLines: [
        soLine({ id: "a", soNumber: "SO-1", promisedShipDate: day(1), qtyOrdered: 15 }), // PAB 5, served
        soLine({ id: "b", soNumber: "SO-2", promisedShipDate: day(2), qtyOrdered: 12, customerTier: "KEY" }), // PAB −7
      ],
    });
    const [f] = run("CUSTOMER_ORDER_AT_RISK", snap);
    assert.deepEqual(f.evidence.soNumbers, ["SO-2"]);
    assert.equal(f.impact?.units, 7);
    assert.equal(f.exposure, 7 * 15 * 1.5);
  });
});

describe("QUALITY_LOT_HOLD_BLOCKING", () => {
  const hold = { id: "H1", kind: "QUALITY" as const, itemId: "I1", locationId: "L1", qty: 40, lot: "L-7", reason: "QA", placedAt: day(-2) };
  it("fires when the held quantity is needed for a shortage within the lead time", () => {
    const [f] = run("QUALITY_LOT_HOLD_BLOCKING", snapshot({ balances: [balance({ onHand: 50, qualityHold: 40, avgDailyDemand: 5 })], holds: [hold] }));
    assert.equal(f.evidence.blocksDemand, true);
    assert.equal(f.impact?.key, "shortage:I1:L1");
  });
  it("fires for aged holds without shortage, and not for young ones", () => {
    const ok = snapshot({ balances: [balance({ onHand: 500, qualityHold: 40 })] });
    assert.equal(run("QUALITY_LOT_HOLD_BLOCKING", { ...ok, holds: [hold] }).length, 0);
    const [f] = run("QUALITY_LOT_HOLD_BLOCKING", { ...ok, holds: [{ ...hold, placedAt: day(-10) }] });
    assert.equal(f.exposure, 400);
  });
});

describe("MASTER_DATA_INVALID and DATA_FEED_STALE", () => {
  it("flags items missing lead time or supplier", () => {
    const [f] = run("MASTER_DATA_INVALID", snapshot({ items: [item({ leadTimeDays: null, primarySupplierId: null })], balances: [balance({ avgDailyDemand: 2 })] }));
    assert.deepEqual(f.evidence.problems, ["lead time missing", "no primary supplier"]);
    assert.equal(f.exposure, 2 * 14 * 10);
    assert.equal(run("MASTER_DATA_INVALID", snapshot()).length, 0);
  });
  it("flags sources past their SLA or never synced", () => {
    const snap = snapshot({
      dataSources: [
        { code: "ERP", name: "ERP", slaMinutes: 240, lastSuccessAt: new Date(AS_OF.getTime() - 5 * 3_600_000) },
        { code: "WMS", name: "WMS", slaMinutes: 60, lastSuccessAt: null },
        { code: "TMS", name: "TMS", slaMinutes: 60, lastSuccessAt: AS_OF },
      ],
    });
    assert.deepEqual(run("DATA_FEED_STALE", snap).map((f) => f.causeKey), ["source:ERP", "source:WMS"]);
  });
});

describe("EXCESS_STOCK", () => {
  it("values cover above N days at holding cost for the days it takes to burn off", () => {
    // AV 1,000 at 5/day = 200 days; cap 120 × 5 = 600 → 400 excess, 80 days → 400 × 10 × 0.25 × 80/365
    const [f] = run("EXCESS_STOCK", snapshot({ balances: [balance({ onHand: 1000, avgDailyDemand: 5 })] }));
    assert.equal(f.evidence.excessUnits, 400);
    assert.equal(f.exposure, Math.round(400 * 10 * 0.25 * (80 / 365) * 100) / 100);
    assert.equal(run("EXCESS_STOCK", snapshot({ balances: [balance({ onHand: 500, avgDailyDemand: 5 })] })).length, 0);
  });
  it("uses max stock when it is the tighter cap, and skips items with neither demand nor max", () => {
    const [f] = run("EXCESS_STOCK", snapshot({ balances: [balance({ onHand: 300, maxStock: 200, avgDailyDemand: 5 })] }));
    assert.equal(f.evidence.excessUnits, 100);
    assert.equal(run("EXCESS_STOCK", snapshot({ balances: [balance({ onHand: 300, avgDailyDemand: 0 })] })).length, 0);
  });
});

describe("DEMAND_SPIKE", () => {
  it("flags order lines above k × ADU", () => {
    const snap = snapshot({ balances: [balance({ avgDailyDemand: 10 })], soLines: [soLine({ qtyOrdered: 41, soNumber: "SO-9" }), soLine({ id: "SOL2", qtyOrdered: 40 })] });
    const found = run("DEMAND_SPIKE", snap);
    assert.deepEqual(found.map((f) => f.evidence.soNumber), ["SO-9"]);
    assert.equal(found[0].exposure, 10);
  });
});
