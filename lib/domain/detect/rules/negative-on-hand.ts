/** NEGATIVE_ON_HAND: OH < 0 at an item-location, a record error (unposted receipt or adjustment). */
import type { Finding } from "@/lib/domain/model/case-draft";
import { type DetectionContext } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags every balance with negative on hand; exposure = |OH| × unit cost, impact is now. */
export function detectNegativeOnHand(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    if (b.onHand >= 0) continue;
    const item = ctx.itemsById.get(b.itemId);
    const { exposure, impact } = financialImpact(`record:${b.itemId}:${b.locationId}`, b.onHand, item?.unitCost ?? 0, "RECOUNT", ctx.asOf);
    out.push(
      makeFinding(ctx, {
        type: "NEGATIVE_ON_HAND",
        objectKey: `${b.itemId}:${b.locationId}`,
        causeKey: `itemloc:${b.itemId}:${b.locationId}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)}: on hand is ${fmtQty(b.onHand)} (negative) in ${b.sourceSystem}`,
        evidence: { sku: skuOf(ctx, b.itemId), locationCode: locCode(ctx, b.locationId), onHand: b.onHand, allocated: b.allocated, sourceSystem: b.sourceSystem, sourceUpdatedAt: b.sourceUpdatedAt.toISOString() },
        eventAt: b.sourceUpdatedAt,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
