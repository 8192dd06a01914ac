/**
 * Shapes shared by the demo generator modules: the output (DemoData), the streamed batches,
 * and small date/number helpers. Rows are Prisma createMany inputs with ids assigned here.
 */
import type { Prisma } from "@/lib/server/generated/prisma/client";

export type DemoScale = "demo" | "bench";

export interface DemoOptions {
  seed?: number;
  asOf: Date;
  scale?: DemoScale;
}

/** Row types per table, in FK-safe insert order. */
export interface DemoRows {
  locations: Prisma.LocationCreateManyInput;
  dataSources: Prisma.DataSourceCreateManyInput;
  suppliers: Prisma.SupplierCreateManyInput;
  customers: Prisma.CustomerCreateManyInput;
  items: Prisma.ItemCreateManyInput;
  balances: Prisma.InventoryBalanceCreateManyInput;
  lotBalances: Prisma.LotBalanceCreateManyInput;
  purchaseOrders: Prisma.PurchaseOrderCreateManyInput;
  purchaseOrderLines: Prisma.PurchaseOrderLineCreateManyInput;
  asns: Prisma.AsnCreateManyInput;
  asnLines: Prisma.AsnLineCreateManyInput;
  receipts: Prisma.ReceiptCreateManyInput;
  receiptLines: Prisma.ReceiptLineCreateManyInput;
  salesOrders: Prisma.SalesOrderCreateManyInput;
  salesOrderLines: Prisma.SalesOrderLineCreateManyInput;
  transferOrders: Prisma.TransferOrderCreateManyInput;
  transferOrderLines: Prisma.TransferOrderLineCreateManyInput;
  cycleCounts: Prisma.CycleCountCreateManyInput;
  holds: Prisma.HoldCreateManyInput;
}

export type DemoTable = keyof DemoRows;

/** Insert order: every table comes after the tables it references. */
export const TABLE_ORDER: DemoTable[] = [
  "locations",
  "dataSources",
  "suppliers",
  "customers",
  "items",
  "balances",
  "lotBalances",
  "purchaseOrders",
  "purchaseOrderLines",
  "asns",
  "asnLines",
  "receipts",
  "receiptLines",
  "salesOrders",
  "salesOrderLines",
  "transferOrders",
  "transferOrderLines",
  "cycleCounts",
  "holds",
];

export type DemoTables = { [K in DemoTable]: DemoRows[K][] };

/** One streamed batch of rows for one table. */
export type DemoBatch = { [K in DemoTable]: { table: K; rows: DemoRows[K][] } }[DemoTable];

/** A deliberately planted exception, for tests and for the demo script's narrative. */
export interface PlantedPattern {
  type: string;
  siteCode: string;
  locationId: string;
  itemId: string | null;
  /** Ids of the documents that carry the pattern (PO line, ASN, transfer, count, hold, SO lines…). */
  refs: Record<string, string | string[]>;
  note: string;
}

export interface DemoData extends DemoTables {
  seed: number;
  asOf: Date;
  scale: DemoScale;
  planted: PlantedPattern[];
}

export function emptyTables(): DemoTables {
  const t = {} as Record<DemoTable, unknown[]>;
  for (const k of TABLE_ORDER) t[k] = [];
  return t as DemoTables;
}

const DAY_MS = 86_400_000;

/** asOf shifted by a (possibly fractional, possibly negative) number of days. */
export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + Math.round(days * DAY_MS));
}

/** asOf shifted by minutes. */
export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + Math.round(minutes * 60_000));
}

/** Money rounded to cents. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Zero-padded number for ids and document numbers. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
