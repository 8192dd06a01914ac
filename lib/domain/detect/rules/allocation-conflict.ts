/**
 * ALLOCATION_CONFLICT at an item-location:
 * (a) Σ allocations on open SO lines > on hand − quality hold (reservations exceed usable stock), or
 * (b) a higher-tier / higher-priority order, unallocated and projected short within the horizon,
 *     while a lower-ranked order holds allocated stock (Blue Yonder rebalancer logic).
 */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext, projectionAt } from "@/lib/domain/detect/context";
import { locCode, makeFinding, shortageImpact, shortDays, skuOf } from "@/lib/domain/detect/finding";
import { compareOrderRank, heldAllocation } from "@/lib/domain/detect/orders";
import { unallocatedOpenQty } from "@/lib/domain/projection/projected-balance";
import { addDays, calendarDaysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Exposure = units that reallocation would serve × service value, under the shortage key (the same shortage the at-risk orders show). */
export function detectAllocationConflict(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    const key = ctx.balanceKeys[i];
    const lines = ctx.soLinesByKey.get(key);
    if (!lines || lines.length === 0) continue;
    const allocated = lines.reduce((n, s) => n + heldAllocation(s), 0);
    const usable = Math.max(0, b.onHand - b.qualityHold);
    const overAllocated = Math.max(0, allocated - usable);

    const p = projectionAt(ctx, i);
    // Inversions need a short line, which needs a projected shortage: most item-locations stop here.
    if (overAllocated <= 0 && (!p || p.shortageDay === null)) continue;
    const horizon = threshold(ctx, "allocationHorizonDays", b.locationId, b.itemId);
    const negative = p && p.shortageDay !== null ? shortDays(p) : new Set<number>();
    const windowEnd = addDays(ctx.asOf, horizon);
    const short = lines.filter((s) => unallocatedOpenQty(s) > 0 && s.promisedShipDate <= windowEnd && negative.has(Math.max(0, calendarDaysBetween(ctx.asOf, s.promisedShipDate))));
    // Lower-ranked holders that outrank none of the short lines they would yield to.
    const inversions = short
      .map((hi) => ({ hi, holders: lines.filter((lo) => lo.id !== hi.id && heldAllocation(lo) > 0 && !lo.customerCreditHold && compareOrderRank(hi, lo) > 0) }))
      .filter((x) => x.holders.length > 0);
    if (overAllocated <= 0 && inversions.length === 0) continue;

    const holders = [...new Map(inversions.flatMap((x) => x.holders).map((h) => [h.id, h])).values()].sort((x, y) => compareOrderRank(x, y) || x.soNumber.localeCompare(y.soNumber));
    const needed = inversions.reduce((n, x) => n + unallocatedOpenQty(x.hi), 0);
    const releasable = holders.reduce((n, h) => n + heldAllocation(h), 0);
    const reallocatable = Math.min(needed, releasable);
    const units = Math.max(overAllocated, reallocatable);
    const item = ctx.itemsById.get(b.itemId);
    const tStar = short.length ? (p?.shortageDate ?? ctx.asOf) : ctx.asOf;
    const { exposure, impact } = shortageImpact(ctx, item, b.locationId, units, { tStar, suggestedAction: "REALLOCATE" });
    const parts = [
      overAllocated > 0 ? `${fmtQty(allocated)} allocated vs ${fmtQty(usable)} usable (${fmtQty(overAllocated)} over)` : null,
      inversions.length > 0 ? `${inversions.map((x) => x.hi.soNumber).join(", ")} (${inversions[0].hi.customerTier}) short while ${holders.map((h) => h.soNumber).join(", ")} hold ${fmtQty(releasable)}` : null,
    ].filter(Boolean);
    out.push(
      makeFinding(ctx, {
        type: "ALLOCATION_CONFLICT",
        objectKey: key,
        causeKey: `itemloc:${key}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)}: ${parts.join("; ")}`,
        evidence: {
          sku: skuOf(ctx, b.itemId),
          locationCode: locCode(ctx, b.locationId),
          onHand: b.onHand,
          qualityHold: b.qualityHold,
          allocated,
          overAllocated,
          horizonDays: horizon,
          shortLines: inversions.map((x) => ({ soLineId: x.hi.id, soNumber: x.hi.soNumber, customerTier: x.hi.customerTier, priority: x.hi.priority, qtyShort: unallocatedOpenQty(x.hi), promisedShipDate: isoDate(x.hi.promisedShipDate) })),
          holderLines: holders.map((h) => ({ soLineId: h.id, soNumber: h.soNumber, customerTier: h.customerTier, priority: h.priority, qtyAllocated: heldAllocation(h), promisedShipDate: isoDate(h.promisedShipDate) })),
          reallocatableUnits: reallocatable,
        },
        eventAt: b.sourceUpdatedAt,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
