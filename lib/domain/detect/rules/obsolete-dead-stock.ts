/** OBSOLETE_DEAD_STOCK: stock with no issue in N days (lastIssueAt), no open orders and on-hand value above $X. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { calendarDaysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty, fmtUsd, round } from "@/lib/domain/util/numbers";

/**
 * Exposure = value × (P(obsolete) + holding rate) — the expected write-off plus a year of carrying
 * cost. It shares the item-location's `excess:` key with EXCESS_STOCK so the same units count once.
 * An unknown lastIssueAt counts as dead only when there is no forecast either.
 */
export function detectObsoleteDeadStock(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    if (b.onHand <= 0) continue;
    // Cheapest test first: almost every item-location was issued recently.
    const noIssueDays = threshold(ctx, "obsoleteNoIssueDays", b.locationId, b.itemId);
    const idle = b.lastIssueAt ? calendarDaysBetween(b.lastIssueAt, ctx.asOf) : null;
    if (idle === null ? b.avgDailyDemand > 0 : idle < noIssueDays) continue;
    const key = ctx.balanceKeys[i];
    if ((ctx.soLinesByKey.get(key) ?? []).some((s) => s.qtyOrdered > s.qtyShipped)) continue;
    const item = ctx.itemsById.get(b.itemId);
    const unitCost = Math.max(0, item?.unitCost ?? 0);
    const value = b.onHand * unitCost;
    const minValue = threshold(ctx, "obsoleteMinValueUsd", b.locationId, b.itemId);
    if (value <= minValue) continue;
    const pObsolete = threshold(ctx, "obsoleteProbability", b.locationId, b.itemId);
    const holding = ctx.params.holdingRatePerYear;
    out.push(
      makeFinding(ctx, {
        type: "OBSOLETE_DEAD_STOCK",
        objectKey: key,
        causeKey: `itemloc:${key}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)}: ${fmtQty(b.onHand)} on hand (${fmtUsd(value)}) with ${idle === null ? "no recorded issue" : `no issue for ${idle} days (since ${isoDate(b.lastIssueAt as Date)})`}, limit ${noIssueDays} days`,
        evidence: { sku: skuOf(ctx, b.itemId), locationCode: locCode(ctx, b.locationId), onHand: b.onHand, unitCost, onHandValue: round(value), lastIssueAt: b.lastIssueAt ? isoDate(b.lastIssueAt) : null, daysSinceIssue: idle, noIssueDays, minValueUsd: minValue, pObsolete, holdingRate: holding },
        trigger: { key: "obsoleteMinValueUsd", value, threshold: minValue },
        eventAt: b.lastIssueAt && idle !== null ? new Date(b.lastIssueAt.getTime() + noIssueDays * 86_400_000) : b.sourceUpdatedAt,
        exposure: round(value * (pObsolete + holding)),
        impact: { kind: "FINANCIAL", key: `excess:${key}`, units: b.onHand, tStar: null, eta: null, gapDays: null, unitMargin: null, penalty: null, tierWeight: null, unitCost, suggestedAction: "TRANSFER" },
      }),
    );
  }
  return out;
}
