import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Snapshot, SnapshotReceiptLine } from "@/lib/domain/model/snapshot";
import { buildDetectionContext } from "@/lib/domain/detect/context";
import { DETECTION_RULES } from "@/lib/domain/detect/rules";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { DEFAULT_SCORING_PARAMS, type ScoringParams } from "@/lib/domain/score/config";
import { AS_OF, asnLine, balance, day, item, poLine, snapshot, soLine, transferLine } from "@/lib/domain/testing/fixtures";

function run(type: string, snap: Snapshot, params: ScoringParams = DEFAULT_SCORING_PARAMS) {
  return DETECTION_RULES[type](buildDetectionContext(snap, params));
}
const withOverride = (key: string, value: number, over: { siteId?: string; abcClass?: "A" | "B" | "C" } = {}): ScoringParams => ({ ...DEFAULT_SCORING_PARAMS, thresholdOverrides: [{ key, value, ...over }] });

const receipt = (over: Partial<SnapshotReceiptLine> = {}): SnapshotReceiptLine => ({
  receiptId: "R1",
  receiptNumber: "REC-1",
  asnId: "ASN1",
  asnNumber: "ASN-5001",
  purchaseOrderLineId: "POL1",
  supplierId: "S1",
  itemId: "I1",
  locationId: "L1",
  qtyReceived: 92,
  receivedAt: day(-1),
  ...over,
});

describe("all 25 types are registered", () => {
  it("matches the taxonomy", () => {
    assert.equal(Object.keys(DETECTION_RULES).length, 25);
  });
});

describe("RECEIPT_QTY_VARIANCE", () => {
  const received = (qty: number, over: Partial<Snapshot> = {}) =>
    snapshot({ poLines: [poLine({ qtyReceived: qty })], asnLines: [asnLine({ status: "RECEIVED" })], receiptLines: [receipt({ qtyReceived: qty })], ...over });
  it("fires on a 92% receipt against the ASN, valued at the missing units' cost, on the PO line's cause", () => {
    const [f] = run("RECEIPT_QTY_VARIANCE", received(92));
    assert.equal(f.causeKey, "poline:POL1");
    assert.equal(f.evidence.expectedQty, 100);
    assert.equal(f.evidence.expectedBasis, "ASN");
    assert.equal(f.evidence.delta, -8);
    assert.equal(f.exposure, 80);
    assert.equal(f.links, undefined); // no shortage to link
  });
  it("does not fire within tolerance (96%), and respects a per-site override", () => {
    assert.equal(run("RECEIPT_QTY_VARIANCE", received(96)).length, 0);
    assert.equal(run("RECEIPT_QTY_VARIANCE", received(92), withOverride("receiptQtyTolerance", 0.1, { siteId: "L1" })).length, 0);
    assert.equal(run("RECEIPT_QTY_VARIANCE", received(92), withOverride("receiptQtyTolerance", 0.1, { siteId: "L2" })).length, 1);
  });
  it("adds up several dock receipts against one ASN, and falls back to the PO's open quantity without an ASN", () => {
    const split = snapshot({ poLines: [poLine({ qtyReceived: 98 })], asnLines: [asnLine({ status: "RECEIVED" })], receiptLines: [receipt({ qtyReceived: 50 }), receipt({ receiptId: "R2", receiptNumber: "REC-2", qtyReceived: 48 })] });
    assert.equal(run("RECEIPT_QTY_VARIANCE", split).length, 0);
    const noAsn = snapshot({ poLines: [poLine({ qtyReceived: 80 })], receiptLines: [receipt({ asnId: null, asnNumber: null, qtyReceived: 80 })] });
    const [f] = run("RECEIPT_QTY_VARIANCE", noAsn);
    assert.equal(f.evidence.expectedBasis, "PO");
    assert.equal(f.evidence.expectedQty, 100);
  });
  it("links to the item-location's shortage when the missing units leave it short", () => {
    const snap = received(92, { balances: [balance({ onHand: 92, avgDailyDemand: 10 })] });
    const [f] = run("RECEIPT_QTY_VARIANCE", snap);
    assert.deepEqual(f.links, ["shortage:I1:L1"]);
  });
});

describe("SUPPLIER_PROMISE_SLIP", () => {
  it("fires when the promise moved later by more than N days, or the supplier changed/rejected the line", () => {
    const [f] = run("SUPPLIER_PROMISE_SLIP", snapshot({ poLines: [poLine({ originalPromisedDate: day(5), promisedDate: day(9) })] }));
    assert.equal(f.evidence.slipDays, 4);
    assert.equal(f.causeKey, "poline:POL1");
    assert.equal(f.impact?.proxy, true);
    const [rej] = run("SUPPLIER_PROMISE_SLIP", snapshot({ poLines: [poLine({ ackStatus: "REJECTED" })] }));
    assert.equal(rej.exposure, 1000); // whole open value at risk
    assert.equal(run("SUPPLIER_PROMISE_SLIP", snapshot({ poLines: [poLine({ ackStatus: "CHANGED" })] })).length, 1);
  });
  it("does not fire for a 3-day slip (limit 3) or an earlier promise, nor for an A item whose limit is overridden", () => {
    assert.equal(run("SUPPLIER_PROMISE_SLIP", snapshot({ poLines: [poLine({ originalPromisedDate: day(5), promisedDate: day(8) })] })).length, 0);
    assert.equal(run("SUPPLIER_PROMISE_SLIP", snapshot({ poLines: [poLine({ originalPromisedDate: day(9), promisedDate: day(5) })] })).length, 0);
    assert.equal(run("SUPPLIER_PROMISE_SLIP", snapshot({ poLines: [poLine({ originalPromisedDate: day(5), promisedDate: day(9) })] }), withOverride("promiseSlipDays", 5, { abcClass: "A" })).length, 0);
  });
});

describe("TRANSFER_RECEIPT_VARIANCE", () => {
  it("fires when a received transfer is short beyond tolerance; lone transfers keep their own cause", () => {
    const [f] = run("TRANSFER_RECEIPT_VARIANCE", snapshot({ transferLines: [transferLine({ qtyReceived: 45, receivedAt: day(-1) })] }));
    assert.equal(f.evidence.delta, -5);
    assert.equal(f.exposure, 50);
    assert.equal(f.causeKey, "transfer:TO1:I1");
  });
  it("does not fire within 2% or while the transfer is still open", () => {
    assert.equal(run("TRANSFER_RECEIPT_VARIANCE", snapshot({ transferLines: [transferLine({ qtyShipped: 100, qtyReceived: 99, receivedAt: day(-1) })] })).length, 0);
    assert.equal(run("TRANSFER_RECEIPT_VARIANCE", snapshot({ transferLines: [transferLine({ qtyReceived: 10 })] })).length, 0);
  });
  it("a received-short transfer is not counted as inbound supply any more", () => {
    const ctx = buildDetectionContext(snapshot({ transferLines: [transferLine({ qtyReceived: 45, receivedAt: day(-1) })] }), DEFAULT_SCORING_PARAMS);
    assert.equal(ctx.inboundTransfersByKey.size, 0);
  });
});

describe("TRANSFER_IN_TRANSIT_AGED lanes", () => {
  it("two problem transfers on one carrier lane share a lane cause; different carriers do not", () => {
    const snap = snapshot({
      items: [item(), item({ id: "I2", sku: "SKU-2" })],
      transferLines: [transferLine({ expectedAt: day(-4) }), transferLine({ id: "T2", transferOrderId: "TO2", transferNumber: "TO-2", itemId: "I2", expectedAt: day(-4) }), transferLine({ id: "T3", transferOrderId: "TO3", transferNumber: "TO-3", expectedAt: day(-4), carrier: "UPS" })],
    });
    assert.deepEqual(run("TRANSFER_IN_TRANSIT_AGED", snap).map((f) => f.causeKey).sort(), ["lane:L2>L1:FEDEX", "lane:L2>L1:FEDEX", "transfer:TO3:I1"]);
  });
});

describe("ALLOCATION_CONFLICT", () => {
  it("fires when allocations exceed on hand − quality hold", () => {
    const snap = snapshot({ balances: [balance({ onHand: 50, qualityHold: 10, allocated: 60 })], soLines: [soLine({ qtyOrdered: 60, qtyAllocated: 60, promisedShipDate: day(5) })] });
    const [f] = run("ALLOCATION_CONFLICT", snap);
    assert.equal(f.evidence.overAllocated, 20);
    assert.equal(f.impact?.key, "shortage:I1:L1");
  });
  it("fires when a STRATEGIC order is short while a STANDARD order holds stock, and not the other way round", () => {
    const lines = (hiTier: "STRATEGIC" | "STANDARD", loTier: "STRATEGIC" | "STANDARD") => [
      soLine({ id: "lo", soNumber: "SO-LO", customerTier: loTier, qtyOrdered: 30, qtyAllocated: 30, promisedShipDate: day(6) }),
      soLine({ id: "hi", soNumber: "SO-HI", customerTier: hiTier, qtyOrdered: 40, promisedShipDate: day(2) }),
    ];
    const snap = (l: ReturnType<typeof lines>) => snapshot({ balances: [balance({ onHand: 40, allocated: 30 })], soLines: l });
    const [f] = run("ALLOCATION_CONFLICT", snap(lines("STRATEGIC", "STANDARD")));
    assert.equal(f.evidence.reallocatableUnits, 30);
    assert.deepEqual((f.evidence.holderLines as { soNumber: string }[]).map((h) => h.soNumber), ["SO-LO"]);
    assert.equal(run("ALLOCATION_CONFLICT", snap(lines("STANDARD", "STRATEGIC"))).length, 0);
  });
});

describe("CREDIT_HOLD_BLOCKING", () => {
  it("fires when a credit-held order holds stock the item-location is short of, linking that shortage", () => {
    const snap = snapshot({
      balances: [balance({ onHand: 50, allocated: 40 })],
      soLines: [soLine({ id: "held", salesOrderId: "SO-H", soNumber: "SO-H", customerCreditHold: true, qtyOrdered: 40, qtyAllocated: 40, promisedShipDate: day(2) }), soLine({ id: "other", soNumber: "SO-O", qtyOrdered: 30, promisedShipDate: day(3) })],
    });
    const [f] = run("CREDIT_HOLD_BLOCKING", snap);
    assert.equal(f.causeKey, "so:SO-H");
    assert.equal(f.evidence.blockingAllocatedUnits, 20);
    assert.deepEqual(f.links, ["shortage:I1:L1"]);
  });
  it("fires for a priority order due within the horizon, not for a standard order without reserved stock, nor beyond the horizon", () => {
    const held = (over = {}) => snapshot({ soLines: [soLine({ customerCreditHold: true, customerTier: "KEY", promisedShipDate: day(2), ...over })] });
    const [f] = run("CREDIT_HOLD_BLOCKING", held());
    assert.equal(f.evidence.blockedUnits, 10);
    assert.equal(f.impact?.key, "order:SO1");
    assert.equal(run("CREDIT_HOLD_BLOCKING", held({ customerTier: "STANDARD" })).length, 0);
    assert.equal(run("CREDIT_HOLD_BLOCKING", held({ promisedShipDate: day(5) })).length, 0);
    assert.equal(run("CREDIT_HOLD_BLOCKING", held({ customerCreditHold: false })).length, 0);
  });
  it("groups with the at-risk lines of the same order in one case", () => {
    const snap = snapshot({
      balances: [balance({ onHand: 5, avgDailyDemand: 0 }), balance({ locationId: "L2", onHand: 100 })],
      soLines: [
        soLine({ id: "a", salesOrderId: "SO-X", soNumber: "SO-X", customerCreditHold: true, customerTier: "STRATEGIC", qtyOrdered: 20, promisedShipDate: day(1) }),
        soLine({ id: "b", salesOrderId: "SO-X", soNumber: "SO-X", lineNo: 2, locationId: "L2", customerCreditHold: true, customerTier: "STRATEGIC", qtyOrdered: 20, promisedShipDate: day(1) }),
      ],
    });
    const drafts = runDetection(snap);
    const c = drafts.find((d) => d.causeKey === "so:SO-X");
    assert.ok(c);
    assert.ok(c.findings.some((f) => f.type === "CUSTOMER_ORDER_AT_RISK"));
    assert.ok(!drafts.some((d) => d !== c && d.findings.some((f) => f.type === "CUSTOMER_ORDER_AT_RISK")));
  });
});

describe("EXPIRY_RISK", () => {
  const lots = [
    { itemId: "I1", locationId: "L1", lot: "B", qty: 100, expiresAt: day(20) },
    { itemId: "I1", locationId: "L1", lot: "A", qty: 50, expiresAt: day(10) },
  ];
  it("consumes lots first-expired-first-out and values what is left at expiry", () => {
    // 4/day: lot A (day 10) uses 40 of 50 → 10 left; lot B (day 20) gets 80 − 40 = 40 → 60 left.
    const [f] = run("EXPIRY_RISK", snapshot({ balances: [balance({ onHand: 150, avgDailyDemand: 4 })], lots }));
    assert.deepEqual((f.evidence.lots as { lot: string; unitsLeftAtExpiry: number }[]).map((l) => [l.lot, l.unitsLeftAtExpiry]), [["A", 10], ["B", 60]]);
    assert.equal(f.exposure, 700);
    assert.equal(f.impact?.tStar?.toISOString(), day(10).toISOString());
  });
  it("does not fire when demand consumes every lot in time, or for lots without expiry", () => {
    assert.equal(run("EXPIRY_RISK", snapshot({ balances: [balance({ onHand: 150, avgDailyDemand: 10 })], lots })).length, 0);
    assert.equal(run("EXPIRY_RISK", snapshot({ lots: lots.map((l) => ({ ...l, expiresAt: null })) })).length, 0);
  });
});

describe("SURPLUS_ON_ORDER", () => {
  it("fires when an open PO lifts projected stock above max, naming the PO to postpone", () => {
    const snap = snapshot({ balances: [balance({ onHand: 150, maxStock: 200, avgDailyDemand: 5 })], poLines: [poLine({ qtyOrdered: 300, promisedDate: day(10) })] });
    const [f] = run("SURPLUS_ON_ORDER", snap);
    // Day 10: 150 − 55 + 300 = 395 → 195 above max 200.
    assert.equal(f.evidence.surplusUnits, 195);
    assert.equal((f.evidence.poLines as { poNumber: string }[])[0].poNumber, "PO-10001");
    assert.equal(f.exposure, Math.round(195 * 10 * 0.25 * (39 / 365) * 100) / 100);
  });
  it("does not fire when the PO keeps stock under max, or without any cap", () => {
    assert.equal(run("SURPLUS_ON_ORDER", snapshot({ balances: [balance({ onHand: 20, maxStock: 200, avgDailyDemand: 5 })], poLines: [poLine({ qtyOrdered: 100, promisedDate: day(10) })] })).length, 0);
    assert.equal(run("SURPLUS_ON_ORDER", snapshot({ balances: [balance({ onHand: 20 })], poLines: [poLine()] })).length, 0);
  });
});

describe("OBSOLETE_DEAD_STOCK", () => {
  it("fires for stock without an issue in 180 days worth more than $1,000, sharing the excess key", () => {
    const [f] = run("OBSOLETE_DEAD_STOCK", snapshot({ balances: [balance({ onHand: 200, lastIssueAt: day(-200) })] }));
    assert.equal(f.exposure, 2000 * (0.5 + 0.25));
    assert.equal(f.impact?.key, "excess:I1:L1");
  });
  it("does not fire for recent issues, low value, open orders, or an unknown last issue with forecast", () => {
    assert.equal(run("OBSOLETE_DEAD_STOCK", snapshot({ balances: [balance({ onHand: 200, lastIssueAt: day(-30) })] })).length, 0);
    assert.equal(run("OBSOLETE_DEAD_STOCK", snapshot({ balances: [balance({ onHand: 50, lastIssueAt: day(-300) })] })).length, 0);
    assert.equal(run("OBSOLETE_DEAD_STOCK", snapshot({ balances: [balance({ onHand: 200, lastIssueAt: day(-300) })], soLines: [soLine({ promisedShipDate: day(40) })] })).length, 0);
    assert.equal(run("OBSOLETE_DEAD_STOCK", snapshot({ balances: [balance({ onHand: 200, lastIssueAt: null, avgDailyDemand: 1 })] })).length, 0);
    assert.equal(run("OBSOLETE_DEAD_STOCK", snapshot({ balances: [balance({ onHand: 200, lastIssueAt: day(-200) })] }), withOverride("obsoleteNoIssueDays", 365)).length, 0);
  });
});

describe("DATA_FEED_STALE exposure", () => {
  it("carries the exposure of the cases whose confidence it lowered", () => {
    const snap = snapshot({
      balances: [balance({ onHand: -5, sourceSystem: "WMS" }), balance({ itemId: "I1", locationId: "L2", onHand: -2 })],
      dataSources: [
        { code: "ERP", name: "ERP", slaMinutes: 240, lastSuccessAt: AS_OF },
        { code: "WMS", name: "WMS", slaMinutes: 60, lastSuccessAt: day(-1) },
      ],
    });
    const drafts = runDetection(snap);
    const feed = drafts.find((d) => d.causeKey === "source:WMS");
    const dependent = drafts.filter((d) => d.score.terms.find((t) => t.code === "confidence")?.inputs.stale_sources === "WMS");
    assert.equal(dependent.length, 1);
    assert.equal(dependent[0].score.confidence, 0.7);
    assert.ok(feed);
    assert.equal(feed.findings[0].exposure, dependent[0].score.serviceExposure + dependent[0].score.financialExposure);
    assert.equal(feed.findings[0].evidence.dependentCases, 1);
    assert.ok(feed.score.total > 0);
  });
});
