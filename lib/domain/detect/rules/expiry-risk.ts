/**
 * EXPIRY_RISK: lot quantity that forecast demand will not consume before the lot expires,
 * consuming lots first-expired-first-out (OH_lot − Σ forecast to expiry > 0).
 */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { addDays, calendarDaysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty, fmtUsd, round } from "@/lib/domain/util/numbers";

/** Exposure = units left at expiry × unit cost (the write-off); t* = the first at-risk lot's expiry date. */
export function detectExpiryRisk(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    const key = ctx.balanceKeys[i];
    const lots = ctx.lotsByKey.get(key);
    if (!lots) continue;
    const lookahead = threshold(ctx, "expiryLookaheadDays", b.locationId, b.itemId);
    const minUnits = threshold(ctx, "expiryMinUnits", b.locationId, b.itemId);
    const horizonEnd = addDays(ctx.asOf, lookahead);
    const demand = Math.max(0, b.avgDailyDemand);
    // ctx.lots is sorted by expiry, so this is FEFO order.
    let consumed = 0;
    const atRisk: { lot: string; qty: number; expiresAt: Date; leftover: number }[] = [];
    for (const l of lots) {
      if (!l.expiresAt || l.qty <= 0 || l.expiresAt > horizonEnd) continue;
      const days = Math.max(0, calendarDaysBetween(ctx.asOf, l.expiresAt)); // whole days of demand before the expiry day, as in the projection
      const used = Math.min(l.qty, Math.max(0, demand * days - consumed));
      consumed += used;
      const leftover = round(l.qty - used, 2);
      if (leftover >= Math.max(minUnits, 1e-9)) atRisk.push({ lot: l.lot, qty: l.qty, expiresAt: l.expiresAt, leftover });
    }
    if (atRisk.length === 0) continue;
    const item = ctx.itemsById.get(b.itemId);
    const unitCost = Math.max(0, item?.unitCost ?? 0);
    const units = round(atRisk.reduce((n, x) => n + x.leftover, 0), 2);
    const first = atRisk[0];
    out.push(
      makeFinding(ctx, {
        type: "EXPIRY_RISK",
        objectKey: key,
        causeKey: `itemloc:${key}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)}: ${fmtQty(units)} units in ${atRisk.length} lot(s) will expire unsold (first lot ${first.lot} on ${isoDate(first.expiresAt)}, ${fmtQty(demand)}/day forecast), ${fmtUsd(units * unitCost)} write-off`,
        evidence: {
          sku: skuOf(ctx, b.itemId),
          locationCode: locCode(ctx, b.locationId),
          avgDailyDemand: demand,
          lookaheadDays: lookahead,
          lots: atRisk.map((x) => ({ lot: x.lot, qty: x.qty, expiresAt: isoDate(x.expiresAt), unitsLeftAtExpiry: x.leftover })),
          unitsAtRisk: units,
          t_star: isoDate(first.expiresAt),
        },
        eventAt: b.sourceUpdatedAt,
        exposure: round(units * unitCost),
        impact: { kind: "FINANCIAL", key: `expiry:${key}`, units, tStar: first.expiresAt, eta: null, gapDays: null, unitMargin: null, penalty: null, tierWeight: null, unitCost, suggestedAction: "TRANSFER" },
      }),
    );
  }
  return out;
}
