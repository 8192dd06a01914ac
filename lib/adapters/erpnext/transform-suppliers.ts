/**
 * Supplier list page → suppliers. The code is what purchase orders use for the same supplier (supplierMap, else the
 * ERPNext name), so PO headers resolve. Disabled suppliers are kept: their old orders still reference them. ERPNext
 * keeps lead times on items, not suppliers, so the supplier gets the canonical default.
 */
import { ResultBuilder } from "@/lib/adapters/odoo/result-builder";
import type { ErpnextConfig } from "./config";
import { parseFrappeDatetime, text } from "./values";
import { own } from "@/lib/utils/own";

export function supplierCodeOf(supplier: string, config: ErpnextConfig): string {
  return own(config.supplierMap, supplier) ?? supplier;
}

export function transformSuppliers(rows: Record<string, unknown>[], config: ErpnextConfig, out: ResultBuilder): void {
  for (const row of rows) {
    const position = `Supplier ${String(row.name)}`;
    const fail = (field: string, message: string) => out.issue("supplier", position, field, message, row);
    const name = text(row.name);
    const modified = parseFrappeDatetime(row.modified, config.utcOffset);
    if (!name) fail("name", "supplier has no name");
    else if (!modified) fail("modified", `unreadable modified ${JSON.stringify(row.modified)}`);
    else {
      out.record({
        entity: "supplier",
        version: modified.getTime(),
        externalId: `Supplier ${name}`,
        origin: { position },
        data: { code: supplierCodeOf(name, config), name: text(row.supplier_name) ?? name },
      });
    }
  }
}
