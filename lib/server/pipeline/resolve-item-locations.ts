/**
 * Turns "what changed" (item-locations, or sales/purchase/transfer orders) into the item-location
 * pairs incremental detection must re-evaluate: an order touches every item of its lines at its
 * location (a transfer: at both ends, since it is supply at one and a movement out of the other).
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import type { ItemLocationPair } from "@/lib/server/pipeline/load-snapshot";
import { queryRows } from "@/lib/server/pipeline/sql-pool";

export interface ChangeKeys {
  itemLocations?: ItemLocationPair[];
  salesOrderIds?: string[];
  purchaseOrderIds?: string[];
  transferOrderIds?: string[];
}

/** Distinct [itemId, locationId] pairs behind the change keys, sorted for stable runs. */
export async function resolveItemLocations(db: PrismaClient, keys: ChangeKeys): Promise<ItemLocationPair[]> {
  const pairs = new Map<string, ItemLocationPair>();
  const add = (itemId: string, locationId: string) => pairs.set(`${itemId}\u0000${locationId}`, [itemId, locationId]);
  for (const [i, l] of keys.itemLocations ?? []) add(i, l);
  const so = keys.salesOrderIds ?? [];
  const po = keys.purchaseOrderIds ?? [];
  const to = keys.transferOrderIds ?? [];
  if (so.length + po.length + to.length > 0) {
    const rows = await queryRows(
      db,
      `SELECT l."itemId", coalesce(l."locationId", s."locationId") FROM "SalesOrderLine" l JOIN "SalesOrder" s ON s.id = l."salesOrderId" WHERE l."salesOrderId" = ANY($1::text[])
       UNION SELECT l."itemId", p."locationId" FROM "PurchaseOrderLine" l JOIN "PurchaseOrder" p ON p.id = l."purchaseOrderId" WHERE l."purchaseOrderId" = ANY($2::text[])
       UNION SELECT l."itemId", t."toLocationId" FROM "TransferOrderLine" l JOIN "TransferOrder" t ON t.id = l."transferOrderId" WHERE l."transferOrderId" = ANY($3::text[])
       UNION SELECT l."itemId", t."fromLocationId" FROM "TransferOrderLine" l JOIN "TransferOrder" t ON t.id = l."transferOrderId" WHERE l."transferOrderId" = ANY($3::text[])`,
      [so, po, to],
    );
    for (const [i, l] of rows) add(i as string, l as string);
  }
  return [...pairs.values()].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

/**
 * Item-locations that share a case with the given ones through a credit-held order: the other lines
 * of open orders of credit-hold customers that have a line at one of them (an order-level case).
 */
export async function creditHoldSiblings(db: PrismaClient, pairs: readonly ItemLocationPair[]): Promise<ItemLocationPair[]> {
  if (pairs.length === 0) return [];
  const rows = await queryRows(
    db,
    `SELECT DISTINCT l2."itemId", coalesce(l2."locationId", s."locationId")
     FROM "SalesOrderLine" l JOIN "SalesOrder" s ON s.id = l."salesOrderId" JOIN "Customer" c ON c.id = s."customerId"
       JOIN "SalesOrderLine" l2 ON l2."salesOrderId" = s.id
     WHERE c."creditHold" AND s.status = 'OPEN' AND (l."itemId", coalesce(l."locationId", s."locationId")) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  return rows.map((r) => [r[0] as string, r[1] as string] as const);
}
