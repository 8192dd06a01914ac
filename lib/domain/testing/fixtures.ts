/** Hand-built snapshot pieces for unit tests: small builders with sensible defaults. */
import type {
  Snapshot,
  SnapshotAsnLine,
  SnapshotBalance,
  SnapshotItem,
  SnapshotPoLine,
  SnapshotSoLine,
  SnapshotSupplier,
  SnapshotTransferLine,
} from "@/lib/domain/model/snapshot";

export const AS_OF = new Date("2026-11-25T08:00:00Z");

/** Date at midnight UTC, `days` from the AS_OF day. */
export function day(days: number): Date {
  return new Date(Date.UTC(2026, 10, 25 + days));
}

/** An item with valid master data. */
export function item(over: Partial<SnapshotItem> = {}): SnapshotItem {
  return { id: "I1", sku: "SKU-00001", name: "Widget", unitCost: 10, unitPrice: 20, abcClass: "A", leadTimeDays: 10, primarySupplierId: "S1", shelfLifeDays: null, ...over };
}

/** A supplier that is on time. */
export function supplier(over: Partial<SnapshotSupplier> = {}): SnapshotSupplier {
  return { id: "S1", code: "SUP-1", name: "Acme", leadTimeDays: 10, onTimeRate: 0.9, medianLatenessDays: 0, ...over };
}

/** A balance at I1/L1 fed by ERP, fresh at AS_OF. */
export function balance(over: Partial<SnapshotBalance> = {}): SnapshotBalance {
  return {
    itemId: "I1",
    locationId: "L1",
    onHand: 100,
    allocated: 0,
    qualityHold: 0,
    inTransit: 0,
    safetyStock: 0,
    maxStock: null,
    avgDailyDemand: 0,
    demandStdDev: 0,
    sourceSystem: "ERP",
    sourceUpdatedAt: AS_OF,
    lastIssueAt: AS_OF,
    ...over,
  };
}

/** An open PO line for I1 at L1. */
export function poLine(over: Partial<SnapshotPoLine> = {}): SnapshotPoLine {
  return {
    id: "POL1",
    purchaseOrderId: "PO1",
    poNumber: "PO-10001",
    lineNo: 1,
    supplierId: "S1",
    locationId: "L1",
    itemId: "I1",
    qtyOrdered: 100,
    qtyReceived: 0,
    unitCost: 10,
    orderedAt: day(-10),
    acknowledgedAt: day(-9),
    ackStatus: "ACCEPTED",
    promisedDate: day(10),
    originalPromisedDate: day(10),
    sourceSystem: "ERP",
    ...over,
  };
}

/** An in-transit ASN line for POL1. */
export function asnLine(over: Partial<SnapshotAsnLine> = {}): SnapshotAsnLine {
  return {
    asnId: "ASN1",
    asnNumber: "ASN-5001",
    purchaseOrderLineId: "POL1",
    itemId: "I1",
    locationId: "L1",
    supplierId: "S1",
    qtyShipped: 100,
    shippedAt: day(-1),
    eta: day(5),
    status: "IN_TRANSIT",
    carrier: "UPS",
    ...over,
  };
}

/** An open SO line for I1 at L1. */
export function soLine(over: Partial<SnapshotSoLine> = {}): SnapshotSoLine {
  return {
    id: "SOL1",
    salesOrderId: "SO1",
    soNumber: "SO-20001",
    lineNo: 1,
    customerId: "C1",
    customerTier: "STANDARD",
    customerCreditHold: false,
    locationId: "L1",
    itemId: "I1",
    qtyOrdered: 10,
    qtyShipped: 0,
    qtyAllocated: 0,
    unitPrice: 20,
    promisedShipDate: day(1),
    priority: 3,
    ...over,
  };
}

/** A transfer from L2 to L1 in transit. */
export function transferLine(over: Partial<SnapshotTransferLine> = {}): SnapshotTransferLine {
  return {
    id: "TOL1",
    transferOrderId: "TO1",
    transferNumber: "TO-3001",
    fromLocationId: "L2",
    toLocationId: "L1",
    itemId: "I1",
    qtyShipped: 50,
    qtyReceived: 0,
    shippedAt: day(-2),
    expectedAt: day(3),
    receivedAt: null,
    carrier: "FEDEX",
    ...over,
  };
}

/** A minimal consistent snapshot: two locations, one supplier, one item, fresh ERP feed. */
export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    asOf: AS_OF,
    locations: [
      { id: "L1", code: "DC-ATL", name: "Atlanta DC", kind: "DC" },
      { id: "L2", code: "DC-DAL", name: "Dallas DC", kind: "DC" },
    ],
    suppliers: [supplier()],
    items: [item()],
    balances: [balance()],
    poLines: [],
    asnLines: [],
    soLines: [],
    receiptLines: [],
    transferLines: [],
    lots: [],
    cycleCounts: [],
    holds: [],
    dataSources: [{ code: "ERP", name: "ERP", slaMinutes: 240, lastSuccessAt: AS_OF }],
    ...over,
  };
}
