/** TRANSFER_IN_TRANSIT_AGED: shipped, not received, and past expectedAt + grace (goods-in-transit report). */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { isTransferAged, transferCauseKey, transferEvidence } from "@/lib/domain/detect/lanes";
import { addDays, calendarDaysBetween, daysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags aged in-transit transfer lines at the receiving site; exposure = outstanding units × unit cost; lanes with several form one case. */
export function detectTransferInTransitAged(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (const t of ctx.transferLines) {
    if (!t.shippedAt || !isTransferAged(ctx, t)) continue;
    const grace = threshold(ctx, "transferGraceDays", t.toLocationId, t.itemId);
    const outstanding = t.qtyShipped - t.qtyReceived;
    const item = ctx.itemsById.get(t.itemId);
    const { exposure, impact } = financialImpact(`transfer:${t.transferOrderId}:${t.itemId}`, outstanding, item?.unitCost ?? 0, "TRANSFER");
    out.push(
      makeFinding(ctx, {
        type: "TRANSFER_IN_TRANSIT_AGED",
        objectKey: `${t.transferOrderId}:${t.itemId}`,
        causeKey: transferCauseKey(ctx, t),
        siteId: t.toLocationId,
        itemId: t.itemId,
        supplierId: null,
        summary: `${t.transferNumber}: ${fmtQty(outstanding)} ${skuOf(ctx, t.itemId)} shipped ${isoDate(t.shippedAt)} from ${locCode(ctx, t.fromLocationId)} to ${locCode(ctx, t.toLocationId)}${t.carrier ? ` via ${t.carrier}` : ""}, expected ${isoDate(t.expectedAt)}, ${calendarDaysBetween(t.expectedAt, ctx.asOf)} days overdue`,
        evidence: {
          ...transferEvidence(ctx, t),
          shippedAt: isoDate(t.shippedAt),
          expectedAt: isoDate(t.expectedAt),
          graceDays: grace,
        },
        // isTransferAged: expectedAt + grace < asOf.
        trigger: { key: "transferGraceDays", value: daysBetween(t.expectedAt, ctx.asOf), threshold: grace },
        eventAt: addDays(t.expectedAt, grace),
        exposure,
        impact,
      }),
    );
  }
  return out;
}
