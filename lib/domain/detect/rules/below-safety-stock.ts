/** BELOW_SAFETY_STOCK: min PAB within the lead time dips below SS without going negative (a shortage is reported by the stockout rules). */
import type { Finding } from "@/lib/domain/model/case-draft";
import { effectiveLeadTimeDays, type DetectionContext, projectionAt } from "@/lib/domain/detect/context";
import { locCode, makeFinding, shortageImpact, skuOf } from "@/lib/domain/detect/finding";
import { expectedUnitsShort } from "@/lib/domain/score/loss-function";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty, round } from "@/lib/domain/util/numbers";

/**
 * Flags safety-stock breaches; units = E[US] = σ_LTD·G(k) with k = min PAB / σ_LTD and
 * σ_LTD = σ_d·√LT, i.e. the expected shortfall if demand varies as usual.
 */
export function detectBelowSafetyStock(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    if (b.safetyStock <= 0) continue;
    const key = ctx.balanceKeys[i];
    const p = projectionAt(ctx, i);
    if (!p || p.shortageDay !== null || p.belowSafetyDay === null || !p.belowSafetyDate) continue;
    const item = ctx.itemsById.get(b.itemId);
    const lt = effectiveLeadTimeDays(ctx, item) || p.horizonDays;
    if (p.belowSafetyDay > lt) continue;
    const window = p.points.filter((x) => x.day <= lt);
    const minPab = Math.min(...window.map((x) => x.projected));
    const sigmaLtd = b.demandStdDev * Math.sqrt(Math.max(1, lt));
    const eus = round(expectedUnitsShort(minPab, sigmaLtd), 2);
    const { exposure, impact } = shortageImpact(ctx, item, b.locationId, eus, { tStar: null, suggestedAction: "EXPEDITE" });
    out.push(
      makeFinding(ctx, {
        type: "BELOW_SAFETY_STOCK",
        objectKey: key,
        causeKey: `itemloc:${key}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)} below safety stock ${fmtQty(b.safetyStock)} from ${isoDate(p.belowSafetyDate)} (min projected ${fmtQty(round(minPab, 1))}, E[units short] ${fmtQty(round(eus, 1))})`,
        evidence: { sku: skuOf(ctx, b.itemId), locationCode: locCode(ctx, b.locationId), safetyStock: b.safetyStock, minProjected: minPab, belowSafetyDate: isoDate(p.belowSafetyDate), sigma_LTD: round(sigmaLtd, 2), expectedUnitsShort: eus },
        eventAt: b.sourceUpdatedAt,
        exposure,
        impact: { ...impact, key: `safety:${key}` },
      }),
    );
  }
  return out;
}
