/** Bin list page → inventory balances: on hand = actual_qty, allocated = reserved_qty (+ reserved for production). */
import { ResultBuilder } from "@/lib/adapters/odoo/result-builder";
import type { ErpnextConfig } from "./config";
import { num, parseFrappeDatetime, text } from "./values";
import { own } from "@/lib/utils/own";

export function transformBins(rows: Record<string, unknown>[], config: ErpnextConfig, out: ResultBuilder): void {
  for (const row of rows) {
    const position = `Bin ${String(row.name)} (${String(row.item_code)} @ ${String(row.warehouse)})`;
    const fail = (field: string, message: string) => out.issue("inventoryBalance", position, field, message, row);
    const sku = text(row.item_code);
    const warehouse = text(row.warehouse);
    const locationCode = warehouse ? own(config.warehouseMap, warehouse) : undefined;
    const onHand = num(row.actual_qty);
    const reserved = num(row.reserved_qty ?? 0);
    const forProduction = num(row.reserved_qty_for_production ?? 0) ?? 0;
    const modified = parseFrappeDatetime(row.modified, config.utcOffset);
    if (!sku) fail("item_code", "bin has no item_code");
    else if (!locationCode) fail("warehouse", `warehouse "${String(row.warehouse)}" is not in warehouseMap`);
    else if (onHand === null) fail("actual_qty", `actual_qty must be a number, got ${JSON.stringify(row.actual_qty)}`);
    else if (reserved === null) fail("reserved_qty", `reserved_qty must be a number, got ${JSON.stringify(row.reserved_qty)}`);
    else if (!modified) fail("modified", `unreadable modified ${JSON.stringify(row.modified)}`);
    else {
      out.record({
        entity: "inventoryBalance",
        version: modified.getTime(),
        externalId: `Bin ${String(row.name)}`,
        origin: { position },
        data: { sku, locationCode, lot: null, onHand, allocated: Math.max(0, reserved + forProduction), asOf: modified.toISOString() },
      });
    }
  }
}
