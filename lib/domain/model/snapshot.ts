/**
 * The canonical, framework-free view of the supply network that detection runs over.
 * Built from the database by lib/server/pipeline/load-snapshot.ts; built by hand in unit tests.
 * Quantities are in the item's stock unit (adapters convert); money is in USD; dates are Date objects.
 */

export type LocationKind = "DC" | "HUB" | "STORE";
export type CustomerTier = "STRATEGIC" | "KEY" | "STANDARD";
export type AbcClass = "A" | "B" | "C";

export interface SnapshotLocation {
  id: string;
  code: string;
  name: string;
  kind: LocationKind;
}

export interface SnapshotSupplier {
  id: string;
  code: string;
  name: string;
  leadTimeDays: number;
  /** Share of historical lines received on/before promise (0..1). */
  onTimeRate: number;
  /** Median days late historically; added to promised dates to get an adjusted ETA. */
  medianLatenessDays: number;
}

export interface SnapshotItem {
  id: string;
  sku: string;
  name: string;
  unitCost: number;
  unitPrice: number;
  abcClass: AbcClass;
  /** null = missing master data. */
  leadTimeDays: number | null;
  primarySupplierId: string | null;
  /** Shelf life in days for lot-controlled items; null = not perishable. */
  shelfLifeDays: number | null;
  /** Product family / category (e.g. "MAINT-FILTERS"); demand spikes across one family at a site form one case. Optional. */
  family?: string | null;
}

export interface SnapshotBalance {
  itemId: string;
  locationId: string;
  onHand: number;
  allocated: number;
  qualityHold: number;
  inTransit: number;
  safetyStock: number;
  maxStock: number | null;
  avgDailyDemand: number;
  demandStdDev: number;
  sourceSystem: string;
  sourceUpdatedAt: Date;
  /** Last day stock was issued to demand; null = never (or unknown). */
  lastIssueAt: Date | null;
}

/** Lot-level stock (lot-controlled items only). */
export interface SnapshotLot {
  itemId: string;
  locationId: string;
  lot: string;
  qty: number;
  expiresAt: Date | null;
}

export interface SnapshotPoLine {
  id: string;
  purchaseOrderId: string;
  poNumber: string;
  lineNo: number;
  supplierId: string;
  locationId: string;
  itemId: string;
  qtyOrdered: number;
  qtyReceived: number;
  unitCost: number;
  orderedAt: Date;
  acknowledgedAt: Date | null;
  ackStatus: "NONE" | "ACCEPTED" | "CHANGED" | "REJECTED";
  promisedDate: Date;
  originalPromisedDate: Date;
  sourceSystem: string;
}

export interface SnapshotAsnLine {
  asnId: string;
  asnNumber: string;
  purchaseOrderLineId: string;
  itemId: string;
  locationId: string;
  supplierId: string;
  qtyShipped: number;
  shippedAt: Date;
  eta: Date;
  status: "IN_TRANSIT" | "RECEIVED";
  carrier: string | null;
}

/** Receipt lines of the last 30 days (what the dock counted), for receipt-variance checks. */
export interface SnapshotReceiptLine {
  receiptId: string;
  receiptNumber: string;
  asnId: string | null;
  asnNumber: string | null;
  purchaseOrderLineId: string | null;
  supplierId: string | null;
  itemId: string;
  locationId: string;
  qtyReceived: number;
  receivedAt: Date;
}

export interface SnapshotSoLine {
  id: string;
  salesOrderId: string;
  soNumber: string;
  lineNo: number;
  customerId: string;
  customerTier: CustomerTier;
  customerCreditHold: boolean;
  locationId: string;
  itemId: string;
  qtyOrdered: number;
  qtyShipped: number;
  qtyAllocated: number;
  unitPrice: number;
  promisedShipDate: Date;
  priority: number;
}

export interface SnapshotTransferLine {
  id: string;
  transferOrderId: string;
  transferNumber: string;
  fromLocationId: string;
  toLocationId: string;
  itemId: string;
  qtyShipped: number;
  qtyReceived: number;
  shippedAt: Date | null;
  expectedAt: Date;
  receivedAt: Date | null;
  carrier: string | null;
}

export interface SnapshotCycleCount {
  id: string;
  itemId: string;
  locationId: string;
  countedAt: Date;
  systemQty: number;
  countedQty: number;
}

export interface SnapshotHold {
  id: string;
  kind: "QUALITY" | "CREDIT";
  itemId: string;
  locationId: string;
  qty: number;
  lot: string | null;
  reason: string;
  placedAt: Date;
}

export interface SnapshotDataSource {
  code: string;
  name: string;
  slaMinutes: number;
  lastSuccessAt: Date | null;
  /** Its pulls have been failing in a row (DataSource.unhealthySince set): its data counts as stale before the SLA lapses. */
  unhealthy?: boolean;
}

export interface Snapshot {
  /** "Now" for detection; injected so runs are reproducible. */
  asOf: Date;
  locations: SnapshotLocation[];
  suppliers: SnapshotSupplier[];
  items: SnapshotItem[];
  balances: SnapshotBalance[];
  /** Open PO lines only (qtyOrdered > qtyReceived, order not closed/cancelled). */
  poLines: SnapshotPoLine[];
  /** ASN lines of open PO lines (in transit or received). */
  asnLines: SnapshotAsnLine[];
  /** Open sales order lines only (qtyOrdered > qtyShipped). */
  soLines: SnapshotSoLine[];
  /** Receipt lines of the last 30 days. */
  receiptLines: SnapshotReceiptLine[];
  /** Transfers shipped but not fully received, plus those received in the last 30 days (receipt variance). */
  transferLines: SnapshotTransferLine[];
  /** Lot-level stock with quantity > 0. */
  lots: SnapshotLot[];
  /** Recent counts (last 30 days). */
  cycleCounts: SnapshotCycleCount[];
  /** Active (unreleased) holds. */
  holds: SnapshotHold[];
  dataSources: SnapshotDataSource[];
}
