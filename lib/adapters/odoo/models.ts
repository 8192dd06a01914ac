/** What the adapter reads from each Odoo model, and which rows it wants. Field names follow Odoo 17+/master. */
import type { OdooConfig } from "./config";
import type { DomainTerm } from "./client";

export const PULLED_MODELS = ["purchase.order", "purchase.order.line", "stock.move", "stock.quant"] as const;
export type PulledModel = (typeof PULLED_MODELS)[number];

export const MODEL_FIELDS: Record<PulledModel, string[]> = {
  "purchase.order": ["name", "partner_id", "date_order", "date_approve", "date_planned", "state", "picking_type_id", "write_date"],
  "purchase.order.line": ["order_id", "product_id", "product_qty", "product_uom_id", "price_unit", "discount", "date_planned", "qty_received", "partner_id", "date_order", "state", "write_date"],
  "stock.move": ["product_id", "quantity", "uom_id", "location_id", "location_dest_id", "picking_id", "picking_code", "date", "state", "origin", "purchase_line_id", "write_date"],
  "stock.quant": ["product_id", "location_id", "lot_id", "quantity", "reserved_quantity", "in_date", "write_date"],
};

/** RFQs (draft, sent, to approve) are not orders yet; confirmed, done and cancelled ones are. */
const ORDER_STATES = ["purchase", "done", "cancel"];

export function baseDomain(model: PulledModel, config: OdooConfig): DomainTerm[] {
  const warehouses = config.warehouseIds;
  switch (model) {
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
