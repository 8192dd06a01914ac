/**
 * Six complete, consistent scenario snapshots for tests and the demo: each tells one story the
 * workbench must turn into the right case(s). Dates are relative to `asOf` (default AS_OF), so the
 * demo can build them for "now". Expected outcomes are asserted in lib/domain/detect/scenarios.test.ts.
 *  a. shortReceipt        — a 92% inbound receipt threatens priority orders; a nearby DC holds surplus
 *  b. carrierLane         — several transfers shipped on one carrier lane, not received (plus a short one)
 *  c. compositeOrder      — one priority order split across two DCs, a delayed inbound and a credit hold
 *  d. weatherSpike        — a demand spike on several maintenance-filter SKUs at one site
 *  e. receivingVariance   — a receipt 12% under its ASN (and one within tolerance)
 *  f. repeatCycleCounts   — repeated cycle-count variances in a high-volume pick face
 */
import type {
  Snapshot,
  SnapshotAsnLine,
  SnapshotBalance,
  SnapshotItem,
  SnapshotPoLine,
  SnapshotReceiptLine,
  SnapshotSoLine,
  SnapshotSupplier,
  SnapshotTransferLine,
} from "@/lib/domain/model/snapshot";
import { AS_OF } from "@/lib/domain/testing/fixtures";

const DAY = 86_400_000;

/** Midnight UTC of asOf's day + n days. */
function at(asOf: Date, n: number): Date {
  return new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate()) + n * DAY);
}

export const SCENARIO_LOCATIONS = [
  { id: "L-ATL", code: "DC-ATL", name: "Atlanta DC", kind: "DC" as const },
  { id: "L-DAL", code: "DC-DAL", name: "Dallas DC", kind: "DC" as const },
  { id: "L-CHI", code: "DC-CHI", name: "Chicago DC", kind: "DC" as const },
];

const supplier = (over: Partial<SnapshotSupplier> & { id: string }): SnapshotSupplier => ({ code: over.id.replace(/^S-/, "SUP-"), name: over.id, leadTimeDays: 14, onTimeRate: 0.9, medianLatenessDays: 0, ...over });

const item = (over: Partial<SnapshotItem> & { id: string; sku: string }): SnapshotItem => ({ name: over.sku, unitCost: 10, unitPrice: 20, abcClass: "B", leadTimeDays: 14, primarySupplierId: "S-ACME", shelfLifeDays: null, family: null, ...over });

function balance(asOf: Date, over: Partial<SnapshotBalance> & { itemId: string; locationId: string }): SnapshotBalance {
  return { onHand: 0, allocated: 0, qualityHold: 0, inTransit: 0, safetyStock: 0, maxStock: null, avgDailyDemand: 0, demandStdDev: 0, sourceSystem: "ERP", sourceUpdatedAt: asOf, lastIssueAt: at(asOf, -1), ...over };
}

function poLine(asOf: Date, over: Partial<SnapshotPoLine> & { id: string; poNumber: string; itemId: string; locationId: string }): SnapshotPoLine {
  const promised = over.promisedDate ?? at(asOf, 10);
  return { purchaseOrderId: over.id.replace(/-\d+$/, ""), lineNo: 1, supplierId: "S-ACME", qtyOrdered: 100, qtyReceived: 0, unitCost: 10, orderedAt: at(asOf, -20), acknowledgedAt: at(asOf, -19), ackStatus: "ACCEPTED", promisedDate: promised, originalPromisedDate: promised, sourceSystem: "ERP", ...over };
}

function soLine(asOf: Date, over: Partial<SnapshotSoLine> & { id: string; soNumber: string; itemId: string; locationId: string }): SnapshotSoLine {
  return { salesOrderId: over.soNumber, lineNo: 1, customerId: "C-STD", customerTier: "STANDARD", customerCreditHold: false, qtyOrdered: 10, qtyShipped: 0, qtyAllocated: 0, unitPrice: 20, promisedShipDate: at(asOf, 2), priority: 3, ...over };
}

function transfer(asOf: Date, over: Partial<SnapshotTransferLine> & { id: string; transferNumber: string; itemId: string }): SnapshotTransferLine {
  return { transferOrderId: over.transferNumber, fromLocationId: "L-ATL", toLocationId: "L-DAL", qtyShipped: 50, qtyReceived: 0, shippedAt: at(asOf, -8), expectedAt: at(asOf, -5), receivedAt: null, carrier: "XPO", ...over };
}

function base(asOf: Date, over: Partial<Snapshot>): Snapshot {
  return {
    asOf,
    locations: SCENARIO_LOCATIONS,
    suppliers: [supplier({ id: "S-ACME", name: "Acme Industrial" })],
    items: [],
    balances: [],
    poLines: [],
    asnLines: [],
    soLines: [],
    receiptLines: [],
    transferLines: [],
    lots: [],
    cycleCounts: [],
    holds: [],
    dataSources: [
      { code: "ERP", name: "ERP", slaMinutes: 240, lastSuccessAt: asOf },
      { code: "WMS", name: "WMS", slaMinutes: 60, lastSuccessAt: asOf },
    ],
    ...over,
  };
}

/**
 * (a) PO-7001 shipped 1,000 PUMP-200 to DC-ATL (ASN-9001) but the dock counted 920 (92%). A KEY
 * order due in 3 days now runs short (and forecast demand after it) until the next PO lands on
 * day 20. DC-DAL holds ~1,750 units it will not need (DC-CHI only ~20). Expected: one case on the PO line, rooted in the receipt
 * variance, whose top recommendation is a transfer from DC-DAL.
 */
export function shortReceiptScenario(asOf: Date = AS_OF): Snapshot {
  const pump = item({ id: "I-PUMP", sku: "PUMP-200", name: "Centrifugal pump 200", unitCost: 40, unitPrice: 90, abcClass: "A" });
  const asn: SnapshotAsnLine = { asnId: "ASN-9001", asnNumber: "ASN-9001", purchaseOrderLineId: "POL-7001-1", itemId: pump.id, locationId: "L-ATL", supplierId: "S-ACME", qtyShipped: 1000, shippedAt: at(asOf, -4), eta: at(asOf, -1), status: "RECEIVED", carrier: "ODFL" };
  const receipt: SnapshotReceiptLine = { receiptId: "REC-6001", receiptNumber: "REC-6001", asnId: asn.asnId, asnNumber: asn.asnNumber, purchaseOrderLineId: "POL-7001-1", supplierId: "S-ACME", itemId: pump.id, locationId: "L-ATL", qtyReceived: 920, receivedAt: new Date(at(asOf, -1).getTime() + 14 * 3_600_000) };
  return base(asOf, {
    items: [pump],
    balances: [
      balance(asOf, { itemId: pump.id, locationId: "L-ATL", onHand: 920, allocated: 600, avgDailyDemand: 40, safetyStock: 50 }),
      balance(asOf, { itemId: pump.id, locationId: "L-DAL", onHand: 2000, avgDailyDemand: 5, safetyStock: 100 }),
      balance(asOf, { itemId: pump.id, locationId: "L-CHI", onHand: 150, avgDailyDemand: 3, safetyStock: 40 }),
    ],
    poLines: [
      poLine(asOf, { id: "POL-7001-1", purchaseOrderId: "PO-7001", poNumber: "PO-7001", itemId: pump.id, locationId: "L-ATL", qtyOrdered: 1000, qtyReceived: 920, unitCost: 40, promisedDate: at(asOf, -1) }),
      poLine(asOf, { id: "POL-7002-1", purchaseOrderId: "PO-7002", poNumber: "PO-7002", itemId: pump.id, locationId: "L-ATL", qtyOrdered: 1000, unitCost: 40, orderedAt: at(asOf, -6), acknowledgedAt: at(asOf, -5), promisedDate: at(asOf, 20) }),
    ],
    asnLines: [asn],
    receiptLines: [receipt],
    soLines: [
      // Already allocated from the receipt and shipping today.
      ...[1, 2, 3, 4].map((n) => soLine(asOf, { id: `SOL-800${n}-1`, soNumber: `SO-800${n}`, itemId: pump.id, locationId: "L-ATL", customerId: "C-GRID", customerTier: "STRATEGIC", priority: 1, qtyOrdered: 150, qtyAllocated: 150, unitPrice: 90, promisedShipDate: at(asOf, 0) })),
      soLine(asOf, { id: "SOL-8011-1", soNumber: "SO-8011", itemId: pump.id, locationId: "L-ATL", customerId: "C-GRID", customerTier: "STRATEGIC", priority: 1, qtyOrdered: 150, unitPrice: 90, promisedShipDate: at(asOf, 2) }),
      soLine(asOf, { id: "SOL-8012-1", soNumber: "SO-8012", itemId: pump.id, locationId: "L-ATL", customerId: "C-MUNI", customerTier: "KEY", priority: 2, qtyOrdered: 150, unitPrice: 90, promisedShipDate: at(asOf, 3) }),
    ],
  });
}

/**
 * (b) Three transfers DC-ATL → DC-DAL shipped with XPO eight days ago, none received (expected
 * five days ago), and a fourth on the same lane received 20% short; one CHI → DAL transfer with
 * FEDEX is also late. Expected: one lane case for ATL→DAL/XPO with all four, one case for the
 * FEDEX transfer.
 */
export function carrierLaneScenario(asOf: Date = AS_OF): Snapshot {
  const skus = ["BRG-10", "BRG-20", "BRG-30", "BRG-40", "BRG-50"];
  const items = skus.map((sku, i) => item({ id: `I-${sku}`, sku, name: `Bearing ${sku}`, unitCost: 25 + i * 5, unitPrice: 60 + i * 10 }));
  return base(asOf, {
    items,
    balances: items.flatMap((it) => [
      balance(asOf, { itemId: it.id, locationId: "L-ATL", onHand: 200, avgDailyDemand: 2 }),
      balance(asOf, { itemId: it.id, locationId: "L-DAL", onHand: 150, avgDailyDemand: 2 }),
      balance(asOf, { itemId: it.id, locationId: "L-CHI", onHand: 150, avgDailyDemand: 2 }),
    ]),
    transferLines: [
      transfer(asOf, { id: "TOL-5001-1", transferNumber: "TO-5001", itemId: items[0].id, qtyShipped: 120 }),
      transfer(asOf, { id: "TOL-5002-1", transferNumber: "TO-5002", itemId: items[1].id, qtyShipped: 80 }),
      transfer(asOf, { id: "TOL-5003-1", transferNumber: "TO-5003", itemId: items[2].id, qtyShipped: 60, shippedAt: at(asOf, -7), expectedAt: at(asOf, -4) }),
      transfer(asOf, { id: "TOL-5004-1", transferNumber: "TO-5004", itemId: items[3].id, qtyShipped: 100, qtyReceived: 80, shippedAt: at(asOf, -6), expectedAt: at(asOf, -3), receivedAt: at(asOf, -3) }),
      transfer(asOf, { id: "TOL-5009-1", transferNumber: "TO-5009", itemId: items[4].id, fromLocationId: "L-CHI", qtyShipped: 40, carrier: "FEDEX", shippedAt: at(asOf, -9), expectedAt: at(asOf, -6) }),
      // On time on the same lane: not a problem.
      transfer(asOf, { id: "TOL-5010-1", transferNumber: "TO-5010", itemId: items[4].id, qtyShipped: 30, shippedAt: at(asOf, -1), expectedAt: at(asOf, 2) }),
    ],
  });
}

/**
 * (c) SO-9100 (STRATEGIC customer, priority 1, on credit hold) needs VALVE-50 from DC-ATL and
 * DC-DAL in two days. ATL's inbound PO-7100 slipped from day 1 to day 9 (supplier CHANGED the
 * confirmation); DAL holds 150 units allocated to SO-9100 that SO-9200 needs on day 3.
 * Expected: ONE composite case for the order, holding the slip, the credit hold and both sites' shortages.
 */
export function compositeOrderScenario(asOf: Date = AS_OF): Snapshot {
  const valve = item({ id: "I-VALVE", sku: "VALVE-50", name: "Ball valve 50 mm", unitCost: 30, unitPrice: 75, abcClass: "A" });
  return base(asOf, {
    items: [valve],
    balances: [
      balance(asOf, { itemId: valve.id, locationId: "L-ATL", onHand: 120, avgDailyDemand: 50 }),
      balance(asOf, { itemId: valve.id, locationId: "L-DAL", onHand: 300, allocated: 150, avgDailyDemand: 60 }),
      balance(asOf, { itemId: valve.id, locationId: "L-CHI", onHand: 60, avgDailyDemand: 4 }),
    ],
    poLines: [
      poLine(asOf, { id: "POL-7100-1", purchaseOrderId: "PO-7100", poNumber: "PO-7100", itemId: valve.id, locationId: "L-ATL", qtyOrdered: 500, unitCost: 30, ackStatus: "CHANGED", originalPromisedDate: at(asOf, 1), promisedDate: at(asOf, 9), acknowledgedAt: at(asOf, -2) }),
      // DAL's replenishment is on track but lands after SO-9200 needs the stock.
      poLine(asOf, { id: "POL-7101-1", purchaseOrderId: "PO-7101", poNumber: "PO-7101", itemId: valve.id, locationId: "L-DAL", qtyOrdered: 2000, unitCost: 30, promisedDate: at(asOf, 6) }),
    ],
    soLines: [
      soLine(asOf, { id: "SOL-9100-1", salesOrderId: "SO-9100", soNumber: "SO-9100", lineNo: 1, itemId: valve.id, locationId: "L-ATL", customerId: "C-BIG", customerTier: "STRATEGIC", customerCreditHold: true, priority: 1, qtyOrdered: 200, unitPrice: 75, promisedShipDate: at(asOf, 2) }),
      soLine(asOf, { id: "SOL-9100-2", salesOrderId: "SO-9100", soNumber: "SO-9100", lineNo: 2, itemId: valve.id, locationId: "L-DAL", customerId: "C-BIG", customerTier: "STRATEGIC", customerCreditHold: true, priority: 1, qtyOrdered: 150, qtyAllocated: 150, unitPrice: 75, promisedShipDate: at(asOf, 2) }),
      soLine(asOf, { id: "SOL-9200-1", soNumber: "SO-9200", itemId: valve.id, locationId: "L-DAL", customerId: "C-SHOP", qtyOrdered: 200, unitPrice: 75, promisedShipDate: at(asOf, 3) }),
    ],
  });
}

/**
 * (d) A cold snap: three MAINT-FILTERS SKUs at DC-CHI get orders of 4–6× their daily demand for
 * delivery in 2–3 days, more than the shelf holds. One unrelated PUMP spike at the same site.
 * Expected: one family case at DC-CHI with the three spikes and their shortages; the pump spike separate.
 */
export function weatherSpikeScenario(asOf: Date = AS_OF): Snapshot {
  const filters = ["FLT-100", "FLT-200", "FLT-300"].map((sku, i) => item({ id: `I-${sku}`, sku, name: `HVAC filter ${sku}`, unitCost: 8 + i, unitPrice: 22 + 2 * i, abcClass: "B", family: "MAINT-FILTERS" }));
  const pump = item({ id: "I-PUMP-9", sku: "PUMP-900", name: "Sump pump", unitCost: 120, unitPrice: 260, family: "PUMPS" });
  const qty = [80, 95, 110];
  return base(asOf, {
    items: [...filters, pump],
    balances: [
      ...filters.flatMap((f) => [balance(asOf, { itemId: f.id, locationId: "L-CHI", onHand: 60, avgDailyDemand: 18, demandStdDev: 5 }), balance(asOf, { itemId: f.id, locationId: "L-DAL", onHand: 600, avgDailyDemand: 6 })]),
      balance(asOf, { itemId: pump.id, locationId: "L-CHI", onHand: 200, avgDailyDemand: 1 }),
    ],
    soLines: [
      ...filters.map((f, i) => soLine(asOf, { id: `SOL-95${i}0-1`, soNumber: `SO-95${i}0`, itemId: f.id, locationId: "L-CHI", customerId: `C-FAC-${i}`, customerTier: i === 0 ? "KEY" : "STANDARD", qtyOrdered: qty[i], unitPrice: f.unitPrice, promisedShipDate: at(asOf, 2 + (i % 2)) })),
      soLine(asOf, { id: "SOL-9590-1", soNumber: "SO-9590", itemId: pump.id, locationId: "L-CHI", qtyOrdered: 12, unitPrice: 260, promisedShipDate: at(asOf, 5) }),
    ],
  });
}

/**
 * (e) PO-7300 line 1: ASN-9300 shipped 500 GSK-12 gaskets, DC-DAL received 440 (88%, tolerance 5%).
 * PO-7301: ASN-9301 shipped 200, received 196 (98%): within tolerance. Stock is ample (no shortage).
 * Expected: one RECEIPT_QTY_VARIANCE case on PO-7300's line, none for PO-7301.
 */
export function receivingVarianceScenario(asOf: Date = AS_OF): Snapshot {
  const gasket = item({ id: "I-GSK", sku: "GSK-12", name: "Gasket 12 in", unitCost: 6, unitPrice: 15, abcClass: "C" });
  const seal = item({ id: "I-SEAL", sku: "SEAL-4", name: "Seal kit 4", unitCost: 12, unitPrice: 30, abcClass: "C" });
  const asn = (id: string, pol: string, itemId: string, qty: number): SnapshotAsnLine => ({ asnId: id, asnNumber: id, purchaseOrderLineId: pol, itemId, locationId: "L-DAL", supplierId: "S-ACME", qtyShipped: qty, shippedAt: at(asOf, -5), eta: at(asOf, -2), status: "RECEIVED", carrier: "ODFL" });
  const rec = (id: string, a: SnapshotAsnLine, qty: number): SnapshotReceiptLine => ({ receiptId: id, receiptNumber: id, asnId: a.asnId, asnNumber: a.asnNumber, purchaseOrderLineId: a.purchaseOrderLineId, supplierId: "S-ACME", itemId: a.itemId, locationId: "L-DAL", qtyReceived: qty, receivedAt: at(asOf, -2) });
  const a1 = asn("ASN-9300", "POL-7300-1", gasket.id, 500);
  const a2 = asn("ASN-9301", "POL-7301-1", seal.id, 200);
  return base(asOf, {
    items: [gasket, seal],
    balances: [balance(asOf, { itemId: gasket.id, locationId: "L-DAL", onHand: 1200, avgDailyDemand: 10 }), balance(asOf, { itemId: seal.id, locationId: "L-DAL", onHand: 600, avgDailyDemand: 5 })],
    poLines: [
      poLine(asOf, { id: "POL-7300-1", purchaseOrderId: "PO-7300", poNumber: "PO-7300", itemId: gasket.id, locationId: "L-DAL", qtyOrdered: 500, qtyReceived: 440, unitCost: 6, promisedDate: at(asOf, -2) }),
      poLine(asOf, { id: "POL-7301-1", purchaseOrderId: "PO-7301", poNumber: "PO-7301", itemId: seal.id, locationId: "L-DAL", qtyOrdered: 200, qtyReceived: 196, unitCost: 12, promisedDate: at(asOf, -2) }),
    ],
    asnLines: [a1, a2],
    receiptLines: [rec("REC-6300", a1, 440), rec("REC-6301", a2, 196)],
  });
}

/**
 * (f) TAPE-48 in DC-ATL's fast pick face (250/day) was counted four times in three weeks, each
 * 2–4% off (class A tolerance 1%); a slow item counted once within tolerance. Expected: one case
 * for the item-location holding all four counts and their history; top recommendation RECOUNT.
 */
export function repeatCycleCountsScenario(asOf: Date = AS_OF): Snapshot {
  const tape = item({ id: "I-TAPE", sku: "TAPE-48", name: "Packing tape 48 mm", unitCost: 2.5, unitPrice: 6, abcClass: "A" });
  const glue = item({ id: "I-GLUE", sku: "GLUE-1", name: "Hot glue 1 kg", unitCost: 9, unitPrice: 20, abcClass: "C" });
  const counts: [number, number, number][] = [
    [-20, 3000, 2910],
    [-12, 2800, 2740],
    [-5, 3100, 2990],
    [-1, 2950, 2890],
  ];
  return base(asOf, {
    items: [tape, glue],
    balances: [balance(asOf, { itemId: tape.id, locationId: "L-ATL", onHand: 2890, avgDailyDemand: 250, demandStdDev: 40, sourceSystem: "WMS" }), balance(asOf, { itemId: glue.id, locationId: "L-ATL", onHand: 200, avgDailyDemand: 2, sourceSystem: "WMS" })],
    poLines: [poLine(asOf, { id: "POL-7400-1", purchaseOrderId: "PO-7400", poNumber: "PO-7400", itemId: tape.id, locationId: "L-ATL", qtyOrdered: 8000, unitCost: 2.5, promisedDate: at(asOf, 6) })],
    cycleCounts: [
      ...counts.map(([d, systemQty, countedQty], i) => ({ id: `CC-TAPE-${i + 1}`, itemId: tape.id, locationId: "L-ATL", countedAt: new Date(at(asOf, d).getTime() + 6 * 3_600_000), systemQty, countedQty })),
      { id: "CC-GLUE-1", itemId: glue.id, locationId: "L-ATL", countedAt: at(asOf, -3), systemQty: 200, countedQty: 198 },
    ],
  });
}

/** All scenarios by name. */
export const SCENARIOS: Readonly<Record<string, (asOf?: Date) => Snapshot>> = {
  shortReceipt: shortReceiptScenario,
  carrierLane: carrierLaneScenario,
  compositeOrder: compositeOrderScenario,
  weatherSpike: weatherSpikeScenario,
  receivingVariance: receivingVarianceScenario,
  repeatCycleCounts: repeatCycleCountsScenario,
};
