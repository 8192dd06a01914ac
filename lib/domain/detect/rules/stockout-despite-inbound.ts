/** STOCKOUT_DESPITE_INBOUND: PAB < 0 at t*, and the first inbound covering it arrives more than the tolerance after t*. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { type DetectionContext, threshold, projectionAt } from "@/lib/domain/detect/context";
import { locCode, makeFinding, shortageImpact, skuOf } from "@/lib/domain/detect/finding";
import { firstCoveringReceipt } from "@/lib/domain/projection/projected-balance";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags shortages whose covering receipt is late by gap_days > inboundToleranceDays; evidence names the receipt. */
export function detectStockoutDespiteInbound(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    const key = ctx.balanceKeys[i];
    const p = projectionAt(ctx, i);
    if (!p || p.shortageDay === null || !p.shortageDate) continue;
    const r = firstCoveringReceipt(p);
    if (!r) continue;
    const gapDays = r.day - p.shortageDay;
    const tolerance = threshold(ctx, "inboundToleranceDays", b.locationId, b.itemId);
    if (gapDays <= tolerance) continue;
    const item = ctx.itemsById.get(b.itemId);
    const { exposure, impact } = shortageImpact(ctx, item, b.locationId, p.shortageQty, {
      tStar: p.shortageDate,
      eta: r.eta,
      gapDays,
      suggestedAction: r.source === "TRANSFER" ? "TRANSFER" : "EXPEDITE",
    });
    const doc = r.poNumber ? `${r.poNumber} line ${r.lineNo}${r.asnNumber ? ` (${r.asnNumber})` : ""}` : (r.transferNumber ?? "inbound");
    out.push(
      makeFinding(ctx, {
        type: "STOCKOUT_DESPITE_INBOUND",
        objectKey: key,
        causeKey: `itemloc:${key}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: r.supplierId ?? item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)} short from ${isoDate(p.shortageDate)} (${fmtQty(p.shortageQty)} units); ${doc} arrives ${isoDate(r.eta)}, ${gapDays} days later`,
        evidence: {
          sku: skuOf(ctx, b.itemId),
          locationCode: locCode(ctx, b.locationId),
          available: p.startingAvailable,
          t_star: isoDate(p.shortageDate),
          Q_short: p.shortageQty,
          eta: isoDate(r.eta),
          etaBasis: r.etaBasis,
          gap_days: gapDays,
          toleranceDays: tolerance,
          receiptQty: r.qty,
          poLineId: r.poLineId,
          poNumber: r.poNumber,
          lineNo: r.lineNo,
          asnNumber: r.asnNumber,
          transferNumber: r.transferNumber,
        },
        trigger: { key: "inboundToleranceDays", value: gapDays, threshold: tolerance },
        eventAt: b.sourceUpdatedAt,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
