/**
 * The canonical model every adapter produces. Records name each other by business keys (SKU, location code,
 * PO number…), never by database ids, so any source can reference objects another source created.
 * Quantities are already in the item's stock unit: adapters convert units in their `transform`, nowhere else.
 * Dates are ISO-8601 strings or Date objects; money is USD.
 */
import { z } from "zod";
import { unstorableReason } from "@/lib/utils/storable-text";

/*
 * Every bound below is what the database columns can hold, so a hostile or broken value is refused here — one record,
 * quarantined with its field named — instead of failing the whole batch's transaction in PostgreSQL.
 */
const INT4_MAX = 2_147_483_647;
/** numeric(14,2) */
const MONEY_MAX = 999_999_999_999.99;

/** Text PostgreSQL can store (no U+0000, no lone surrogates): refused here with the reason, per record. */
const text = () =>
  z.string().check((ctx) => {
    const reason = unstorableReason(ctx.value);
    if (reason) ctx.issues.push({ code: "custom", message: reason, input: ctx.value });
  });
const code = text().trim().min(1).max(120);
/** Quantities are stored as 32-bit integers after rounding. */
const int4 = (n: number) => Math.abs(Math.round(n)) <= INT4_MAX;
const INT4_MESSAGE = "must be between -2,147,483,647 and 2,147,483,647";
const qty = z.number().finite().refine(int4, INT4_MESSAGE);
const nonNegativeQty = z.number().finite().min(0).refine(int4, INT4_MESSAGE);
const wholeNumber = z.number().int().min(0).max(INT4_MAX);
const money = z.number().finite().min(0).max(MONEY_MAX);

/** Years a timestamp column round-trips as ISO-8601 text. */
const MIN_DATE_MS = new Date("0001-01-01T00:00:00.000Z").getTime();
const MAX_DATE_MS = new Date("9999-12-31T23:59:59.999Z").getTime();
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** ISO-8601 text (an impossible day such as 2026-02-30 is refused, not rolled into March), epoch ms, or a Date. */
function readDate(value: string | number | Date): Date | string {
  const d = value instanceof Date ? value : new Date(typeof value === "string" ? value.trim() : value);
  if (Number.isNaN(d.getTime())) return `invalid date ${JSON.stringify(String(value).slice(0, 40))}`;
  const day = typeof value === "string" ? ISO_DAY.exec(value.trim()) : null;
  if (day) {
    const [y, m, dd] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const check = new Date(Date.UTC(2000, m - 1, dd));
    if (m < 1 || m > 12 || dd < 1 || check.getUTCMonth() !== m - 1 || (m === 2 && dd === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))) {
      return `invalid date ${JSON.stringify(String(value).slice(0, 40))}: no such day in the calendar`;
    }
  }
  if (d.getTime() < MIN_DATE_MS || d.getTime() > MAX_DATE_MS) return `date ${JSON.stringify(String(value).slice(0, 40))} is outside the years 0001–9999`;
  return d;
}

const date = z
  .union([z.string(), z.number(), z.date()], { error: (issue) => `expected a date (ISO-8601 text, epoch milliseconds or a Date), got ${issue.input === null ? "null" : typeof issue.input}` })
  .transform((value, ctx) => {
    const read = readDate(value);
    if (typeof read === "string") {
      ctx.addIssue({ code: "custom", message: read });
      return z.NEVER;
    }
    return read;
  });

export const itemRecord = z.object({
  sku: code,
  name: text().trim().min(1).max(300),
  /** Stock unit after conversion (EA, KG…). */
  uom: text().trim().min(1).max(10).default("EA"),
  unitCost: money,
  unitPrice: money,
  abcClass: z.enum(["A", "B", "C"]).default("C"),
  leadTimeDays: z.number().int().min(0).max(3650).nullable().default(null),
  primarySupplierCode: code.nullable().default(null),
  shelfLifeDays: z.number().int().min(1).max(INT4_MAX).nullable().default(null),
  /** Product family / category; omitted = keep what is stored (most sources do not send one). */
  family: text().trim().min(1).max(120).nullable().optional(),
});

export const locationRecord = z.object({
  code,
  name: text().trim().min(1).max(200),
  kind: z.enum(["DC", "HUB", "STORE"]).default("DC"),
  region: text().trim().max(100).default(""),
});

export const supplierRecord = z.object({
  code,
  name: text().trim().min(1).max(200),
  /** Omitted = keep what is stored (14 days for a new supplier): many sources do not know supplier lead times. */
  leadTimeDays: z.number().int().min(0).max(3650).optional(),
  onTimeRate: z.number().min(0).max(1).optional(),
  medianLatenessDays: z.number().min(0).max(36_500).optional(),
});

export const customerRecord = z.object({
  code,
  name: text().trim().min(1).max(200),
  tier: z.enum(["STRATEGIC", "KEY", "STANDARD"]).default("STANDARD"),
  creditHold: z.boolean().default(false),
  creditLimit: money.nullable().default(null),
});

/** On-hand position per item-location; `lot` set = a lot-level row (kept in LotBalance, rolled up to the item-location). */
export const inventoryBalanceRecord = z.object({
  sku: code,
  locationCode: code,
  lot: code.nullable().default(null),
  expiresAt: date.nullable().default(null),
  onHand: qty,
  allocated: nonNegativeQty.default(0),
  qualityHold: nonNegativeQty.default(0),
  inTransit: nonNegativeQty.default(0),
  safetyStock: nonNegativeQty.optional(),
  maxStock: nonNegativeQty.nullable().optional(),
  /** When the source says this position was true. */
  asOf: date,
});

const orderStatus = z.enum(["OPEN", "CLOSED", "CANCELLED"]).default("OPEN");

export const purchaseOrderLineRecord = z.object({
  lineNo: wholeNumber,
  sku: code,
  qtyOrdered: nonNegativeQty,
  qtyReceived: nonNegativeQty.default(0),
  unitCost: money,
  promisedDate: date,
  /** First promise; defaults to promisedDate on first sight and is never moved by later updates. */
  originalPromisedDate: date.optional(),
});

export const purchaseOrderRecord = z.object({
  number: code,
  supplierCode: code,
  locationCode: code,
  status: orderStatus,
  orderedAt: date,
  lines: z.array(purchaseOrderLineRecord).min(1),
});

export const ackStatus = z.enum(["ACCEPTED", "CHANGED", "REJECTED"]);

/** A PO header on its own (file imports where headers and lines come in separate files). */
export const purchaseOrderHeaderRecord = purchaseOrderRecord.omit({ lines: true });

/**
 * One PO line on its own row (CSV detail files). Header fields are optional: when present they create/update the
 * header; when absent the PO must already exist.
 */
export const purchaseOrderLineFlatRecord = purchaseOrderLineRecord.extend({
  poNumber: code,
  supplierCode: code.optional(),
  locationCode: code.optional(),
  orderedAt: date.optional(),
  status: z.enum(["OPEN", "CLOSED", "CANCELLED"]).optional(),
});

/** Supplier acknowledgement (EDI 855, ERP confirmation). Changed lines may move the promised date. */
export const supplierAcknowledgementRecord = z.object({
  externalKey: code,
  poNumber: code,
  status: ackStatus,
  acknowledgedAt: date,
  lines: z
    .array(
      z.object({
        lineNo: wholeNumber.nullable().default(null),
        sku: code.nullable().default(null),
        qty: nonNegativeQty.nullable().default(null),
        promisedDate: date.nullable().default(null),
        status: text().max(20).default("ACCEPTED"),
      }),
    )
    .default([]),
});

export const asnRecord = z.object({
  number: code,
  poNumber: code,
  shippedAt: date,
  eta: date,
  carrier: text().trim().max(100).nullable().default(null),
  status: z.enum(["IN_TRANSIT", "RECEIVED"]).default("IN_TRANSIT"),
  lines: z
    .array(
      z.object({
        /** PO line the shipment fills; when null it is matched by SKU on the PO. */
        poLineNo: wholeNumber.nullable().default(null),
        sku: code,
        qtyShipped: nonNegativeQty,
      }),
    )
    .min(1),
});

export const receiptRecord = z.object({
  number: code,
  locationCode: code,
  poNumber: code.nullable().default(null),
  asnNumber: code.nullable().default(null),
  receivedAt: date,
  lines: z
    .array(
      z.object({
        poLineNo: wholeNumber.nullable().default(null),
        sku: code,
        qtyReceived: nonNegativeQty,
      }),
    )
    .min(1),
});

export const salesOrderRecord = z.object({
  number: code,
  customerCode: code,
  locationCode: code,
  status: orderStatus,
  orderedAt: date,
  lines: z
    .array(
      z.object({
        lineNo: wholeNumber,
        sku: code,
        qtyOrdered: nonNegativeQty,
        qtyShipped: nonNegativeQty.default(0),
        qtyAllocated: nonNegativeQty.default(0),
        unitPrice: money,
        promisedShipDate: date,
        priority: z.number().int().min(1).max(9).default(3),
        /** Ship-from DC of this line when the order is split across DCs; omitted = the order's location. */
        locationCode: code.optional(),
      }),
    )
    .min(1),
});

/** One sales order line on its own row (CSV/demand files), carrying the header fields it needs. */
export const salesOrderLineFlatRecord = z.object({
  soNumber: code,
  customerCode: code,
  locationCode: code,
  orderedAt: date,
  status: orderStatus,
  lineNo: wholeNumber,
  sku: code,
  qtyOrdered: nonNegativeQty,
  qtyShipped: nonNegativeQty.default(0),
  qtyAllocated: nonNegativeQty.default(0),
  unitPrice: money,
  promisedShipDate: date,
  priority: z.number().int().min(1).max(9).default(3),
});

export const transferOrderRecord = z.object({
  number: code,
  fromLocationCode: code,
  toLocationCode: code,
  status: orderStatus,
  shippedAt: date.nullable().default(null),
  expectedAt: date,
  receivedAt: date.nullable().default(null),
  carrier: text().trim().max(100).nullable().default(null),
  lines: z
    .array(z.object({ sku: code, qtyShipped: nonNegativeQty, qtyReceived: nonNegativeQty.default(0) }))
    .min(1),
});

export const cycleCountRecord = z.object({
  externalKey: code,
  sku: code,
  locationCode: code,
  countedAt: date,
  systemQty: qty,
  countedQty: qty,
});

export const holdRecord = z.object({
  externalKey: code,
  kind: z.enum(["QUALITY", "CREDIT"]),
  sku: code,
  locationCode: code,
  qty: nonNegativeQty,
  lot: code.nullable().default(null),
  reason: text().trim().min(1).max(500),
  placedAt: date,
  releasedAt: date.nullable().default(null),
});

/**
 * The latest issue of an item from a location (sale, delivery, transfer out), from a movement log (Odoo stock.move,
 * ERPNext Stock Ledger Entry). The writer keeps the latest date in InventoryBalance.lastIssueAt.
 */
export const lastIssueRecord = z.object({
  sku: code,
  locationCode: code,
  issuedAt: date,
});

export const canonicalSchemas = {
  item: itemRecord,
  location: locationRecord,
  supplier: supplierRecord,
  customer: customerRecord,
  inventoryBalance: inventoryBalanceRecord,
  purchaseOrder: purchaseOrderRecord,
  purchaseOrderHeader: purchaseOrderHeaderRecord,
  purchaseOrderLine: purchaseOrderLineFlatRecord,
  supplierAcknowledgement: supplierAcknowledgementRecord,
  asn: asnRecord,
  receipt: receiptRecord,
  salesOrder: salesOrderRecord,
  salesOrderLine: salesOrderLineFlatRecord,
  transferOrder: transferOrderRecord,
  cycleCount: cycleCountRecord,
  hold: holdRecord,
  lastIssue: lastIssueRecord,
} as const;

export type CanonicalEntity = keyof typeof canonicalSchemas;
export const CANONICAL_ENTITIES = Object.keys(canonicalSchemas) as CanonicalEntity[];
export type CanonicalData<E extends CanonicalEntity> = z.output<(typeof canonicalSchemas)[E]>;

/** Write order: master data first, so references in the same batch resolve. */
export const ENTITY_WRITE_ORDER: CanonicalEntity[] = [
  "location",
  "supplier",
  "customer",
  "item",
  "inventoryBalance",
  "lastIssue",
  "purchaseOrderHeader",
  "purchaseOrder",
  "purchaseOrderLine",
  "supplierAcknowledgement",
  "asn",
  "receipt",
  "salesOrder",
  "salesOrderLine",
  "transferOrder",
  "cycleCount",
  "hold",
];

/** Where a record came from inside its payload, for quarantine messages. */
export interface RecordOrigin {
  /** "PurchaseOrderDetail.csv line 17", "ISA 000000905 / GS 1 / ST 0001 / segment 4 (BEG)", "stock.quant id 41". */
  position: string;
}

/** One canonical record as an adapter emits it, before validation. */
export interface CanonicalRecord<E extends CanonicalEntity = CanonicalEntity> {
  entity: E;
  /**
   * Monotonic version from the source (write_date, modified, ISA date-time, event sequence) as epoch ms or a counter.
   * An update with a lower version than the stored row is ignored (out-of-order delivery).
   */
  version: number;
  /** Id of the object in the source system (Odoo id, ERPNext name, EDI control number), kept for traceability. */
  externalId: string | null;
  data: unknown;
  origin: RecordOrigin;
}

/** A record the adapter could not turn into a canonical record (unreadable row, unknown UoM…). */
export interface RecordIssue {
  entity: CanonicalEntity | "unknown";
  position: string;
  field: string | null;
  message: string;
  /** The raw row/segment as read, kept so an admin can fix and replay it. */
  raw: unknown;
}

export interface TransformResult {
  records: CanonicalRecord[];
  issues: RecordIssue[];
}

export type ValidatedRecord =
  | { ok: true; entity: CanonicalEntity; data: CanonicalData<CanonicalEntity>; record: CanonicalRecord }
  | { ok: false; issue: RecordIssue };

/** zod-validates an adapter record; failures become per-record issues naming the field and what was expected. */
export function validateRecord(record: CanonicalRecord): ValidatedRecord {
  const refuse = (entity: CanonicalEntity | "unknown", field: string, message: string): ValidatedRecord => ({
    ok: false,
    issue: { entity, position: record.origin.position, field, message, raw: record.data },
  });
  if (!Object.hasOwn(canonicalSchemas, record.entity)) return refuse("unknown", "entity", `entity: unknown entity ${JSON.stringify(String(record.entity))}`);
  // Versions are stored as bigint and compared exactly: beyond 2^53 a JS number is no longer exact.
  if (!Number.isSafeInteger(record.version)) return refuse(record.entity, "version", `version: ${String(record.version)} is not a whole number between ±9,007,199,254,740,991`);
  const badId = record.externalId === null ? null : unstorableReason(record.externalId);
  if (badId) return refuse(record.entity, "externalId", `externalId: ${badId}`);
  const schema = canonicalSchemas[record.entity];
  const parsed = schema.safeParse(record.data);
  if (parsed.success) return { ok: true, entity: record.entity, data: parsed.data, record };
  const first = parsed.error.issues[0];
  const field = first?.path.length ? first.path.join(".") : null;
  return {
    ok: false,
    issue: {
      entity: record.entity,
      position: record.origin.position,
      field,
      message: parsed.error.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`).join("; "),
      raw: record.data,
    },
  };
}
