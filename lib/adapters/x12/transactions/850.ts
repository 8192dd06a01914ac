/** 850 purchase order → canonical purchaseOrder (BEG, DTM 002/010, N1 parties, PO1 lines in stock units). */
import type { TransformResult } from "@/lib/domain/canonical/records";
import {
  datesIn, el, elementName, envelopeDate, firstDate, firstParty, loopsOf, makeIssue, makeRecord, mapParty, parseNumber,
  partiesIn, pickSku, productIdPairs, round, toStockUnits, x12Date, type SetContext,
} from "./common";

/** Delivery/ship dates we take as the promise, most specific first. */
const PROMISE_QUALIFIERS = ["002", "010", "067", "068", "038", "037"];

export function transform850(ctx: SetContext): TransformResult {
  const { set, config } = ctx;
  const issues: TransformResult["issues"] = [];
  const beg = set.segments.find((s) => s.id === "BEG");
  if (!beg) return { records: [], issues: [makeIssue(ctx, "purchaseOrder", set.segments[0], "BEG", "850 has no BEG segment")] };
  const lineLoops = loopsOf(set.segments, "PO1");
  const firstLine = lineLoops[0]?.[0];
  const header = firstLine ? set.segments.slice(0, set.segments.indexOf(firstLine)) : set.segments;
  const headerDates = datesIn(header);
  const parties = partiesIn(header);

  const number = el(beg, 3);
  if (!number) issues.push(makeIssue(ctx, "purchaseOrder", beg, "BEG03", "BEG03 (purchase order number) is missing"));
  const orderedAt = x12Date(el(beg, 5)) ?? headerDates.get("004")?.iso ?? null;
  if (!orderedAt) issues.push(makeIssue(ctx, "purchaseOrder", beg, "BEG05", `BEG05 (purchase order date) '${el(beg, 5)}' is missing or not a date`));

  const vendor = firstParty(parties, ["VN", "SU", "SE"]);
  const supplierCode = vendor
    ? mapParty(vendor, config.partnerSupplierCodes)
    : mapParty({ id: set.group?.receiverCode ?? set.interchange.receiverId, name: "" }, config.partnerSupplierCodes);
  if (!supplierCode) issues.push(makeIssue(ctx, "purchaseOrder", beg, "N1", "no supplier: no N1*VN/SU/SE and no GS03 receiver"));
  const shipTo = firstParty(parties, ["ST"]);
  const locationCode = (shipTo && mapParty(shipTo, config.partnerLocationCodes)) ?? config.defaultLocationCode ?? null;
  if (!locationCode) issues.push(makeIssue(ctx, "purchaseOrder", beg, "N1", "no ship-to location: no N1*ST in the header and no defaultLocationCode in the source settings"));

  if (lineLoops.length === 0) issues.push(makeIssue(ctx, "purchaseOrder", beg, "PO1", "the purchase order has no PO1 lines"));
  const lines = [];
  for (const [index, loop] of lineLoops.entries()) {
    const po1 = loop[0];
    const lineNo = parseNumber(el(po1, 1)) ?? index + 1;
    const where = `PO1 line ${el(po1, 1) || index + 1}`;
    const sku = pickSku(productIdPairs(po1, 6), config);
    const qty = parseNumber(el(po1, 2));
    if (!sku) issues.push(makeIssue(ctx, "purchaseOrder", po1, "PO107", `${where} has no product id (PO106/PO107 …)`));
    if (qty === null) issues.push(makeIssue(ctx, "purchaseOrder", po1, "PO102", `${where}: PO102 (quantity ordered) is missing or not a number`));
    const promisedDate = firstDate(datesIn(loop), PROMISE_QUALIFIERS) ?? firstDate(headerDates, PROMISE_QUALIFIERS);
    if (!promisedDate) issues.push(makeIssue(ctx, "purchaseOrder", po1, "DTM", `${where} has no delivery date: no DTM ${PROMISE_QUALIFIERS.join("/")} on the line or in the header`));
    if (!sku || qty === null || !promisedDate) continue;
    const converted = toStockUnits(qty, el(po1, 3), sku, config, where);
    if (!converted.ok) {
      issues.push(makeIssue(ctx, "purchaseOrder", po1, elementName(po1, 3), converted.message));
      continue;
    }
    const price = parseNumber(el(po1, 4));
    // No price is a price of 0; a price that is not a number is an error, not a silent 0.
    if (price === null && el(po1, 4)) {
      issues.push(makeIssue(ctx, "purchaseOrder", po1, "PO104", `${where}: PO104 (unit price) '${el(po1, 4)}' is not a number`));
      continue;
    }
    lines.push({ lineNo, sku, qtyOrdered: converted.qty, unitCost: round((price ?? 0) / converted.factor), promisedDate });
  }
  if (issues.length) return { records: [], issues };
  const data = { number, supplierCode, locationCode, status: el(beg, 1) === "03" ? "CANCELLED" : "OPEN", orderedAt: orderedAt ?? envelopeDate(set), lines };
  return { records: [makeRecord(ctx, "purchaseOrder", beg, data)], issues };
}
