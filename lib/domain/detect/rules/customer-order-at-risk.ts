/**
 * CUSTOMER_ORDER_AT_RISK: open order lines promised on a day where projected balance is negative
 * (their projected ship date falls after the promise). One finding per item-location lists the lines.
 */
import type { Finding } from "@/lib/domain/model/case-draft";
import { type DetectionContext, projectionAt } from "@/lib/domain/detect/context";
import { locCode, makeFinding, shortageImpact, shortDays, skuOf } from "@/lib/domain/detect/finding";
import { firstCoveringReceipt, unallocatedOpenQty } from "@/lib/domain/projection/projected-balance";
import { calendarDaysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags item-locations with at-risk order lines; exposure = min(units on those lines, Q_short) × service value. */
export function detectCustomerOrderAtRisk(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    const key = ctx.balanceKeys[i];
    const p = projectionAt(ctx, i);
    if (!p || p.shortageDay === null || !p.shortageDate) continue;
    const negative = shortDays(p);
    const lines = (ctx.soLinesByKey.get(key) ?? [])
      .filter((s) => unallocatedOpenQty(s) > 0 && negative.has(Math.max(0, calendarDaysBetween(ctx.asOf, s.promisedShipDate))))
      .sort((a, b) => a.promisedShipDate.getTime() - b.promisedShipDate.getTime() || a.soNumber.localeCompare(b.soNumber) || a.lineNo - b.lineNo);
    if (lines.length === 0) continue;
    const item = ctx.itemsById.get(b.itemId);
    const units = Math.min(p.shortageQty, lines.reduce((n, s) => n + unallocatedOpenQty(s), 0));
    const r = firstCoveringReceipt(p);
    const { exposure, impact } = shortageImpact(ctx, item, b.locationId, units, { tStar: p.shortageDate, eta: r?.eta ?? null, gapDays: r ? r.day - p.shortageDay : null, suggestedAction: "REALLOCATE" });
    const strategic = lines.filter((s) => s.customerTier === "STRATEGIC").length;
    const soNumbers = [...new Set(lines.map((s) => s.soNumber))];
    out.push(
      makeFinding(ctx, {
        type: "CUSTOMER_ORDER_AT_RISK",
        objectKey: key,
        causeKey: `itemloc:${key}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${lines.length} order line(s) for ${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)} projected to miss promise (${soNumbers.slice(0, 3).join(", ")}${soNumbers.length > 3 ? ", …" : ""}), ${fmtQty(units)} units${strategic ? `, ${strategic} STRATEGIC` : ""}`,
        evidence: {
          sku: skuOf(ctx, b.itemId),
          locationCode: locCode(ctx, b.locationId),
          t_star: isoDate(p.shortageDate),
          soNumbers,
          soLines: lines.map((s) => ({ soLineId: s.id, salesOrderId: s.salesOrderId, soNumber: s.soNumber, lineNo: s.lineNo, customerId: s.customerId, customerTier: s.customerTier, qtyOpen: unallocatedOpenQty(s), promisedShipDate: isoDate(s.promisedShipDate) })),
          unitsAtRisk: units,
        },
        // Past-due promises date the condition; otherwise the balance update that revealed it.
        eventAt: lines[0].promisedShipDate < ctx.asOf ? lines[0].promisedShipDate : b.sourceUpdatedAt,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
