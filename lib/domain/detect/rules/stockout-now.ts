/** STOCKOUT_NOW: available ≤ 0 while there is open demand or forecast within the lead time. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { effectiveLeadTimeDays, type DetectionContext, projectionAt } from "@/lib/domain/detect/context";
import { locCode, makeFinding, shortageImpact, skuOf } from "@/lib/domain/detect/finding";
import { unallocatedOpenQty } from "@/lib/domain/projection/projected-balance";
import { addDays } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags item-locations stocked out now; exposure = projected Q_short (at least the current deficit) × service value. */
export function detectStockoutNow(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    const available = b.onHand - b.allocated - b.qualityHold;
    if (available > 0) continue;
    const key = ctx.balanceKeys[i];
    const item = ctx.itemsById.get(b.itemId);
    const windowEnd = addDays(ctx.asOf, Math.max(1, effectiveLeadTimeDays(ctx, item)));
    const firm = (ctx.soLinesByKey.get(key) ?? []).filter((s) => s.promisedShipDate <= windowEnd).reduce((n, s) => n + unallocatedOpenQty(s), 0);
    if (firm <= 0 && b.avgDailyDemand <= 0) continue;
    const p = projectionAt(ctx, i);
    const units = Math.max(p?.shortageQty ?? 0, -available);
    const { exposure, impact } = shortageImpact(ctx, item, b.locationId, units, { tStar: ctx.asOf, suggestedAction: "TRANSFER" });
    out.push(
      makeFinding(ctx, {
        type: "STOCKOUT_NOW",
        objectKey: key,
        causeKey: `itemloc:${key}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)} stocked out: available ${fmtQty(available)} (OH ${fmtQty(b.onHand)} − alloc ${fmtQty(b.allocated)} − hold ${fmtQty(b.qualityHold)}), ${fmtQty(firm)} open order units and ${fmtQty(b.avgDailyDemand)}/day forecast`,
        evidence: { sku: skuOf(ctx, b.itemId), locationCode: locCode(ctx, b.locationId), onHand: b.onHand, allocated: b.allocated, qualityHold: b.qualityHold, available, openDemandInLeadTime: firm, avgDailyDemand: b.avgDailyDemand, Q_short: units },
        eventAt: b.sourceUpdatedAt,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
