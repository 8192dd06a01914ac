/** QUALITY_LOT_HOLD_BLOCKING: quality-held stock is needed to cover a shortage within the lead time, or the hold is older than N days. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { effectiveLeadTimeDays, itemLocKey, type DetectionContext, projectionOf, threshold } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding, shortageImpact, skuOf } from "@/lib/domain/detect/finding";
import { addDays, calendarDaysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/**
 * Demand-blocking holds carry service exposure min(hold qty, Q_short) under the item-location's
 * shortage key (same shortage, counted once); age-only holds carry the held value (qty × cost).
 */
export function detectQualityLotHoldBlocking(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  const holds = ctx.holds.filter((h) => h.kind === "QUALITY" && h.qty > 0);
  for (const h of holds) {
    const key = itemLocKey(h.itemId, h.locationId);
    const maxAge = threshold(ctx, "qualityHoldMaxAgeDays", h.locationId, h.itemId);
    const item = ctx.itemsById.get(h.itemId);
    const p = projectionOf(ctx, key);
    const lt = effectiveLeadTimeDays(ctx, item) || (p?.horizonDays ?? 0);
    const blocking = !!p && p.shortageDay !== null && p.shortageDay <= lt;
    const ageDays = calendarDaysBetween(h.placedAt, ctx.asOf);
    const aged = ageDays > maxAge;
    if (!blocking && !aged) continue;
    const { exposure, impact } =
      blocking && p
        ? shortageImpact(ctx, item, h.locationId, Math.min(h.qty, p.shortageQty), { tStar: p.shortageDate, suggestedAction: "HOLD" })
        : financialImpact(`hold:${h.id}`, h.qty, item?.unitCost ?? 0, "HOLD");
    const why = blocking && p?.shortageDate ? `needed: projected short from ${isoDate(p.shortageDate)} (${fmtQty(p.shortageQty)} units)` : `held ${ageDays} days (limit ${maxAge})`;
    out.push(
      makeFinding(ctx, {
        type: "QUALITY_LOT_HOLD_BLOCKING",
        objectKey: h.id,
        causeKey: `itemloc:${key}`,
        siteId: h.locationId,
        itemId: h.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${fmtQty(h.qty)} ${skuOf(ctx, h.itemId)}${h.lot ? ` lot ${h.lot}` : ""} on quality hold at ${locCode(ctx, h.locationId)} since ${isoDate(h.placedAt)} (${h.reason}); ${why}`,
        evidence: { holdId: h.id, lot: h.lot, reason: h.reason, qty: h.qty, placedAt: isoDate(h.placedAt), ageDays, maxAgeDays: maxAge, blocksDemand: blocking, t_star: p?.shortageDate ? isoDate(p.shortageDate) : null, Q_short: p?.shortageQty ?? 0, sku: skuOf(ctx, h.itemId), locationCode: locCode(ctx, h.locationId) },
        trigger: { key: "qualityHoldMaxAgeDays", value: ageDays, threshold: maxAge, also: blocking },
        eventAt: blocking ? h.placedAt : addDays(h.placedAt, maxAge),
        exposure,
        impact,
      }),
    );
  }
  return out;
}
