/**
 * stock.move page (done moves of receipts and deliveries) → receipts and last-issue dates.
 * A receipt move with a purchase line becomes one receipt record per move, numbered "<picking>/<move id>": a
 * picking's moves can fall on different pages, and a per-move receipt is complete on every page it appears in.
 * A delivery move gives the latest issue date of its product at its (mapped) source location.
 */
import type { OdooConfig } from "./config";
import { ResultBuilder } from "./result-builder";
import { describeRef, many2one, mapLocation, numberOrNull, parseOdooDatetime, skuFromProduct, stringOrNull } from "./values";
import { own } from "@/lib/utils/own";

export function transformMoves(rows: Record<string, unknown>[], config: OdooConfig, out: ResultBuilder): void {
  const lastIssues = new Map<string, { sku: string; locationCode: string; issuedAt: Date; version: number; moveId: number }>();
  for (const row of rows) {
    if (row.state !== "done") continue;
    const code = row.picking_code;
    const purchaseLine = many2one(row.purchase_line_id);
    const isReceipt = code === "incoming" && purchaseLine !== null;
    if (!isReceipt && code !== "outgoing") continue;
    const entity = isReceipt ? "receipt" : "lastIssue";
    const position = `stock.move id ${String(row.id)}`;
    const fail = (field: string, message: string) => out.issue(entity, position, field, message, row);

    const product = many2one(row.product_id);
    const sku = product ? skuFromProduct(product) : null;
    const location = many2one(isReceipt ? row.location_dest_id : row.location_id);
    const locationField = isReceipt ? "location_dest_id" : "location_id";
    const locationCode = location ? mapLocation(location, config.locationMap) : null;
    const date = parseOdooDatetime(row.date);
    const writeDate = parseOdooDatetime(row.write_date);
    if (!product || !sku) fail("product_id", product ? `product ${describeRef(product)} has no internal reference (default_code) to use as SKU` : "move has no product");
    else if (!location || !locationCode) fail(locationField, location ? `location ${describeRef(location)} is not in locationMap` : "move has no location");
    else if (!date) fail("date", `date must be "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(row.date)}`);
    else if (!writeDate) fail("write_date", `unreadable write_date ${JSON.stringify(row.write_date)}`);
    else if (isReceipt) {
      const uom = many2one(row.uom_id);
      const factor = uom ? own(config.uomFactors, uom[1]) : undefined;
      const quantity = numberOrNull(row.quantity);
      if (!uom || factor === undefined) fail("uom_id", `unknown unit of measure ${uom ? `"${uom[1]}"` : "(none)"}: add it to uomFactors`);
      else if (quantity === null || quantity < 0) fail("quantity", `quantity must be a non-negative number, got ${JSON.stringify(row.quantity)}`);
      else {
        const picking = many2one(row.picking_id)?.[1] ?? "stock.move";
        out.record({
          entity: "receipt",
          version: writeDate.getTime(),
          externalId: `stock.move ${String(row.id)}`,
          origin: { position },
          data: {
            number: `${picking}/${String(row.id)}`,
            locationCode,
            poNumber: stringOrNull(row.origin),
            receivedAt: date.toISOString(),
            lines: [{ poLineNo: purchaseLine![0], sku, qtyReceived: quantity * factor }],
          },
        });
      }
    } else {
      const key = JSON.stringify([sku, locationCode]);
      const seen = lastIssues.get(key);
      if (!seen || date > seen.issuedAt) lastIssues.set(key, { sku, locationCode, issuedAt: date, version: writeDate.getTime(), moveId: Number(row.id) });
    }
  }
  for (const issue of lastIssues.values()) {
    out.record({
      entity: "lastIssue",
      version: issue.version,
      externalId: `stock.move ${issue.moveId}`,
      origin: { position: `stock.move id ${issue.moveId}` },
      data: { sku: issue.sku, locationCode: issue.locationCode, issuedAt: issue.issuedAt.toISOString() },
    });
  }
}
