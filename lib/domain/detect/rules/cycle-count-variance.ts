/** CYCLE_COUNT_VARIANCE: |count − system| / system above the ABC tolerance, or |Δ| × cost above the $ threshold. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { itemLocKey, push, threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty, fmtUsd, round } from "@/lib/domain/util/numbers";

/** Flags out-of-tolerance counts; exposure = |Δ| × unit cost. */
export function detectCycleCountVariance(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  // Every count per item-location (oldest first): repeated variances in one pick face are one story.
  const history = new Map<string, typeof ctx.cycleCounts>();
  for (const c of ctx.cycleCounts) push(history, itemLocKey(c.itemId, c.locationId), c);
  for (const c of ctx.cycleCounts) {
    const item = ctx.itemsById.get(c.itemId);
    if (!item) continue;
    const delta = c.countedQty - c.systemQty;
    if (delta === 0) continue;
    // A zero system quantity makes any found stock a 100% variance.
    const pct = c.systemQty === 0 ? 1 : Math.abs(delta) / Math.abs(c.systemQty);
    const tol = threshold(ctx, "cycleCountTolerance", c.locationId, c.itemId);
    const cycleCountUsdThreshold = threshold(ctx, "cycleCountUsdThreshold", c.locationId, c.itemId);
    const usd = Math.abs(delta) * item.unitCost;
    if (pct <= tol && usd <= cycleCountUsdThreshold) continue;
    const { exposure, impact } = financialImpact(`count:${c.id}`, delta, item.unitCost, "RECOUNT");
    out.push(
      makeFinding(ctx, {
        type: "CYCLE_COUNT_VARIANCE",
        objectKey: c.id,
        causeKey: `itemloc:${c.itemId}:${c.locationId}`,
        siteId: c.locationId,
        itemId: c.itemId,
        supplierId: item.primarySupplierId,
        summary: `${item.sku} at ${locCode(ctx, c.locationId)}: counted ${fmtQty(c.countedQty)} vs system ${fmtQty(c.systemQty)} on ${isoDate(c.countedAt)} (${delta > 0 ? "+" : ""}${fmtQty(delta)}, ${round(pct * 100, 1)}% vs ${round(tol * 100, 1)}% tolerance for class ${item.abcClass}, ${fmtUsd(usd)})`,
        evidence: {
          countHistory: (history.get(itemLocKey(c.itemId, c.locationId)) ?? []).map((h) => ({ countedAt: isoDate(h.countedAt), systemQty: h.systemQty, countedQty: h.countedQty, delta: h.countedQty - h.systemQty })),
          cycleCountId: c.id, sku: skuOf(ctx, c.itemId), locationCode: locCode(ctx, c.locationId), countedAt: c.countedAt.toISOString(), systemQty: c.systemQty, countedQty: c.countedQty, delta, variancePct: round(pct, 4), tolerancePct: tol, abcClass: item.abcClass, varianceUsd: round(usd), usdThreshold: cycleCountUsdThreshold },
        // Either test raises it: the $ threshold alone cannot suppress a count outside its % tolerance.
        trigger: { key: "cycleCountUsdThreshold", value: usd, threshold: cycleCountUsdThreshold, also: pct > tol },
        eventAt: c.countedAt,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
