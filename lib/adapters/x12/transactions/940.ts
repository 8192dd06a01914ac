/** 940 warehouse shipping order → canonical salesOrder (W05 header, N1 parties, G62 dates, W01 lines). */
import type { TransformResult } from "@/lib/domain/canonical/records";
import { el, envelopeDate, loopsOf, makeIssue, makeRecord, parseNumber, pickSku, productIdPairs, toStockUnits, type SetContext } from "./common";
import { warehouseOrderHeader } from "./warehouse-order";

export function transform940(ctx: SetContext): TransformResult {
  const { set, config } = ctx;
  const w05 = set.segments.find((s) => s.id === "W05");
  if (!w05) return { records: [], issues: [makeIssue(ctx, "salesOrder", set.segments[0], "W05", "940 has no W05 segment")] };
  const issues: TransformResult["issues"] = [];
  const firstLine = set.segments.find((s) => s.id === "LX" || s.id === "W01");
  const header = firstLine ? set.segments.slice(0, set.segments.indexOf(firstLine)) : set.segments;
  const order = warehouseOrderHeader(ctx, header, w05, issues);
  const number = el(w05, 2);
  if (!number) issues.push(makeIssue(ctx, "salesOrder", w05, "W0502", "W0502 (depositor order number) is missing"));
  if (!order.shipDate) issues.push(makeIssue(ctx, "salesOrder", w05, "G62", "no requested ship date: no G62*10 or G62*02"));

  const lxLoops = loopsOf(set.segments, "LX", ["W76", "SE"]);
  const w01s = lxLoops.length
    ? lxLoops.flatMap((loop) => loop.filter((s) => s.id === "W01").map((w01) => ({ w01, lineNo: parseNumber(el(loop[0], 1)) })))
    : set.segments.filter((s) => s.id === "W01").map((w01) => ({ w01, lineNo: null }));
  if (w01s.length === 0) issues.push(makeIssue(ctx, "salesOrder", w05, "W01", "the shipping order has no W01 lines"));
  const lines = [];
  for (const [index, { w01, lineNo }] of w01s.entries()) {
    const where = `W01 line ${lineNo ?? index + 1}`;
    const sku = pickSku(productIdPairs(w01, 4), config) ?? (el(w01, 3) || null);
    const qty = parseNumber(el(w01, 1));
    if (!sku || qty === null) {
      issues.push(makeIssue(ctx, "salesOrder", w01, sku ? "W0101" : "W0105", `${where} ${sku ? "has no quantity" : "has no product id"}`));
      continue;
    }
    const converted = toStockUnits(qty, el(w01, 2), sku, config, where);
    if (!converted.ok) {
      issues.push(makeIssue(ctx, "salesOrder", w01, "W0102", converted.message));
      continue;
    }
    lines.push({ lineNo: lineNo ?? index + 1, sku, qtyOrdered: converted.qty, unitPrice: 0, promisedShipDate: order.shipDate });
  }
  if (issues.length) return { records: [], issues };
  const data = {
    number,
    customerCode: order.customerCode,
    locationCode: order.locationCode,
    // W0501 "F" is the cancellation code (x12-types sample: "CANCELLED - DO NOT SHIP").
    status: el(w05, 1) === "F" ? "CANCELLED" : "OPEN",
    orderedAt: order.orderDate ?? envelopeDate(set),
    lines,
  };
  return { records: [makeRecord(ctx, "salesOrder", w05, data)], issues };
}
