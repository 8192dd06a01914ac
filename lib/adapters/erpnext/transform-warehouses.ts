/**
 * Warehouse list page → locations: each mapped warehouse is the location warehouseMap names it, called by its full
 * name ("Stores - AW": warehouse_name plus the company abbreviation, unique across companies).
 */
import { ResultBuilder } from "@/lib/adapters/odoo/result-builder";
import type { ErpnextConfig } from "./config";
import { parseFrappeDatetime, text } from "./values";
import { own } from "@/lib/utils/own";

export function transformWarehouses(rows: Record<string, unknown>[], config: ErpnextConfig, out: ResultBuilder): void {
  for (const row of rows) {
    const position = `Warehouse ${String(row.name)}`;
    const fail = (field: string, message: string) => out.issue("location", position, field, message, row);
    const name = text(row.name);
    const code = name ? own(config.warehouseMap, name) : undefined;
    const modified = parseFrappeDatetime(row.modified, config.utcOffset);
    if (!name) fail("name", "warehouse has no name");
    else if (!code) continue; // the list is filtered to mapped warehouses; anything else is not ours to import
    else if (row.is_group === 1) fail("is_group", `"${name}" is a group warehouse and holds no stock of its own: map its child warehouses`);
    else if (!modified) fail("modified", `unreadable modified ${JSON.stringify(row.modified)}`);
    else {
      out.record({
        entity: "location",
        version: modified.getTime(),
        externalId: `Warehouse ${name}`,
        origin: { position },
        data: { code, name, kind: "DC" },
      });
    }
  }
}
