/** What the adapter reads from each Odoo model, and which rows it wants. Field names follow Odoo 17+/master. */
import type { OdooConfig } from "./config";
import type { DomainTerm } from "./client";

/** Master data first (warehouses, vendors, products), then transactions: references resolve on a fresh database. */
export const MASTER_MODELS = ["stock.warehouse", "res.partner", "product.product"] as const;
export const PULLED_MODELS = [...MASTER_MODELS, "stock.quant", "purchase.order", "purchase.order.line", "stock.move"] as const;
export type PulledModel = (typeof PULLED_MODELS)[number];

export const MODEL_FIELDS: Record<PulledModel, string[]> = {
  "stock.warehouse": ["name", "code", "lot_stock_id", "view_location_id", "write_date"],
  "res.partner": ["name", "display_name", "ref", "supplier_rank", "write_date"],
  "product.product": ["default_code", "name", "product_tmpl_id", "uom_id", "standard_price", "lst_price", "type", "write_date"],
  "purchase.order": ["name", "partner_id", "date_order", "date_approve", "date_planned", "state", "picking_type_id", "write_date"],
  "purchase.order.line": ["order_id", "product_id", "product_qty", "product_uom_id", "price_unit", "discount", "date_planned", "qty_received", "partner_id", "date_order", "state", "write_date"],
  "stock.move": ["product_id", "quantity", "uom_id", "location_id", "location_dest_id", "picking_id", "picking_code", "date", "state", "origin", "purchase_line_id", "write_date"],
  "stock.quant": ["product_id", "location_id", "lot_id", "quantity", "reserved_quantity", "in_date", "write_date"],
};

/**
 * Vendor pricelist lines (product.supplierinfo): they give products their vendor and lead time (`delay`) and vendors
 * their typical lead time. They ride along with the partner and product pages that need them.
 */
export const SUPPLIERINFO = "product.supplierinfo";
export const SUPPLIERINFO_FIELDS = ["partner_id", "product_tmpl_id", "product_id", "sequence", "min_qty", "price", "delay", "write_date"];
/** product.supplierinfo's own _order: the first row is the vendor Odoo would buy from. */
export const SUPPLIERINFO_ORDER = "sequence asc, min_qty desc, price asc, id asc";

/**
 * Archived vendors and products are read too (active_test off): old orders and stock still name them, and a missing
 * master record would quarantine every record that references it.
 */
export const MODEL_CONTEXT: Partial<Record<PulledModel, Record<string, unknown>>> = {
  "res.partner": { active_test: false },
  "product.product": { active_test: false },
};

/** RFQs (draft, sent, to approve) are not orders yet; confirmed, done and cancelled ones are. */
const ORDER_STATES = ["purchase", "done", "cancel"];

export function baseDomain(model: PulledModel, config: OdooConfig): DomainTerm[] {
  const warehouses = config.warehouseIds;
  switch (model) {
    case "stock.warehouse":
      return warehouses.length ? [["id", "in", warehouses]] : [];
    case "res.partner":
      return [["supplier_rank", ">", 0]];
    case "product.product":
      // Services (and 18+'s combos) are never stocked; "product" (17) and "consu" are goods.
      return [["type", "not in", ["service", "combo"]]];
    case "purchase.order":
    case "purchase.order.line":
      return [["state", "in", ORDER_STATES]];
    case "stock.move": {
      const domain: DomainTerm[] = [["state", "=", "done"], ["picking_code", "in", ["incoming", "outgoing"]]];
      if (warehouses.length) domain.push("|", ["location_id.warehouse_id", "in", warehouses], ["location_dest_id.warehouse_id", "in", warehouses]);
      return domain;
    }
    case "stock.quant": {
      const domain: DomainTerm[] = [["location_id.usage", "=", "internal"]];
      if (warehouses.length) domain.push(["warehouse_id", "in", warehouses]);
      return domain;
    }
  }
}
