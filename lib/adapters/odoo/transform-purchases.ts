/**
 * purchase.order page → PO headers; purchase.order.line page → PO lines (one record per line, keyed by the PO name and
 * the line's id as line number, so write-back can address the exact line). Line quantities and prices are in the
 * line's unit; they are converted to stock units through config.uomFactors.
 */
import type { OdooConfig } from "./config";
import { ResultBuilder } from "./result-builder";
import { describeRef, lookupByRef, many2one, numberOrNull, parseOdooDatetime, skuFromProduct, stringOrNull, type Many2one } from "./values";
import { own } from "@/lib/utils/own";

const STATUS: Record<string, "OPEN" | "CLOSED" | "CANCELLED"> = { purchase: "OPEN", done: "CLOSED", cancel: "CANCELLED" };

export function supplierCodeOf(partner: Many2one, config: OdooConfig): string {
  return lookupByRef(partner, config.supplierMap) ?? partner[1];
}

export function transformPurchaseOrders(rows: Record<string, unknown>[], config: OdooConfig, out: ResultBuilder): void {
  for (const row of rows) {
    const position = `purchase.order id ${String(row.id)}`;
    const fail = (field: string, message: string) => out.issue("purchaseOrderHeader", position, field, message, row);
    const number = stringOrNull(row.name);
    const partner = many2one(row.partner_id);
    const pickingType = many2one(row.picking_type_id);
    const status = STATUS[String(row.state)];
    const orderedAt = parseOdooDatetime(row.date_approve) ?? parseOdooDatetime(row.date_order);
    const writeDate = parseOdooDatetime(row.write_date);
    const locationCode = (pickingType && lookupByRef(pickingType, config.pickingTypeMap)) ?? config.defaultLocationCode;
    if (!number) fail("name", "order has no name");
    else if (!partner) fail("partner_id", "order has no vendor");
    else if (!locationCode) fail("picking_type_id", `receipt type ${pickingType ? describeRef(pickingType) : "(none)"} is not in pickingTypeMap and no defaultLocationCode is set`);
    else if (!status) fail("state", `state "${String(row.state)}" is not a confirmed, done or cancelled order`);
    else if (!orderedAt) fail("date_order", `date_order must be "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(row.date_order)}`);
    else if (!writeDate) fail("write_date", `unreadable write_date ${JSON.stringify(row.write_date)}`);
    else {
      out.record({
        entity: "purchaseOrderHeader",
        version: writeDate.getTime(),
        externalId: `purchase.order ${String(row.id)}`,
        origin: { position },
        data: { number, supplierCode: supplierCodeOf(partner, config), locationCode, status, orderedAt: orderedAt.toISOString() },
      });
    }
  }
}

export function transformPurchaseOrderLines(rows: Record<string, unknown>[], config: OdooConfig, out: ResultBuilder): void {
  for (const row of rows) {
    const position = `purchase.order.line id ${String(row.id)}`;
    const fail = (field: string, message: string) => out.issue("purchaseOrderLine", position, field, message, row);
    const order = many2one(row.order_id);
    const product = many2one(row.product_id);
    const uom = many2one(row.product_uom_id);
    const sku = product ? skuFromProduct(product) : null;
    const factor = uom ? own(config.uomFactors, uom[1]) : undefined;
    const ordered = numberOrNull(row.product_qty);
    const received = row.qty_received === false ? 0 : numberOrNull(row.qty_received);
    const price = numberOrNull(row.price_unit);
    const discount = row.discount === false ? 0 : numberOrNull(row.discount);
    const promised = parseOdooDatetime(row.date_planned);
    const writeDate = parseOdooDatetime(row.write_date);
    const partner = many2one(row.partner_id);
    const orderedAt = parseOdooDatetime(row.date_order);

    if (typeof row.id !== "number") fail("id", "line has no id");
    else if (!order) fail("order_id", "line has no order");
    else if (!product) fail("product_id", "line has no product");
    else if (!sku) fail("product_id", `product ${describeRef(product)} has no internal reference (default_code) to use as SKU`);
    else if (!uom) fail("product_uom_id", "line has no unit of measure");
    else if (factor === undefined) fail("product_uom_id", `unknown unit of measure "${uom[1]}": add it to uomFactors (stock units per ${uom[1]})`);
    else if (ordered === null || ordered < 0) fail("product_qty", `product_qty must be a non-negative number, got ${JSON.stringify(row.product_qty)}`);
    else if (received === null || received < 0) fail("qty_received", `qty_received must be a non-negative number, got ${JSON.stringify(row.qty_received)}`);
    else if (price === null || price < 0) fail("price_unit", `price_unit must be a non-negative number, got ${JSON.stringify(row.price_unit)}`);
    else if (discount === null) fail("discount", `discount must be a number, got ${JSON.stringify(row.discount)}`);
    else if (!promised) fail("date_planned", `date_planned (expected arrival) must be "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(row.date_planned)}`);
    else if (!writeDate) fail("write_date", `unreadable write_date ${JSON.stringify(row.write_date)}`);
    else {
      const status = STATUS[String(row.state)];
      out.record({
        entity: "purchaseOrderLine",
        version: writeDate.getTime(),
        externalId: `purchase.order.line ${row.id}`,
        origin: { position },
        data: {
          poNumber: order[1],
          lineNo: row.id,
          sku,
          qtyOrdered: ordered * factor,
          qtyReceived: received * factor,
          unitCost: roundMoney((price * (1 - discount / 100)) / factor),
          promisedDate: promised.toISOString(),
          ...(partner ? { supplierCode: supplierCodeOf(partner, config) } : {}),
          ...(orderedAt ? { orderedAt: orderedAt.toISOString() } : {}),
          ...(status ? { status } : {}),
        },
      });
    }
  }
}

function roundMoney(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
