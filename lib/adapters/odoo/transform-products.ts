/**
 * product.product page (with its templates' product.supplierinfo lines) → items. SKU = internal reference
 * (default_code), the same key PO lines, quants and moves read from the product's display name. Cost = standard_price,
 * price = lst_price (the cost when Odoo sends none). Lead time and primary supplier come from the first vendor line in
 * Odoo's own order; the supplier code follows the PO rule so it names a supplier the partner pages created.
 *
 * Quants are in the product's unit while PO lines are converted through uomFactors, so a product whose unit is not a
 * stock unit (factor 1) would mix units: it is reported rather than imported.
 */
import type { OdooConfig } from "./config";
import { ResultBuilder } from "./result-builder";
import { latestOf, sellersOfProduct, sellerSupplierCode, type Seller } from "./sellers";
import { uomCode } from "./uom-codes";
import { many2one, numberOrNull, parseOdooDatetime, stringOrNull } from "./values";
import { own } from "@/lib/utils/own";

export function transformProducts(rows: Record<string, unknown>[], sellers: Seller[], config: OdooConfig, out: ResultBuilder): void {
  for (const row of rows) {
    const position = `product.product id ${String(row.id)}`;
    const fail = (field: string, message: string) => out.issue("item", position, field, message, row);
    const sku = stringOrNull(row.default_code)?.trim() ?? null;
    const name = stringOrNull(row.name);
    const template = many2one(row.product_tmpl_id);
    const uom = many2one(row.uom_id);
    const factor = uom ? own(config.uomFactors, uom[1]) : undefined;
    const unit = uom ? uomCode(uom[1]) : null;
    const cost = numberOrNull(row.standard_price);
    const listPrice = numberOrNull(row.lst_price);
    const writeDate = parseOdooDatetime(row.write_date);

    if (typeof row.id !== "number") fail("id", "product has no id");
    else if (!sku) fail("default_code", `product "${String(row.name)}" has no internal reference (default_code) to use as SKU`);
    else if (!name) fail("name", "product has no name");
    else if (!template) fail("product_tmpl_id", "product has no template");
    else if (!uom) fail("uom_id", "product has no unit of measure");
    else if (factor === undefined) fail("uom_id", `unknown unit of measure "${uom[1]}": add it to uomFactors`);
    else if (factor !== 1) fail("uom_id", `${sku} is stocked in "${uom[1]}", which uomFactors counts as ${factor} stock units: quants and PO lines would disagree`);
    else if (!unit) fail("uom_id", `unit name "${uom[1]}" is longer than 10 characters`);
    else if (cost === null || cost < 0) fail("standard_price", `standard_price must be a non-negative number, got ${JSON.stringify(row.standard_price)}`);
    else if (!writeDate) fail("write_date", `unreadable write_date ${JSON.stringify(row.write_date)}`);
    else {
      const own = sellersOfProduct(sellers, row.id, template[0]);
      const first = own[0];
      out.record({
        entity: "item",
        version: latestOf(writeDate, own).getTime(),
        externalId: `product.product ${row.id}`,
        origin: { position },
        data: {
          sku,
          name,
          uom: unit,
          unitCost: cost,
          unitPrice: listPrice !== null && listPrice >= 0 ? listPrice : cost,
          leadTimeDays: first?.delay ?? null,
          primarySupplierCode: first ? sellerSupplierCode(first, config) : null,
        },
      });
    }
  }
}
