/** TRANSFER_RECEIPT_VARIANCE: a received transfer whose received quantity differs from shipped beyond tolerance (Infor "transfer exception receipt"). */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { isTransferShort, transferCauseKey, transferEvidence, transferVariancePct } from "@/lib/domain/detect/lanes";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty, round } from "@/lib/domain/util/numbers";

/** Flags closed transfers received off the shipped quantity; exposure = |received − shipped| × unit cost (lost or found in transit). */
export function detectTransferReceiptVariance(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (const t of ctx.transferLines) {
    if (!t.receivedAt || !isTransferShort(ctx, t)) continue;
    const delta = t.qtyReceived - t.qtyShipped;
    const pct = transferVariancePct(t) ?? 0;
    const tol = threshold(ctx, "transferReceiptTolerance", t.toLocationId, t.itemId);
    const item = ctx.itemsById.get(t.itemId);
    const { exposure, impact } = financialImpact(`transfer:${t.transferOrderId}:${t.itemId}`, delta, item?.unitCost ?? 0, "ADJUST");
    out.push(
      makeFinding(ctx, {
        type: "TRANSFER_RECEIPT_VARIANCE",
        objectKey: `${t.transferOrderId}:${t.itemId}`,
        causeKey: transferCauseKey(ctx, t),
        siteId: t.toLocationId,
        itemId: t.itemId,
        supplierId: null,
        summary: `${t.transferNumber}: ${locCode(ctx, t.toLocationId)} received ${fmtQty(t.qtyReceived)} of ${fmtQty(t.qtyShipped)} ${skuOf(ctx, t.itemId)} shipped from ${locCode(ctx, t.fromLocationId)}${t.carrier ? ` via ${t.carrier}` : ""} (${delta > 0 ? "+" : ""}${fmtQty(delta)}, ${round(pct * 100, 1)}% vs ${round(tol * 100, 1)}% tolerance)`,
        evidence: {
          ...transferEvidence(ctx, t),
          delta,
          variancePct: round(pct, 4),
          tolerancePct: tol,
          receivedAt: isoDate(t.receivedAt),
        },
        trigger: { key: "transferReceiptTolerance", value: pct, threshold: tol },
        eventAt: t.receivedAt,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
