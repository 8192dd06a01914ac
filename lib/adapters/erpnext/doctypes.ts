/** What the adapter reads from each ERPNext doctype, and which rows it wants. */
import type { ErpnextConfig } from "./config";
import type { FrappeFilter } from "./client";

/** Master data first (Warehouse, Supplier, Item), so a fresh database resolves what the transactions reference. */
export const MASTER_DOCTYPES = ["Warehouse", "Supplier", "Item"] as const;
export const PULLED_DOCTYPES = [...MASTER_DOCTYPES, "Purchase Order", "Stock Ledger Entry", "Bin"] as const;
export type PulledDoctype = (typeof PULLED_DOCTYPES)[number];

export const LIST_FIELDS: Record<PulledDoctype, string[]> = {
  Warehouse: ["name", "warehouse_name", "is_group", "disabled", "modified"],
  Supplier: ["name", "supplier_name", "disabled", "modified"],
  Item: ["name", "item_code", "item_name", "stock_uom", "valuation_rate", "standard_rate", "lead_time_days", "is_stock_item", "disabled", "modified"],
  Bin: ["name", "item_code", "warehouse", "stock_uom", "actual_qty", "reserved_qty", "reserved_qty_for_production", "ordered_qty", "projected_qty", "modified"],
  // Purchase Orders are listed for their names only; each is then read whole, with its items.
  "Purchase Order": ["name", "modified"],
  "Stock Ledger Entry": ["name", "item_code", "warehouse", "posting_date", "posting_time", "voucher_type", "voucher_no", "voucher_detail_no", "actual_qty", "is_cancelled", "modified"],
};

export function baseFilters(doctype: PulledDoctype, config: ErpnextConfig): FrappeFilter[] {
  const warehouses = Object.keys(config.warehouseMap);
  switch (doctype) {
    case "Warehouse":
      return [["name", "in", warehouses]];
    // Every supplier and item, disabled and non-stock ones too: one PO line naming an unknown item holds back its order.
    case "Supplier":
    case "Item":
      return [];
    case "Bin":
      return [["warehouse", "in", warehouses]];
    case "Purchase Order":
      return [["docstatus", "in", [1, 2]]]; // drafts are not orders yet
    case "Stock Ledger Entry":
      return [["warehouse", "in", warehouses], ["is_cancelled", "=", 0]];
  }
}
