/**
 * stock.warehouse page → locations. A warehouse becomes the location its stock location (lot_stock_id) maps to in
 * locationMap, named after the warehouse; other locationMap names inside the warehouse ("AW1/Stock/Cold room") become
 * locations of their own, named after the warehouse and the mapped place. Warehouses that map to nothing are not ours
 * to import and are skipped.
 */
import type { OdooConfig } from "./config";
import { ResultBuilder } from "./result-builder";
import { many2one, mapLocation, parseOdooDatetime, stringOrNull } from "./values";

export function transformWarehouses(rows: Record<string, unknown>[], config: OdooConfig, out: ResultBuilder): void {
  for (const row of rows) {
    const position = `stock.warehouse id ${String(row.id)}`;
    const fail = (field: string, message: string) => out.issue("location", position, field, message, row);
    const name = stringOrNull(row.name);
    const stock = many2one(row.lot_stock_id);
    const view = many2one(row.view_location_id)?.[1] ?? stringOrNull(row.code);
    const writeDate = parseOdooDatetime(row.write_date);
    const places = new Map<string, string>();
    const stockCode = stock ? mapLocation(stock, config.locationMap) : null;
    if (stockCode && name) places.set(stockCode, name);
    if (view && name) {
      for (const [key, code] of Object.entries(config.locationMap)) {
        if (!places.has(code) && (key === view || key.startsWith(`${view}/`))) places.set(code, `${name} (${key})`);
      }
    }
    if (!name) fail("name", "warehouse has no name");
    else if (!writeDate) fail("write_date", `unreadable write_date ${JSON.stringify(row.write_date)}`);
    else {
      for (const [code, placeName] of places) {
        out.record({ entity: "location", version: writeDate.getTime(), externalId: `stock.warehouse ${String(row.id)}`, origin: { position }, data: { code, name: placeName, kind: "DC" } });
      }
    }
  }
}
