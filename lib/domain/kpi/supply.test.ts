import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fillRates, inventoryRecordAccuracy, isCountHit, otif, supplierOnTime, type PoLineFact } from "@/lib/domain/kpi/supply";

const d = (day: number, hour = 0, month = 10) => new Date(Date.UTC(2026, month, day, hour));
const NOV = { from: d(1), to: d(31) };

describe("fill rates", () => {
  it("computes unit, line and order fill over lines due in the period", () => {
    const lines = [
      { orderId: "o1", qtyOrdered: 10, qtyShipped: 10, promisedShipDate: d(5) },
      { orderId: "o1", qtyOrdered: 10, qtyShipped: 6, promisedShipDate: d(5) },
      { orderId: "o2", qtyOrdered: 5, qtyShipped: 7, promisedShipDate: d(6) }, // over-ship counts as 5
      { orderId: "o3", qtyOrdered: 5, qtyShipped: 0, promisedShipDate: d(29) }, // not yet due at now = 20th
      { orderId: "o4", qtyOrdered: 5, qtyShipped: 0, promisedShipDate: d(1, 0, 9) }, // October
    ];
    const r = fillRates(lines, NOV, d(20));
    assert.equal(r.lines, 3);
    assert.equal(r.unitFillRate, 21 / 25);
    assert.equal(r.lineFillRate, 2 / 3);
    assert.equal(r.orderFillRate, 1 / 2);
  });
});

const po = (o: Partial<PoLineFact>): PoLineFact => ({ supplier: "S1", qtyOrdered: 100, promisedDate: d(10), originalPromisedDate: d(10), receipts: [], ...o });

describe("OTIF", () => {
  const lines = [
    po({ receipts: [{ receivedAt: d(10, 15), qty: 100 }] }), // on the day, full
    po({ receipts: [{ receivedAt: d(7, 0), qty: 99 }] }), // 3 days early, within 2 %
    po({ receipts: [{ receivedAt: d(12, 0), qty: 100 }] }), // 2 days late: outside the +1 d window
    po({ receipts: [{ receivedAt: d(11, 23), qty: 50 }, { receivedAt: d(9), qty: 45 }] }), // on time, 95 %: not in full
    po({ promisedDate: d(14), originalPromisedDate: d(9), receipts: [{ receivedAt: d(14), qty: 100 }] }), // re-promised
    po({ promisedDate: d(29), receipts: [] }), // window still open at now = 25th
  ];
  it("checks the date window and the quantity tolerance on the last-confirmed date", () => {
    assert.deepEqual(otif(lines, NOV, d(25)).rate, 3 / 5);
    const r = otif(lines, NOV, d(25));
    assert.equal(r.eligible, 5);
    assert.equal(r.otif, 3);
  });
  it("judges the same receipts against the first-confirmed date on request", () => {
    const r = otif(lines, NOV, d(25), "first_confirmed");
    // the re-promised line was due on the 9th and arrived on the 14th: late; line 6 was first promised on the 10th and is now eligible, unreceived
    assert.equal(r.eligible, 6);
    assert.equal(r.otif, 2);
  });
});

describe("supplier on-time (12-month rolling)", () => {
  it("sums qty received on or before the promised day over qty ordered, per supplier", () => {
    const asOf = d(1, 0, 11); // 2026-12-01
    const r = supplierOnTime(
      [
        po({ receipts: [{ receivedAt: d(10, 23), qty: 60 }, { receivedAt: d(11, 1), qty: 40 }] }), // 60 on time
        po({ receipts: [{ receivedAt: d(1), qty: 120 }] }), // capped at 100
        po({ supplier: "S2", qtyOrdered: 50, receipts: [{ receivedAt: d(20), qty: 50 }] }), // late: 0
        po({ supplier: "S2", promisedDate: new Date(Date.UTC(2025, 10, 30)), receipts: [] }), // 2025-11-30: outside 12 months
      ],
      asOf,
    );
    assert.deepEqual(r.rows, [
      { supplier: "S1", ordered: 200, onTime: 160, lines: 2, rate: 0.8 },
      { supplier: "S2", ordered: 50, onTime: 0, lines: 1, rate: 0 },
    ]);
    assert.equal(r.rate, 160 / 250);
  });
});

describe("inventory record accuracy", () => {
  it("applies ABC tolerances per count, never netting variances", () => {
    assert.equal(isCountHit({ abcClass: "A", systemQty: 100, countedQty: 101, countedAt: d(2) }), true);
    assert.equal(isCountHit({ abcClass: "A", systemQty: 100, countedQty: 102, countedAt: d(2) }), false);
    assert.equal(isCountHit({ abcClass: "B", systemQty: 100, countedQty: 97, countedAt: d(2) }), true);
    assert.equal(isCountHit({ abcClass: "C", systemQty: 100, countedQty: 106, countedAt: d(2) }), false);
    assert.equal(isCountHit({ abcClass: "C", systemQty: 0, countedQty: 0, countedAt: d(2) }), true);
    assert.equal(isCountHit({ abcClass: "C", systemQty: 0, countedQty: 1, countedAt: d(2) }), false);
    const r = inventoryRecordAccuracy(
      [
        { abcClass: "A", systemQty: 100, countedQty: 105, countedAt: d(2) }, // miss
        { abcClass: "A", systemQty: 100, countedQty: 95, countedAt: d(3) }, // miss (nets to 0 with the one above, still two misses)
        { abcClass: "B", systemQty: 50, countedQty: 51, countedAt: d(3) }, // hit
        { abcClass: "C", systemQty: 40, countedQty: 42, countedAt: d(4) }, // hit
        { abcClass: "C", systemQty: 40, countedQty: 40, countedAt: d(1, 0, 9) }, // October
      ],
      NOV,
    );
    assert.deepEqual({ counted: r.counted, hits: r.hits, rate: r.rate }, { counted: 4, hits: 2, rate: 0.5 });
    assert.deepEqual(r.byClass.map((b) => [b.abc, b.rate]), [["A", 0], ["B", 1], ["C", 1]]);
  });
});
