/** PROJECTED_STOCKOUT_NO_SUPPLY: PAB goes negative within the lead time and no open inbound arrives on/after t*. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { effectiveLeadTimeDays, type DetectionContext, projectionAt } from "@/lib/domain/detect/context";
import { locCode, makeFinding, shortageImpact, skuOf } from "@/lib/domain/detect/finding";
import { firstCoveringReceipt } from "@/lib/domain/projection/projected-balance";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags projected shortages with no covering supply at all; exposure = Q_short × service value. */
export function detectProjectedStockoutNoSupply(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    const key = ctx.balanceKeys[i];
    const p = projectionAt(ctx, i);
    if (!p || p.shortageDay === null || !p.shortageDate) continue;
    const item = ctx.itemsById.get(b.itemId);
    // Window = lead time; a missing lead time means the whole horizon counts.
    const lt = effectiveLeadTimeDays(ctx, item) || p.horizonDays;
    if (p.shortageDay > lt) continue;
    if (firstCoveringReceipt(p)) continue;
    const { exposure, impact } = shortageImpact(ctx, item, b.locationId, p.shortageQty, { tStar: p.shortageDate, suggestedAction: "TRANSFER" });
    out.push(
      makeFinding(ctx, {
        type: "PROJECTED_STOCKOUT_NO_SUPPLY",
        objectKey: key,
        causeKey: `itemloc:${key}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)} projected short from ${isoDate(p.shortageDate)} (${fmtQty(p.shortageQty)} units), no open PO or transfer arrives after that`,
        evidence: { sku: skuOf(ctx, b.itemId), locationCode: locCode(ctx, b.locationId), available: p.startingAvailable, avgDailyDemand: b.avgDailyDemand, t_star: isoDate(p.shortageDate), Q_short: p.shortageQty, leadTimeDays: lt, openReceipts: p.receipts.length },
        eventAt: b.sourceUpdatedAt,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
