/**
 * One Purchase Order document (with its `items`) → one purchase order. Quantities go to stock units: ordered =
 * stock_qty (qty × conversion_factor), received = received_qty × conversion_factor (received_qty is in the line's
 * unit), unit cost = rate / conversion_factor. Promised date = expected_delivery_date, else schedule_date.
 * One unreadable item holds back the whole order: a PO missing a line would understate what is on order.
 */
import { ResultBuilder } from "@/lib/adapters/odoo/result-builder";
import type { ErpnextConfig } from "./config";
import { supplierCodeOf } from "./transform-suppliers";
import { num, parseFrappeDatetime, text } from "./values";
import { own } from "@/lib/utils/own";

const CLOSED_STATUSES = new Set(["Completed", "Closed", "Delivered"]);

export function transformPurchaseOrder(doc: Record<string, unknown>, config: ErpnextConfig, out: ResultBuilder): void {
  const name = text(doc.name) ?? "(unnamed)";
  const position = `Purchase Order ${name}`;
  const fail = (where: string, field: string, message: string) => out.issue("purchaseOrder", where, field, message, doc);
  const supplier = text(doc.supplier);
  const items = Array.isArray(doc.items) ? (doc.items as Record<string, unknown>[]) : [];
  const warehouse = text(doc.set_warehouse) ?? text(items[0]?.warehouse);
  const locationCode = warehouse ? own(config.warehouseMap, warehouse) : undefined;
  const orderedAt = parseFrappeDatetime(doc.transaction_date, config.utcOffset);
  const modified = parseFrappeDatetime(doc.modified, config.utcOffset);
  const docstatus = num(doc.docstatus);
  if (!supplier) return fail(position, "supplier", "order has no supplier");
  if (!locationCode) return fail(position, "set_warehouse", `warehouse "${warehouse ?? "(none)"}" is not in warehouseMap`);
  if (docstatus !== 1 && docstatus !== 2) return fail(position, "docstatus", `docstatus ${String(doc.docstatus)} is a draft, not an order`);
  if (!orderedAt) return fail(position, "transaction_date", `unreadable transaction_date ${JSON.stringify(doc.transaction_date)}`);
  if (!modified) return fail(position, "modified", `unreadable modified ${JSON.stringify(doc.modified)}`);
  if (items.length === 0) return fail(position, "items", "order has no items");

  const lines = [];
  for (const item of items) {
    const where = `${position} item ${String(item.idx)}`;
    const failItem = (field: string, message: string) => out.issue("purchaseOrder", where, field, message, item);
    const sku = text(item.item_code);
    const factor = num(item.conversion_factor);
    const qty = num(item.qty);
    const stockQty = num(item.stock_qty);
    const rate = num(item.rate);
    const received = num(item.received_qty ?? 0);
    const promised = parseFrappeDatetime(item.expected_delivery_date, config.utcOffset) ?? parseFrappeDatetime(item.schedule_date, config.utcOffset);
    const idx = num(item.idx);
    if (idx === null || !Number.isInteger(idx)) return failItem("idx", "item has no row number");
    if (!sku) return failItem("item_code", "item has no item_code");
    if (factor === null || factor <= 0) return failItem("conversion_factor", `conversion_factor must be positive, got ${JSON.stringify(item.conversion_factor)} (uom ${String(item.uom)} → ${String(item.stock_uom)})`);
    if (qty === null || qty < 0) return failItem("qty", `qty must be a non-negative number, got ${JSON.stringify(item.qty)}`);
    if (rate === null || rate < 0) return failItem("rate", `rate must be a non-negative number, got ${JSON.stringify(item.rate)}`);
    if (received === null || received < 0) return failItem("received_qty", `received_qty must be a non-negative number, got ${JSON.stringify(item.received_qty)}`);
    if (!promised) return failItem("expected_delivery_date", "item has neither expected_delivery_date nor schedule_date");
    lines.push({
      lineNo: idx,
      sku,
      qtyOrdered: stockQty ?? qty * factor,
      qtyReceived: received * factor,
      unitCost: Math.round((rate / factor) * 10_000) / 10_000,
      promisedDate: promised.toISOString(),
    });
  }
  out.record({
    entity: "purchaseOrder",
    version: modified.getTime(),
    externalId: `Purchase Order ${name}`,
    origin: { position },
    data: {
      number: name,
      supplierCode: supplierCodeOf(supplier, config),
      locationCode,
      status: docstatus === 2 ? "CANCELLED" : CLOSED_STATUSES.has(String(doc.status)) ? "CLOSED" : "OPEN",
      orderedAt: orderedAt.toISOString(),
      lines,
    },
  });
}
