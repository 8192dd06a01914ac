/**
 * What an ingestion touched, as detection change keys (database ids). Small changes re-detect only the affected
 * item-locations and orders; a big import (or one touching master data broadly) asks for a full run instead.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import type { ChangeKeys } from "@/lib/server/pipeline/resolve-item-locations";
import type { ProcessResult } from "./process-payload";

const INCREMENTAL_LIMIT = 2_000;

export async function changeKeysFor(db: PrismaClient, touched: ProcessResult["touched"]): Promise<ChangeKeys | "full" | null> {
  const size = touched.skus.length + touched.poNumbers.length + touched.soNumbers.length + touched.transferNumbers.length;
  if (size === 0) return null;
  if (size > INCREMENTAL_LIMIT) return "full";
  const uniq = (a: string[]) => [...new Set(a)];
  const ids = async (table: string, column: string, keys: string[]) =>
    keys.length === 0
      ? []
      : (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${table}" WHERE "${column}" = ANY($1::text[])`, uniq(keys))).map((r) => r.id);
  const skus = uniq(touched.skus);
  const locations = uniq(touched.locationCodes);
  const pairs = skus.length
    ? await db.$queryRawUnsafe<{ itemId: string; locationId: string }[]>(
        `SELECT b."itemId", b."locationId" FROM "InventoryBalance" b JOIN "Item" i ON i.id = b."itemId" JOIN "Location" l ON l.id = b."locationId"
         WHERE i.sku = ANY($1::text[]) AND ($2::int = 0 OR l.code = ANY($3::text[]))`,
        skus, locations.length, locations,
      )
    : [];
  return {
    itemLocations: pairs.map((p) => [p.itemId, p.locationId] as [string, string]),
    purchaseOrderIds: await ids("PurchaseOrder", "number", touched.poNumbers),
    salesOrderIds: await ids("SalesOrder", "number", touched.soNumbers),
    transferOrderIds: await ids("TransferOrder", "number", touched.transferNumbers),
  };
}
