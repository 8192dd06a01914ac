/**
 * RECEIPT_QTY_VARIANCE: what the dock counted differs from the ASN (or, without an ASN, from the
 * PO quantity still open before the receipt) by more than the tolerance % (SAP SNC alert 32).
 */
import type { Finding } from "@/lib/domain/model/case-draft";
import type { SnapshotReceiptLine } from "@/lib/domain/model/snapshot";
import { itemLocKey, projectionOf, threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding, poEvidence, skuOf } from "@/lib/domain/detect/finding";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty, round } from "@/lib/domain/util/numbers";

interface ReceiptGroup {
  key: string;
  lines: SnapshotReceiptLine[];
}

/** Receipt lines grouped per ASN + PO line (several dock receipts against one ASN add up). */
function groupReceipts(lines: readonly SnapshotReceiptLine[]): ReceiptGroup[] {
  const groups = new Map<string, SnapshotReceiptLine[]>();
  for (const r of lines) {
    const key = r.asnId || r.purchaseOrderLineId ? `${r.asnId ?? "-"}:${r.purchaseOrderLineId ?? "-"}:${r.itemId}` : `${r.receiptId}:${r.itemId}:${r.locationId}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.entries()].map(([key, ls]) => ({ key, lines: ls }));
}

/**
 * Under-receipts link to the item-location's shortage (the missing units are why orders are at
 * risk) so both land in one case; exposure = |variance| × unit cost (the claim or write-off value).
 */
export function detectReceiptQtyVariance(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (const g of groupReceipts(ctx.receiptLines)) {
    const first = g.lines[0];
    const received = g.lines.reduce((n, r) => n + r.qtyReceived, 0);
    const poLine = first.purchaseOrderLineId ? ctx.poLinesById.get(first.purchaseOrderLineId) : undefined;
    const asn = first.asnId && first.purchaseOrderLineId ? ctx.asnLinesByPoLine.get(first.purchaseOrderLineId)?.find((a) => a.asnId === first.asnId) : undefined;
    let expected: number | null = null;
    let basis = "";
    if (asn) {
      expected = asn.qtyShipped;
      basis = `ASN ${asn.asnNumber}`;
    } else if (poLine) {
      // Open before these receipts = ordered − (received to date − these receipts).
      expected = Math.max(0, poLine.qtyOrdered - (poLine.qtyReceived - received));
      basis = `${poLine.poNumber} line ${poLine.lineNo}`;
    }
    if (expected === null || expected <= 0) continue;
    const delta = received - expected;
    const pct = Math.abs(delta) / expected;
    const tol = threshold(ctx, "receiptQtyTolerance", first.locationId, first.itemId);
    if (pct <= tol) continue;
    const item = ctx.itemsById.get(first.itemId);
    const key = itemLocKey(first.itemId, first.locationId);
    const p = projectionOf(ctx, key);
    const threatens = delta < 0 && !!p && p.shortageDay !== null;
    const { exposure, impact } = financialImpact(`receipt:${g.key}`, delta, item?.unitCost ?? 0, "ADJUST");
    const receivedAt = g.lines.reduce((d, r) => (r.receivedAt > d ? r.receivedAt : d), first.receivedAt);
    const receiptNumbers = [...new Set(g.lines.map((r) => r.receiptNumber))];
    out.push(
      makeFinding(ctx, {
        type: "RECEIPT_QTY_VARIANCE",
        objectKey: g.key,
        causeKey: first.purchaseOrderLineId ? `poline:${first.purchaseOrderLineId}` : `receipt:${first.receiptId}`,
        siteId: first.locationId,
        itemId: first.itemId,
        supplierId: first.supplierId ?? poLine?.supplierId ?? null,
        summary: `${receiptNumbers.join(", ")}: ${locCode(ctx, first.locationId)} received ${fmtQty(received)} ${skuOf(ctx, first.itemId)} against ${fmtQty(expected)} on ${basis} (${round((received / expected) * 100, 1)}%, tolerance ±${round(tol * 100, 1)}%)${threatens && p?.shortageDate ? `; short from ${isoDate(p.shortageDate)}` : ""}`,
        evidence: {
          ...(poLine ? poEvidence(ctx, poLine) : { poLineId: first.purchaseOrderLineId }),
          sku: skuOf(ctx, first.itemId),
          locationCode: locCode(ctx, first.locationId),
          receiptNumbers,
          asnNumber: first.asnNumber,
          expectedQty: expected,
          expectedBasis: asn ? "ASN" : "PO",
          receivedQty: received,
          delta,
          receivedPct: round(received / expected, 4),
          tolerancePct: tol,
          receivedAt: isoDate(receivedAt),
          t_star: threatens && p?.shortageDate ? isoDate(p.shortageDate) : null,
        },
        trigger: { key: "receiptQtyTolerance", value: pct, threshold: tol },
        eventAt: receivedAt,
        exposure,
        impact,
        links: threatens ? [`shortage:${key}`] : undefined,
      }),
    );
  }
  return out;
}
