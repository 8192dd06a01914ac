/** 945 warehouse shipping advice → canonical salesOrder with quantities shipped (W06 header, W12 lines). */
import type { TransformResult } from "@/lib/domain/canonical/records";
import type { X12Segment } from "../model";
import { el, envelopeDate, makeIssue, makeRecord, parseNumber, pickSku, productIdPairs, toStockUnits, x12Date, type SetContext } from "./common";
import { warehouseOrderHeader } from "./warehouse-order";

export function transform945(ctx: SetContext): TransformResult {
  const { set, config } = ctx;
  const w06 = set.segments.find((s) => s.id === "W06");
  if (!w06) return { records: [], issues: [makeIssue(ctx, "salesOrder", set.segments[0], "W06", "945 has no W06 segment")] };
  const issues: TransformResult["issues"] = [];
  const firstLine = set.segments.find((s) => s.id === "LX" || s.id === "W12");
  const header = firstLine ? set.segments.slice(0, set.segments.indexOf(firstLine)) : set.segments;
  const order = warehouseOrderHeader(ctx, header, w06, issues);
  const number = el(w06, 2);
  const shippedAt = x12Date(el(w06, 3));
  if (!number) issues.push(makeIssue(ctx, "salesOrder", w06, "W0602", "W0602 (depositor order number) is missing"));
  const promisedShipDate = order.shipDate ?? shippedAt;
  if (!promisedShipDate) issues.push(makeIssue(ctx, "salesOrder", w06, "W0603", "no ship date: no G62*10/02 and W0603 is not a date"));

  const w12s = set.segments.filter((s) => s.id === "W12");
  if (w12s.length === 0) issues.push(makeIssue(ctx, "salesOrder", w06, "W12", "the shipping advice has no W12 lines"));
  const lines = [];
  for (const [index, w12] of w12s.entries()) {
    const where = `W12 line ${index + 1}`;
    const sku = pickSku(w12ProductIds(w12), config);
    const ordered = parseNumber(el(w12, 2));
    const shipped = parseNumber(el(w12, 3)) ?? 0;
    if (!sku || ordered === null) {
      issues.push(makeIssue(ctx, "salesOrder", w12, sku ? "W1202" : "W1208", `${where} ${sku ? "has no quantity ordered" : "has no product id"}`));
      continue;
    }
    const orderedStock = toStockUnits(ordered, el(w12, 5), sku, config, where);
    const shippedStock = toStockUnits(shipped, el(w12, 5), sku, config, where);
    if (!orderedStock.ok || !shippedStock.ok) {
      issues.push(makeIssue(ctx, "salesOrder", w12, "W1205", orderedStock.ok ? (shippedStock as { message: string }).message : orderedStock.message));
      continue;
    }
    lines.push({ lineNo: index + 1, sku, qtyOrdered: orderedStock.qty, qtyShipped: shippedStock.qty, unitPrice: 0, promisedShipDate });
  }
  if (issues.length) return { records: [], issues };
  const fullyShipped = lines.every((l) => l.qtyShipped >= l.qtyOrdered);
  const data = {
    number,
    customerCode: order.customerCode,
    locationCode: order.locationCode,
    status: fullyShipped ? "CLOSED" : "OPEN",
    orderedAt: order.orderDate ?? envelopeDate(set) ?? shippedAt,
    lines,
  };
  return { records: [makeRecord(ctx, "salesOrder", w06, data)], issues };
}

/**
 * W12 product ids: W1206 U.P.C. case code, W1207 vendor item number, W1208/W1209 qualifier + id. Some partners shift
 * the pair one to the left (W1207 qualifier, W1208 id); a two-character W1207 followed by an id is read that way.
 */
function w12ProductIds(w12: X12Segment): Array<{ qualifier: string; id: string }> {
  const pairs = productIdPairs(w12, 8).slice(0, 1).filter((p) => /^[A-Z0-9]{2}$/.test(p.qualifier));
  const w1207 = el(w12, 7);
  if (/^[A-Z]{2}$/.test(w1207) && el(w12, 8)) pairs.push({ qualifier: w1207, id: el(w12, 8) });
  else if (w1207) pairs.push({ qualifier: "VN", id: w1207 });
  if (el(w12, 6)) pairs.push({ qualifier: "UP", id: el(w12, 6) });
  return pairs;
}
