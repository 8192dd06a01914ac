/**
 * 944 warehouse stock transfer receipt advice → canonical receipt. W17 = header (W1702 date, W1703 receipt number,
 * W1704 depositor order/PO number, W1705 shipment id); lines from W07 (quantity received), or from W19 when a LX
 * loop carries no W07 (W1902 quantity, W1903 unit, W1905/W1906 product id).
 */
import type { TransformResult } from "@/lib/domain/canonical/records";
import type { X12Segment } from "../model";
import {
  el, elementName, envelopeDate, firstParty, loopsOf, makeIssue, makeRecord, mapParty, parseNumber, partiesIn, pickSku,
  productIdPairs, toStockUnits, x12Date, type SetContext,
} from "./common";

export function transform944(ctx: SetContext): TransformResult {
  const { set, config } = ctx;
  const w17 = set.segments.find((s) => s.id === "W17");
  if (!w17) return { records: [], issues: [makeIssue(ctx, "receipt", set.segments[0], "W17", "944 has no W17 segment")] };
  const issues: TransformResult["issues"] = [];
  const number = el(w17, 3);
  const receivedAt = x12Date(el(w17, 2)) ?? envelopeDate(set);
  const warehouse = firstParty(partiesIn(set.segments), ["WH", "ST", "RL"]);
  const locationCode = (warehouse && mapParty(warehouse, config.partnerLocationCodes)) ?? config.defaultLocationCode ?? null;
  if (!number) issues.push(makeIssue(ctx, "receipt", w17, "W1703", "W1703 (warehouse receipt number) is missing"));
  if (!locationCode) issues.push(makeIssue(ctx, "receipt", w17, "N1", "no warehouse: no N1*WH/ST/RL and no defaultLocationCode"));

  const lineSegments = receiptLineSegments(set.segments);
  if (lineSegments.length === 0) issues.push(makeIssue(ctx, "receipt", w17, "W07", "the receipt has no W07 or W19 lines"));
  const lines = [];
  for (const seg of lineSegments) {
    const isW07 = seg.id === "W07";
    const [qtyAt, uomAt, idsAt, upcAt] = isW07 ? [1, 2, 4, 3] : [2, 3, 5, 4];
    const sku = pickSku(productIdPairs(seg, idsAt), config) ?? (el(seg, upcAt) || null);
    const qty = parseNumber(el(seg, qtyAt));
    if (!sku || qty === null) {
      issues.push(makeIssue(ctx, "receipt", seg, elementName(seg, sku ? qtyAt : idsAt + 1), `${seg.id} line ${sku ? "has no quantity" : "has no product id"}`));
      continue;
    }
    const converted = toStockUnits(qty, el(seg, uomAt), sku, config, `${seg.id} line for ${sku}`);
    if (!converted.ok) {
      issues.push(makeIssue(ctx, "receipt", seg, elementName(seg, uomAt), converted.message));
      continue;
    }
    lines.push({ poLineNo: null, sku, qtyReceived: converted.qty });
  }
  if (issues.length) return { records: [], issues };
  const data = { number, locationCode, poNumber: el(w17, 4) || null, asnNumber: el(w17, 5) || null, receivedAt, lines };
  return { records: [makeRecord(ctx, "receipt", w17, data)], issues };
}

/** W07 per LX loop; W19 only where the loop has no W07. Without LX loops, every W07. */
function receiptLineSegments(segments: readonly X12Segment[]): X12Segment[] {
  const loops = loopsOf(segments, "LX", ["W14", "SE"]);
  if (loops.length === 0) return segments.filter((s) => s.id === "W07");
  return loops.flatMap((loop) => {
    const w07 = loop.filter((s) => s.id === "W07");
    return w07.length ? w07 : loop.filter((s) => s.id === "W19");
  });
}
