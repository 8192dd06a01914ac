/**
 * Reads the canonical tables into the pure Snapshot the detection engine consumes, with flat SQL
 * (one query per snapshot array, rows as arrays) instead of nested ORM includes: at bench scale
 * (100k item-locations, 1M open SO lines) this is the difference between seconds and minutes.
 *
 * Two shapes: the whole network, or a slice (incremental detection and the case page): every
 * document of some items at every site, plus all in-flight and recent transfers.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import type {
  AbcClass,
  CustomerTier,
  LocationKind,
  Snapshot,
  SnapshotAsnLine,
  SnapshotBalance,
  SnapshotCycleCount,
  SnapshotHold,
  SnapshotLot,
  SnapshotPoLine,
  SnapshotReceiptLine,
  SnapshotSoLine,
  SnapshotTransferLine,
} from "@/lib/domain/model/snapshot";
import { queryRows } from "@/lib/server/pipeline/sql-pool";

const DAY = 86_400_000;

/** Optional narrowing to one item-location (the case page's evidence) instead of the whole network. */
export type SnapshotScope = { itemId: string; locationId: string };

/** Item-location pairs [itemId, locationId] a slice is made of. */
export type ItemLocationPair = readonly [itemId: string, locationId: string];

// Timestamps leave PostgreSQL as epoch milliseconds: no timezone guessing (Prisma stores UTC in
// `timestamp without time zone`) and far cheaper to parse than date strings. The columns are
// timestamp(3), so rounding the float8 date_part is exact, and it skips extract()'s numeric math.
const ms = (column: string) => `round(date_part('epoch', ${column}) * 1000)`;
const date = (v: unknown): Date => new Date(v as number);
const dateOrNull = (v: unknown): Date | null => (v == null ? null : new Date(v as number));

/** $1 is always the 30-day cutoff (epoch ms). */
const CUTOFF = `to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC'`;

/** SQL fragments that restrict each query to a slice; `TRUE` for the whole network. */
interface Filter {
  /** Condition restricting an item column to the slice's items (all sites). */
  item: (itemCol: string) => string;
  /**
   * ASN lines: of open POs, or behind a receipt of the last 30 days. A slice reaches them through
   * its items' PO lines (indexed) instead of scanning every ASN line.
   */
  asnLines: string;
  /** Open sales orders to read (their lines are filtered by item). */
  orders: string;
  /** Transfers are few and lanes are judged over all of them, so a slice still loads them all. */
  transfers: string;
}

const NETWORK: Filter = {
  item: () => "TRUE",
  asnLines: `(p.status = 'OPEN' OR a.id IN (SELECT r."asnId" FROM "Receipt" r WHERE r."receivedAt" >= ${CUTOFF}))`,
  orders: "TRUE",
  transfers: "TRUE",
};
// $1 is always the 30-day cutoff (epoch ms); a slice adds $2 = item ids.
const SLICE: Filter = {
  item: (itemCol) => `${itemCol} = ANY($2::text[])`,
  asnLines: `al."itemId" = ANY($2::text[])
    AND al."purchaseOrderLineId" IN (SELECT pl.id FROM "PurchaseOrderLine" pl WHERE pl."itemId" = ANY($2::text[]))
    AND (p.status = 'OPEN' OR EXISTS (SELECT 1 FROM "Receipt" r WHERE r."asnId" = a.id AND r."receivedAt" >= ${CUTOFF}))`,
  orders: `s.id IN (SELECT l."salesOrderId" FROM "SalesOrderLine" l WHERE l."itemId" = ANY($2::text[]))`,
  transfers: "$2::text[] IS NOT NULL",
};

function queries(f: Filter) {
  const cutoff = CUTOFF;
  return {
    items: `SELECT id, sku, name, "unitCost"::float8, "unitPrice"::float8, "abcClass", "leadTimeDays", "primarySupplierId", "shelfLifeDays", family
      FROM "Item" WHERE ${f.item("id")} AND $1::float8 IS NOT NULL ORDER BY sku`,
    balances: `SELECT "itemId", "locationId", "onHand", allocated, "qualityHold", "inTransit", "safetyStock", "maxStock", "avgDailyDemand",
        "demandStdDev", "sourceSystem", ${ms(`"sourceUpdatedAt"`)}, ${ms(`"lastIssueAt"`)}
      FROM "InventoryBalance" WHERE ${f.item(`"itemId"`)} AND $1::float8 IS NOT NULL`,
    poLines: `SELECT l.id, l."purchaseOrderId", p.number, l."lineNo", p."supplierId", p."locationId", l."itemId", l."qtyOrdered",
        l."qtyReceived", l."unitCost"::float8, ${ms(`p."orderedAt"`)}, ${ms(`p."acknowledgedAt"`)}, p."ackStatus"::text,
        ${ms(`l."promisedDate"`)}, ${ms(`l."originalPromisedDate"`)}, p."sourceSystem"
      FROM "PurchaseOrderLine" l JOIN "PurchaseOrder" p ON p.id = l."purchaseOrderId"
      WHERE ${f.item(`l."itemId"`)} AND p.status = 'OPEN' AND l."qtyOrdered" > l."qtyReceived" AND $1::float8 IS NOT NULL`,
    // ASN lines of open POs, plus those behind a recent receipt (receipt-vs-ASN variance).
    asnLines: `SELECT a.id, a.number, al."purchaseOrderLineId", al."itemId", a."locationId", a."supplierId", al."qtyShipped",
        ${ms(`a."shippedAt"`)}, ${ms(`a.eta`)}, a.status::text, a.carrier
      FROM "AsnLine" al JOIN "Asn" a ON a.id = al."asnId" JOIN "PurchaseOrder" p ON p.id = a."purchaseOrderId"
      WHERE ${f.asnLines} AND $1::float8 IS NOT NULL`,
    // Order-level fields come once per order (shared by its lines), not once per line: a million
    // lines then carry 3 strings each instead of 7, and the server skips the customer join per line.
    salesOrders: `SELECT s.id, s.number, s."customerId", s."locationId", c.tier::text, c."creditHold"
      FROM "SalesOrder" s JOIN "Customer" c ON c.id = s."customerId"
      WHERE s.status = 'OPEN' AND ${f.orders} AND $1::float8 IS NOT NULL`,
    soLines: `SELECT l.id, l."salesOrderId", l."lineNo", l."itemId", l."qtyOrdered", l."qtyShipped", l."qtyAllocated", l."unitPrice"::float8,
        ${ms(`l."promisedShipDate"`)}, l.priority, l."locationId"
      FROM "SalesOrderLine" l JOIN "SalesOrder" s ON s.id = l."salesOrderId"
      WHERE ${f.item(`l."itemId"`)} AND s.status = 'OPEN' AND l."qtyOrdered" > l."qtyShipped" AND $1::float8 IS NOT NULL`,
    receiptLines: `SELECT r.id, r.number, r."asnId", a.number, rl."purchaseOrderLineId", coalesce(a."supplierId", p."supplierId"),
        rl."itemId", r."locationId", rl."qtyReceived", ${ms(`r."receivedAt"`)}
      FROM "ReceiptLine" rl JOIN "Receipt" r ON r.id = rl."receiptId" LEFT JOIN "Asn" a ON a.id = r."asnId"
        LEFT JOIN "PurchaseOrder" p ON p.id = r."purchaseOrderId" 
      WHERE ${f.item(`rl."itemId"`)} AND r."receivedAt" >= ${cutoff}`,
    // In flight (shipped, not fully received, still open) or received in the last 30 days.
    transferLines: `SELECT tl.id, t.id, t.number, t."fromLocationId", t."toLocationId", tl."itemId", tl."qtyShipped", tl."qtyReceived",
        ${ms(`t."shippedAt"`)}, ${ms(`t."expectedAt"`)}, ${ms(`t."receivedAt"`)}, t.carrier
      FROM "TransferOrderLine" tl JOIN "TransferOrder" t ON t.id = tl."transferOrderId"
      WHERE ${f.transfers} AND t."shippedAt" IS NOT NULL
        AND ((t.status = 'OPEN' AND tl."qtyShipped" > tl."qtyReceived") OR t."receivedAt" >= ${cutoff})`,
    lots: `SELECT lb."itemId", lb."locationId", lb.lot, lb.qty, ${ms(`lb."expiresAt"`)}
      FROM "LotBalance" lb WHERE ${f.item(`lb."itemId"`)} AND lb.qty > 0 AND $1::float8 IS NOT NULL`,
    cycleCounts: `SELECT cc.id, cc."itemId", cc."locationId", ${ms(`cc."countedAt"`)}, cc."systemQty", cc."countedQty"
      FROM "CycleCount" cc WHERE ${f.item(`cc."itemId"`)} AND cc."countedAt" >= ${cutoff}`,
    holds: `SELECT h.id, h.kind::text, h."itemId", h."locationId", h.qty, h.lot, h.reason, ${ms(`h."placedAt"`)}
      FROM "Hold" h WHERE ${f.item(`h."itemId"`)} AND h."releasedAt" IS NULL AND $1::float8 IS NOT NULL`,
  };
}

const MASTER = {
  locations: `SELECT id, code, name, kind::text FROM "Location" ORDER BY code`,
  suppliers: `SELECT id, code, name, "leadTimeDays", "onTimeRate", "medianLatenessDays" FROM "Supplier" ORDER BY code`,
  dataSources: `SELECT code, name, "slaMinutes", ${ms(`"lastSuccessAt"`)}, "unhealthySince" IS NOT NULL FROM "DataSource" ORDER BY code`,
};

/** The network loader's queries and parameters, for benchmarks that time a bare fetch of the same rows. */
export function networkQueries(asOf: Date): { name: string; text: string; values: unknown[] }[] {
  const values = [asOf.getTime() - 30 * DAY];
  return [
    ...Object.entries(MASTER).map(([name, text]) => ({ name, text, values: [] })),
    ...Object.entries(queries(NETWORK)).map(([name, text]) => ({ name, text, values })),
  ];
}

/** The slice loader's queries (for EXPLAIN checks). */
export function sliceQueries(asOf: Date, itemIds: string[]): { name: string; text: string; values: unknown[] }[] {
  const values = [asOf.getTime() - 30 * DAY, itemIds];
  return Object.entries(queries(SLICE)).map(([name, text]) => ({ name, text, values }));
}

/** Rows in a snapshot (all arrays), for throughput figures. */
export function snapshotRowCount(s: Snapshot): number {
  return Object.values(s).reduce((n: number, v) => n + (Array.isArray(v) ? v.length : 0), 0);
}

/** Read the whole network into a Snapshot (or one item-location's slice when `scope` is given). */
export async function loadSnapshot(db: PrismaClient, asOf: Date, scope?: SnapshotScope): Promise<Snapshot> {
  if (scope) return loadSnapshotSlice(db, asOf, [[scope.itemId, scope.locationId]]);
  return load(db, asOf, NETWORK, []);
}

/**
 * Read a slice into a Snapshot: everything about the items of the given item-locations at every
 * site (their other sites' balances and orders make transfer recommendations and surplus checks
 * agree with a full run), plus all transfers (carrier lanes are judged network-wide).
 */
export async function loadSnapshotSlice(db: PrismaClient, asOf: Date, pairs: readonly ItemLocationPair[]): Promise<Snapshot> {
  return load(db, asOf, SLICE, [[...new Set(pairs.map((p) => p[0]))]]);
}

async function load(db: PrismaClient, asOf: Date, filter: Filter, keyParams: unknown[]): Promise<Snapshot> {
  const q = queries(filter);
  const params = [asOf.getTime() - 30 * DAY, ...keyParams];
  const run = (sql: string) => queryRows(db, sql, params);
  // Largest first: the pool runs six at a time and the SO lines dominate.
  const [soLines, salesOrders, poLines, balances, asnLines, receiptLines, items, locations, suppliers, dataSources, transferLines, lots, cycleCounts, holds] =
    await Promise.all([
      run(q.soLines),
      run(q.salesOrders),
      run(q.poLines),
      run(q.balances),
      run(q.asnLines),
      run(q.receiptLines),
      run(q.items),
      queryRows(db, MASTER.locations),
      queryRows(db, MASTER.suppliers),
      queryRows(db, MASTER.dataSources),
      run(q.transferLines),
      run(q.lots),
      run(q.cycleCounts),
      run(q.holds),
    ]);

  const itemIds = new Map(items.map((r) => [r[0] as string, r[0] as string]));
  return {
    asOf,
    locations: locations.map((r) => ({ id: r[0] as string, code: r[1] as string, name: r[2] as string, kind: r[3] as LocationKind })),
    suppliers: suppliers.map((r) => ({
      id: r[0] as string,
      code: r[1] as string,
      name: r[2] as string,
      leadTimeDays: r[3] as number,
      onTimeRate: r[4] as number,
      medianLatenessDays: r[5] as number,
    })),
    items: items.map((r) => ({
      id: r[0] as string,
      sku: r[1] as string,
      name: r[2] as string,
      unitCost: r[3] as number,
      unitPrice: r[4] as number,
      abcClass: ((r[5] as string).trim() || "C") as AbcClass,
      leadTimeDays: r[6] as number | null,
      primarySupplierId: r[7] as string | null,
      shelfLifeDays: r[8] as number | null,
      family: r[9] as string | null,
    })),
    balances: balances.map(
      (r): SnapshotBalance => ({
        itemId: r[0] as string,
        locationId: r[1] as string,
        onHand: r[2] as number,
        allocated: r[3] as number,
        qualityHold: r[4] as number,
        inTransit: r[5] as number,
        safetyStock: r[6] as number,
        maxStock: r[7] as number | null,
        avgDailyDemand: r[8] as number,
        demandStdDev: r[9] as number,
        sourceSystem: r[10] as string,
        sourceUpdatedAt: date(r[11]),
        lastIssueAt: dateOrNull(r[12]),
      }),
    ),
    poLines: poLines.map(
      (r): SnapshotPoLine => ({
        id: r[0] as string,
        purchaseOrderId: r[1] as string,
        poNumber: r[2] as string,
        lineNo: r[3] as number,
        supplierId: r[4] as string,
        locationId: r[5] as string,
        itemId: r[6] as string,
        qtyOrdered: r[7] as number,
        qtyReceived: r[8] as number,
        unitCost: r[9] as number,
        orderedAt: date(r[10]),
        acknowledgedAt: dateOrNull(r[11]),
        ackStatus: r[12] as SnapshotPoLine["ackStatus"],
        promisedDate: date(r[13]),
        originalPromisedDate: date(r[14]),
        sourceSystem: r[15] as string,
      }),
    ),
    asnLines: asnLines.map(
      (r): SnapshotAsnLine => ({
        asnId: r[0] as string,
        asnNumber: r[1] as string,
        purchaseOrderLineId: r[2] as string,
        itemId: r[3] as string,
        locationId: r[4] as string,
        supplierId: r[5] as string,
        qtyShipped: r[6] as number,
        shippedAt: date(r[7]),
        eta: date(r[8]),
        status: r[9] as SnapshotAsnLine["status"],
        carrier: r[10] as string | null,
      }),
    ),
    soLines: buildSoLines(soLines, salesOrders, itemIds),
    receiptLines: receiptLines.map(
      (r): SnapshotReceiptLine => ({
        receiptId: r[0] as string,
        receiptNumber: r[1] as string,
        asnId: r[2] as string | null,
        asnNumber: r[3] as string | null,
        purchaseOrderLineId: r[4] as string | null,
        supplierId: r[5] as string | null,
        itemId: r[6] as string,
        locationId: r[7] as string,
        qtyReceived: r[8] as number,
        receivedAt: date(r[9]),
      }),
    ),
    transferLines: transferLines.map(
      (r): SnapshotTransferLine => ({
        id: r[0] as string,
        transferOrderId: r[1] as string,
        transferNumber: r[2] as string,
        fromLocationId: r[3] as string,
        toLocationId: r[4] as string,
        itemId: r[5] as string,
        qtyShipped: r[6] as number,
        qtyReceived: r[7] as number,
        shippedAt: dateOrNull(r[8]),
        expectedAt: date(r[9]),
        receivedAt: dateOrNull(r[10]),
        carrier: r[11] as string | null,
      }),
    ),
    lots: lots.map((r): SnapshotLot => ({ itemId: r[0] as string, locationId: r[1] as string, lot: r[2] as string, qty: r[3] as number, expiresAt: dateOrNull(r[4]) })),
    cycleCounts: cycleCounts.map(
      (r): SnapshotCycleCount => ({
        id: r[0] as string,
        itemId: r[1] as string,
        locationId: r[2] as string,
        countedAt: date(r[3]),
        systemQty: r[4] as number,
        countedQty: r[5] as number,
      }),
    ),
    holds: holds.map(
      (r): SnapshotHold => ({
        id: r[0] as string,
        kind: r[1] as SnapshotHold["kind"],
        itemId: r[2] as string,
        locationId: r[3] as string,
        qty: r[4] as number,
        lot: r[5] as string | null,
        reason: r[6] as string,
        placedAt: date(r[7]),
      }),
    ),
    dataSources: dataSources.map((r) => ({ code: r[0] as string, name: r[1] as string, slaMinutes: r[2] as number, lastSuccessAt: dateOrNull(r[3]), unhealthy: r[4] === true })),
  };
}

/**
 * SO lines from their narrow rows and their orders' rows. Lines share their order's strings and the
 * item's id string (one copy in memory instead of one per line); a line whose order is not among
 * the open orders read (it closed between the two queries) is dropped, as the join would have.
 */
function buildSoLines(lines: unknown[][], orders: unknown[][], itemIds: ReadonlyMap<string, string>): SnapshotSoLine[] {
  const byId = new Map<string, unknown[]>();
  for (const o of orders) byId.set(o[0] as string, o);
  const out: SnapshotSoLine[] = [];
  for (const r of lines) {
    const o = byId.get(r[1] as string);
    if (!o) continue;
    out.push({
      id: r[0] as string,
      salesOrderId: o[0] as string,
      soNumber: o[1] as string,
      lineNo: r[2] as number,
      customerId: o[2] as string,
      customerTier: o[4] as CustomerTier,
      customerCreditHold: o[5] as boolean,
      // A line of an order split across DCs ships from its own location; otherwise from the order's.
      locationId: (r[10] as string | null) ?? (o[3] as string),
      itemId: itemIds.get(r[3] as string) ?? (r[3] as string),
      qtyOrdered: r[4] as number,
      qtyShipped: r[5] as number,
      qtyAllocated: r[6] as number,
      unitPrice: r[7] as number,
      promisedShipDate: new Date(r[8] as number),
      priority: r[9] as number,
    });
  }
  return out;
}
