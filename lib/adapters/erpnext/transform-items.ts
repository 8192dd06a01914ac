/**
 * Item list page → items. SKU = item_code (what Bins, ledger entries and PO items name). Cost = valuation_rate,
 * price = standard_rate (Frappe stores an unset rate as 0: the cost stands in). lead_time_days 0 is "not set" → null.
 * Disabled and non-stock items are kept: a PO line naming an unknown item would hold back its whole order.
 * The primary supplier lives in the Item Supplier child table, which list queries do not return: left empty.
 */
import { ResultBuilder } from "@/lib/adapters/odoo/result-builder";
import type { ErpnextConfig } from "./config";
import { num, parseFrappeDatetime, text } from "./values";

/** ERPNext's standard UOM names → the workbench's short unit codes; other names are upper-cased. */
const UOM_CODES: Record<string, string> = { Nos: "EA", Unit: "EA", Box: "BOX", Kg: "KG", Gram: "G", Litre: "L", Meter: "M", Pair: "PR", Set: "SET", Hour: "HR" };

export function transformItems(rows: Record<string, unknown>[], config: ErpnextConfig, out: ResultBuilder): void {
  for (const row of rows) {
    const position = `Item ${String(row.name)}`;
    const fail = (field: string, message: string) => out.issue("item", position, field, message, row);
    const sku = text(row.item_code) ?? text(row.name);
    const stockUom = text(row.stock_uom);
    const uom = stockUom ? (UOM_CODES[stockUom] ?? stockUom.toUpperCase()) : null;
    const cost = row.valuation_rate === null || row.valuation_rate === undefined ? 0 : num(row.valuation_rate);
    const rate = row.standard_rate === null || row.standard_rate === undefined ? 0 : num(row.standard_rate);
    const leadTime = row.lead_time_days === null || row.lead_time_days === undefined ? 0 : num(row.lead_time_days);
    const modified = parseFrappeDatetime(row.modified, config.utcOffset);
    if (!sku) fail("item_code", "item has no item_code");
    else if (!uom) fail("stock_uom", "item has no stock_uom");
    else if (uom.length > 10) fail("stock_uom", `stock_uom "${stockUom}" is longer than 10 characters`);
    else if (cost === null || cost < 0) fail("valuation_rate", `valuation_rate must be a non-negative number, got ${JSON.stringify(row.valuation_rate)}`);
    else if (rate === null || rate < 0) fail("standard_rate", `standard_rate must be a non-negative number, got ${JSON.stringify(row.standard_rate)}`);
    else if (leadTime === null || leadTime < 0 || !Number.isInteger(leadTime)) fail("lead_time_days", `lead_time_days must be a whole number of days, got ${JSON.stringify(row.lead_time_days)}`);
    else if (!modified) fail("modified", `unreadable modified ${JSON.stringify(row.modified)}`);
    else {
      out.record({
        entity: "item",
        version: modified.getTime(),
        externalId: `Item ${String(row.name)}`,
        origin: { position },
        data: { sku, name: text(row.item_name) ?? sku, uom, unitCost: cost, unitPrice: rate > 0 ? rate : cost, leadTimeDays: leadTime > 0 ? leadTime : null },
      });
    }
  }
}
