/** 855 PO acknowledgment → canonical supplierAcknowledgement (BAK status, PO1/ACK line status, qty and dates). */
import type { TransformResult } from "@/lib/domain/canonical/records";
import {
  datesIn, el, envelopeDate, firstDate, loopsOf, makeIssue, makeRecord, parseNumber, pickSku, productIdPairs, toStockUnits, x12Date, type SetContext,
} from "./common";

/** BAK02 acknowledgment type → header status. */
const HEADER_STATUS: Record<string, "ACCEPTED" | "CHANGED" | "REJECTED"> = {
  AT: "ACCEPTED", AK: "ACCEPTED", AD: "ACCEPTED", AP: "ACCEPTED", NA: "ACCEPTED",
  AC: "CHANGED", AE: "CHANGED", AH: "CHANGED",
  RD: "REJECTED", RF: "REJECTED", RJ: "REJECTED", RO: "REJECTED",
};

/** ACK01 line item status → our line status. */
const LINE_STATUS: Record<string, string> = {
  IA: "ACCEPTED", AC: "ACCEPTED", IR: "REJECTED", R1: "REJECTED", R2: "REJECTED", R3: "REJECTED", R4: "REJECTED",
  IB: "BACKORDERED", BP: "PARTIAL", IC: "CHANGED", IP: "PRICE_CHANGED", IQ: "QTY_CHANGED", DR: "DATE_CHANGED",
  ID: "DELETED", IS: "SUBSTITUTED", IH: "ON_HOLD", IW: "ON_HOLD",
};

/** Current scheduled delivery / ship dates. */
const PROMISE_QUALIFIERS = ["067", "068", "002", "010"];

export function transform855(ctx: SetContext): TransformResult {
  const { set, config } = ctx;
  const issues: TransformResult["issues"] = [];
  const bak = set.segments.find((s) => s.id === "BAK");
  if (!bak) return { records: [], issues: [makeIssue(ctx, "supplierAcknowledgement", set.segments[0], "BAK", "855 has no BAK segment")] };
  const poNumber = el(bak, 3);
  if (!poNumber) issues.push(makeIssue(ctx, "supplierAcknowledgement", bak, "BAK03", "BAK03 (purchase order number) is missing"));
  const status = HEADER_STATUS[el(bak, 2)];
  if (!status) issues.push(makeIssue(ctx, "supplierAcknowledgement", bak, "BAK02", `BAK02 acknowledgment type '${el(bak, 2)}' is not one we know`));
  const loops = loopsOf(set.segments, "PO1");
  const header = loops[0] ? set.segments.slice(0, set.segments.indexOf(loops[0][0])) : set.segments;
  const headerDates = datesIn(header);
  const acknowledgedAt = x12Date(el(bak, 9)) ?? envelopeDate(set);

  const lines = [];
  for (const [index, loop] of loops.entries()) {
    const po1 = loop[0];
    const ack = loop.find((s) => s.id === "ACK");
    const sku = pickSku(productIdPairs(po1, 6), config);
    const where = `PO1 line ${el(po1, 1) || index + 1}`;
    let qty: number | null = null;
    const ackQty = parseNumber(el(ack, 2));
    if (ack && ackQty !== null) {
      const converted = toStockUnits(ackQty, el(ack, 3) || el(po1, 3), sku ?? "", config, `ACK of ${where}`);
      if (!converted.ok) {
        issues.push(makeIssue(ctx, "supplierAcknowledgement", ack, "ACK03", converted.message));
        continue;
      }
      qty = converted.qty;
    }
    const ackDate = ack && PROMISE_QUALIFIERS.includes(el(ack, 4)) ? x12Date(el(ack, 5)) : null;
    lines.push({
      lineNo: parseNumber(el(po1, 1)) ?? index + 1,
      sku,
      qty,
      promisedDate: ackDate ?? firstDate(datesIn(loop), PROMISE_QUALIFIERS) ?? firstDate(headerDates, PROMISE_QUALIFIERS),
      status: ack ? (LINE_STATUS[el(ack, 1)] ?? el(ack, 1)) : "ACCEPTED",
    });
  }
  if (issues.length) return { records: [], issues };
  const externalKey = `${poNumber}/${el(bak, 6) || [set.interchange.controlNumber, set.group?.controlNumber, set.controlNumber].filter(Boolean).join("-")}`;
  return { records: [makeRecord(ctx, "supplierAcknowledgement", bak, { externalKey, poNumber, status, acknowledgedAt, lines })], issues };
}
