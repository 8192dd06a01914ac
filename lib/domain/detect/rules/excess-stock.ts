/** EXCESS_STOCK: available stock above max stock, or days of cover (AV / d̄) above excessDaysOfCover. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { type DetectionContext, threshold } from "@/lib/domain/detect/context";
import { locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { fmtQty, fmtUsd, round } from "@/lib/domain/util/numbers";

/**
 * Excess units = AV − min(maxStock, d̄ × N) (whichever caps apply). Exposure = excess × unit cost ×
 * holding rate × days_excess/365, where days_excess = excess / d̄ (capped at a year; a year when d̄ = 0).
 */
export function detectExcessStock(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    const N = threshold(ctx, "excessDaysOfCover", b.locationId, b.itemId);
    const available = b.onHand - b.allocated - b.qualityHold;
    const caps: number[] = [];
    if (b.maxStock != null) caps.push(b.maxStock);
    if (b.avgDailyDemand > 0) caps.push(b.avgDailyDemand * N);
    if (caps.length === 0) continue; // no demand and no max: dead stock, not excess
    const cap = Math.min(...caps);
    const excess = available - cap;
    if (excess <= 0) continue;
    const item = ctx.itemsById.get(b.itemId);
    const unitCost = Math.max(0, item?.unitCost ?? 0);
    const daysExcess = b.avgDailyDemand > 0 ? Math.min(365, excess / b.avgDailyDemand) : 365;
    const exposure = round(excess * unitCost * ctx.params.holdingRatePerYear * (daysExcess / 365));
    const cover = b.avgDailyDemand > 0 ? round(available / b.avgDailyDemand, 1) : null;
    out.push(
      makeFinding(ctx, {
        type: "EXCESS_STOCK",
        objectKey: `${b.itemId}:${b.locationId}`,
        causeKey: `itemloc:${b.itemId}:${b.locationId}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)}: ${fmtQty(available)} available${cover === null ? "" : ` = ${cover} days of cover`}, ${fmtQty(round(excess, 1))} units (${fmtUsd(excess * unitCost)}) above ${b.maxStock != null && b.maxStock === cap ? `max stock ${fmtQty(cap)}` : `${N} days`}`,
        evidence: { sku: skuOf(ctx, b.itemId), locationCode: locCode(ctx, b.locationId), available, maxStock: b.maxStock, avgDailyDemand: b.avgDailyDemand, daysOfCover: cover, excessDaysOfCover: N, excessUnits: excess, daysExcess: round(daysExcess, 1), holdingRate: ctx.params.holdingRatePerYear },
        // available > min(max stock, d̄ × N) ⟺ over max stock, or days of cover (AV / d̄) > N.
        trigger: { key: "excessDaysOfCover", value: b.avgDailyDemand > 0 ? available / b.avgDailyDemand : null, threshold: N, also: b.maxStock != null && available > b.maxStock },
        eventAt: b.sourceUpdatedAt,
        exposure,
        impact: { kind: "FINANCIAL", key: `excess:${b.itemId}:${b.locationId}`, units: excess, tStar: null, eta: null, gapDays: null, unitMargin: null, penalty: null, tierWeight: null, unitCost, suggestedAction: "TRANSFER" },
      }),
    );
  }
  return out;
}
