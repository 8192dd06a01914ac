/** TRANSFER_IN_TRANSIT_AGED: shipped, not fully received, and past expectedAt + grace (goods-in-transit report). */
import type { Finding } from "@/lib/domain/model/case-draft";
import type { DetectionContext } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { addDays, calendarDaysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags aged in-transit transfer lines at the receiving site; exposure = outstanding units × unit cost. */
export function detectTransferInTransitAged(ctx: DetectionContext): Finding[] {
  const grace = ctx.params.rules.transferGraceDays;
  const out: Finding[] = [];
  const lines = [...ctx.snapshot.transferLines].sort((a, b) => a.transferNumber.localeCompare(b.transferNumber) || a.itemId.localeCompare(b.itemId));
  for (const t of lines) {
    const outstanding = t.qtyShipped - t.qtyReceived;
    if (!t.shippedAt || outstanding <= 0) continue;
    const due = addDays(t.expectedAt, grace);
    if (due >= ctx.asOf) continue;
    const item = ctx.itemsById.get(t.itemId);
    const { exposure, impact } = financialImpact(`transfer:${t.transferOrderId}:${t.itemId}`, outstanding, item?.unitCost ?? 0, "TRANSFER");
    out.push(
      makeFinding(ctx, {
        type: "TRANSFER_IN_TRANSIT_AGED",
        objectKey: `${t.transferOrderId}:${t.itemId}`,
        causeKey: `transfer:${t.transferOrderId}:${t.itemId}`,
        siteId: t.toLocationId,
        itemId: t.itemId,
        supplierId: null,
        summary: `${t.transferNumber}: ${fmtQty(outstanding)} ${skuOf(ctx, t.itemId)} shipped ${isoDate(t.shippedAt)} from ${locCode(ctx, t.fromLocationId)} to ${locCode(ctx, t.toLocationId)}, expected ${isoDate(t.expectedAt)}, ${calendarDaysBetween(t.expectedAt, ctx.asOf)} days overdue`,
        evidence: { transferOrderId: t.transferOrderId, transferNumber: t.transferNumber, sku: skuOf(ctx, t.itemId), fromLocationCode: locCode(ctx, t.fromLocationId), toLocationCode: locCode(ctx, t.toLocationId), qtyShipped: t.qtyShipped, qtyReceived: t.qtyReceived, shippedAt: isoDate(t.shippedAt), expectedAt: isoDate(t.expectedAt), graceDays: grace },
        eventAt: due,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
