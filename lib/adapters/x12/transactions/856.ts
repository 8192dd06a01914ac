/**
 * 856 ship notice → canonical asn, one per order level (HL*O with PRF01 = PO number). Shipment level gives
 * BSN number, DTM 011 shipped / 017 estimated delivery and the TD5 carrier; item levels give LIN ids and SN1 qty.
 */
import type { TransformResult } from "@/lib/domain/canonical/records";
import { datesIn, el, firstDate, makeIssue, makeRecord, parseNumber, pickSku, productIdPairs, toStockUnits, x12Date, type SetContext } from "./common";
import { buildHlTree, descendants, type HlNode } from "./hl-tree";

export function transform856(ctx: SetContext): TransformResult {
  const { set, config } = ctx;
  const issues: TransformResult["issues"] = [];
  const bsn = set.segments.find((s) => s.id === "BSN");
  if (!bsn) return { records: [], issues: [makeIssue(ctx, "asn", set.segments[0], "BSN", "856 has no BSN segment")] };
  const tree = buildHlTree(set.segments);
  for (const orphan of tree.orphans) {
    issues.push(makeIssue(ctx, "asn", orphan.segments[0], "HL02", `HL ${orphan.id} names parent ${orphan.parentId}, which is not an earlier HL`));
  }
  const shipment = tree.roots.find((n) => n.level === "S");
  const shipmentSegments = [...tree.header, ...(shipment?.segments ?? [])];
  const dates = datesIn(shipmentSegments);
  const shippedAt = firstDate(dates, ["011"]) ?? x12Date(el(bsn, 3), el(bsn, 4));
  let eta = firstDate(dates, ["017", "002", "067"]);
  if (!eta && shippedAt && config.defaultTransitDays !== undefined) {
    eta = new Date(Date.parse(shippedAt) + config.defaultTransitDays * 86_400_000).toISOString();
  }
  const td5 = shipmentSegments.find((s) => s.id === "TD5");
  const carrier = td5 ? [el(td5, 5), el(td5, 3) && `(${el(td5, 3)})`].filter(Boolean).join(" ") || null : null;
  const number = el(bsn, 2);
  if (!number) issues.push(makeIssue(ctx, "asn", bsn, "BSN02", "BSN02 (shipment identification) is missing"));
  if (!shippedAt) issues.push(makeIssue(ctx, "asn", bsn, "DTM", "no ship date: no DTM*011 and no BSN03 date"));
  if (!eta) issues.push(makeIssue(ctx, "asn", bsn, "DTM", "no estimated delivery: no DTM*017, and the source has no defaultTransitDays to derive one"));

  const orders = [...tree.byId.values()].filter((n) => n.level === "O");
  if (orders.length === 0) issues.push(makeIssue(ctx, "asn", bsn, "HL", "no order level (HL*O) in the ship notice"));
  const records = [];
  for (const order of orders) {
    const prf = order.segments.find((s) => s.id === "PRF");
    const poNumber = el(prf, 1);
    if (!poNumber) {
      issues.push(makeIssue(ctx, "asn", order.segments[0], "PRF01", `order level HL ${order.id} has no PRF01 (purchase order number)`));
      continue;
    }
    const lines = itemLines(ctx, order, issues);
    if (lines.length === 0) issues.push(makeIssue(ctx, "asn", order.segments[0], "SN1", `order level HL ${order.id} (PO ${poNumber}) has no item with LIN and SN1`));
    if (issues.length) continue;
    const asnNumber = orders.length === 1 ? number : `${number}/${poNumber}`;
    records.push(makeRecord(ctx, "asn", order.segments[0], { number: asnNumber, poNumber, shippedAt, eta, carrier, status: "IN_TRANSIT", lines }));
  }
  return issues.length ? { records: [], issues } : { records, issues };
}

function itemLines(ctx: SetContext, order: HlNode, issues: TransformResult["issues"]) {
  const lines = [];
  for (const item of descendants(order).filter((n) => n.level === "I")) {
    const lin = item.segments.find((s) => s.id === "LIN");
    const sn1 = item.segments.find((s) => s.id === "SN1");
    if (!lin || !sn1) {
      issues.push(makeIssue(ctx, "asn", item.segments[0], lin ? "SN1" : "LIN", `item level HL ${item.id} lacks ${lin ? "SN1 (quantity shipped)" : "LIN (product id)"}`));
      continue;
    }
    const sku = pickSku(productIdPairs(lin, 2), ctx.config);
    const qty = parseNumber(el(sn1, 2));
    if (!sku || qty === null) {
      issues.push(makeIssue(ctx, "asn", sku ? sn1 : lin, sku ? "SN102" : "LIN03", `item level HL ${item.id}: ${sku ? "SN102 quantity is missing" : "no product id in LIN"}`));
      continue;
    }
    const converted = toStockUnits(qty, el(sn1, 3), sku, ctx.config, `SN1 of HL ${item.id}`);
    if (!converted.ok) {
      issues.push(makeIssue(ctx, "asn", sn1, "SN103", converted.message));
      continue;
    }
    const linNo = parseNumber(el(lin, 1));
    lines.push({ poLineNo: linNo !== null && Number.isInteger(linNo) ? linNo : null, sku, qtyShipped: converted.qty });
  }
  return lines;
}
