/**
 * SURPLUS_ON_ORDER: open PO receipts push the projected balance above max stock (or above
 * surplusDaysOfCover × d̄) when they land (Netstock "surplus orders"; D365 decrease/postpone).
 */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext, projectionAt } from "@/lib/domain/detect/context";
import { locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { projectedOn, type Projection, type ScheduledReceipt } from "@/lib/domain/projection/projected-balance";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty, fmtUsd, round } from "@/lib/domain/util/numbers";

/** PAB on `day`, extended past the horizon at the forecast rate with the receipts that land out there. */
function pabOn(p: Projection, day: number, dailyDemand: number): number {
  if (day <= p.horizonDays) return projectedOn(p, Math.max(0, day));
  let pab = projectedOn(p, p.horizonDays) - dailyDemand * (day - p.horizonDays);
  for (const r of p.receipts) if (r.day > p.horizonDays && r.day <= day) pab += r.qty;
  return pab;
}

/**
 * Surplus units = max over PO arrival days of (PAB − cap), at most the PO quantity landed by then.
 * Exposure = surplus × unit cost × holding rate × days to burn it off / 365 (a year without demand).
 * The latest-arriving PO lines are named first: they are the ones to postpone or cancel.
 */
export function detectSurplusOnOrder(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    const key = ctx.balanceKeys[i];
    if (!ctx.poLinesByKey.has(key)) continue;
    const p = projectionAt(ctx, i);
    if (!p) continue;
    const poReceipts = p.receipts.filter((r) => r.source !== "TRANSFER" && r.poLineId);
    if (poReceipts.length === 0) continue;
    const N = threshold(ctx, "surplusDaysOfCover", b.locationId, b.itemId);
    const caps: number[] = [];
    if (b.maxStock != null) caps.push(b.maxStock);
    if (b.avgDailyDemand > 0) caps.push(b.avgDailyDemand * N);
    if (caps.length === 0) continue;
    const cap = Math.min(...caps);
    let worst: { day: number; over: number; landed: ScheduledReceipt[] } | null = null;
    for (const r of poReceipts) {
      const landed = poReceipts.filter((x) => x.day <= r.day);
      const over = Math.min(pabOn(p, r.day, b.avgDailyDemand) - cap, landed.reduce((n, x) => n + x.qty, 0));
      if (over > 0 && (!worst || over > worst.over)) worst = { day: r.day, over, landed };
    }
    if (!worst) continue;
    const surplus = round(worst.over, 2);
    const item = ctx.itemsById.get(b.itemId);
    const unitCost = Math.max(0, item?.unitCost ?? 0);
    const daysExcess = b.avgDailyDemand > 0 ? Math.min(365, surplus / b.avgDailyDemand) : 365;
    const holding = ctx.params.holdingRatePerYear;
    const exposure = round(surplus * unitCost * holding * (daysExcess / 365));
    // Postpone the latest arrivals first.
    let left = surplus;
    const toPostpone: { poLineId: string; poNumber: string | null; lineNo: number | null; qty: number; eta: string }[] = [];
    for (const r of [...worst.landed].reverse()) {
      if (left <= 0) break;
      const qty = Math.min(r.qty, left);
      left -= qty;
      toPostpone.push({ poLineId: r.poLineId as string, poNumber: r.poNumber, lineNo: r.lineNo, qty: round(qty, 2), eta: isoDate(r.eta) });
    }
    const peakDate = isoDate(new Date(p.asOfDay.getTime() + worst.day * 86_400_000));
    out.push(
      makeFinding(ctx, {
        type: "SURPLUS_ON_ORDER",
        objectKey: key,
        causeKey: `itemloc:${key}`,
        siteId: b.locationId,
        itemId: b.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${skuOf(ctx, b.itemId)} at ${locCode(ctx, b.locationId)}: open POs lift projected stock ${fmtQty(surplus)} units above ${b.maxStock != null && b.maxStock === cap ? `max ${fmtQty(cap)}` : `${N} days of cover (${fmtQty(round(cap, 1))})`} on ${peakDate} (${fmtUsd(surplus * unitCost)}); postpone ${toPostpone.map((x) => x.poNumber).join(", ")}`,
        evidence: {
          sku: skuOf(ctx, b.itemId),
          locationCode: locCode(ctx, b.locationId),
          cap,
          maxStock: b.maxStock,
          surplusDaysOfCover: N,
          avgDailyDemand: b.avgDailyDemand,
          peakDate,
          surplusUnits: surplus,
          daysExcess: round(daysExcess, 1),
          holdingRate: holding,
          poLines: toPostpone,
          poLineId: toPostpone[0]?.poLineId ?? null,
        },
        eventAt: b.sourceUpdatedAt,
        exposure,
        impact: { kind: "FINANCIAL", key: `surplus:${key}`, units: surplus, tStar: null, eta: null, gapDays: null, unitMargin: null, penalty: null, tierWeight: null, unitCost, suggestedAction: "ADJUST" },
      }),
    );
  }
  return out;
}
