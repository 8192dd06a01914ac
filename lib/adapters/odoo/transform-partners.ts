/**
 * res.partner page (vendors, with their product.supplierinfo lines) → suppliers. The code is the one purchase orders
 * use for the same partner (supplierMap by id or name, else the display name), so PO headers resolve; the lead time is
 * the vendor's typical `delay` over its pricelist lines (the canonical default when it has none).
 */
import type { OdooConfig } from "./config";
import { ResultBuilder } from "./result-builder";
import { latestOf, typicalDelay, type Seller } from "./sellers";
import { supplierCodeOf } from "./transform-purchases";
import { parseOdooDatetime, stringOrNull } from "./values";

export function transformPartners(rows: Record<string, unknown>[], sellers: Seller[], config: OdooConfig, out: ResultBuilder): void {
  for (const row of rows) {
    const position = `res.partner id ${String(row.id)}`;
    const fail = (field: string, message: string) => out.issue("supplier", position, field, message, row);
    const name = stringOrNull(row.name);
    const displayName = stringOrNull(row.display_name) ?? name;
    const writeDate = parseOdooDatetime(row.write_date);
    if (typeof row.id !== "number") fail("id", "partner has no id");
    else if (!name || !displayName) fail("name", "vendor has no name");
    else if (!writeDate) fail("write_date", `unreadable write_date ${JSON.stringify(row.write_date)}`);
    else {
      const own = sellers.filter((s) => s.partner[0] === row.id);
      const leadTimeDays = typicalDelay(own, row.id);
      out.record({
        entity: "supplier",
        version: latestOf(writeDate, own).getTime(),
        externalId: `res.partner ${row.id}`,
        origin: { position },
        data: { code: supplierCodeOf([row.id, displayName], config), name, ...(leadTimeDays === null ? {} : { leadTimeDays }) },
      });
    }
  }
}
