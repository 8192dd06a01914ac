/** DEMAND_SPIKE: one open order line asks for more than k × average daily demand (DDMRP order-spike threshold). */
import type { Finding } from "@/lib/domain/model/case-draft";
import { itemLocKey, type DetectionContext } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty, round } from "@/lib/domain/util/numbers";

/** Flags spiking SO lines to verify; exposure = units above the threshold × unit cost (stock committed to unverified demand). */
export function detectDemandSpike(ctx: DetectionContext): Finding[] {
  const k = ctx.params.rules.demandSpikeK;
  const out: Finding[] = [];
  const lines = [...ctx.snapshot.soLines].sort((a, b) => a.soNumber.localeCompare(b.soNumber) || a.lineNo - b.lineNo || a.id.localeCompare(b.id));
  for (const s of lines) {
    const b = ctx.balancesByKey.get(itemLocKey(s.itemId, s.locationId));
    if (!b || b.avgDailyDemand <= 0) continue;
    const threshold = k * b.avgDailyDemand;
    if (s.qtyOrdered <= threshold) continue;
    const item = ctx.itemsById.get(s.itemId);
    const { exposure, impact } = financialImpact(`spike:${s.id}`, s.qtyOrdered - threshold, item?.unitCost ?? 0, "REALLOCATE");
    out.push(
      makeFinding(ctx, {
        type: "DEMAND_SPIKE",
        objectKey: s.id,
        causeKey: `itemloc:${s.itemId}:${s.locationId}`,
        siteId: s.locationId,
        itemId: s.itemId,
        supplierId: item?.primarySupplierId ?? null,
        summary: `${s.soNumber} line ${s.lineNo}: ${fmtQty(s.qtyOrdered)} ${skuOf(ctx, s.itemId)} at ${locCode(ctx, s.locationId)} is ${round(s.qtyOrdered / b.avgDailyDemand, 1)}× daily demand (${fmtQty(b.avgDailyDemand)}/day, threshold ${k}×), ships ${isoDate(s.promisedShipDate)}`,
        evidence: { soLineId: s.id, salesOrderId: s.salesOrderId, soNumber: s.soNumber, soNumbers: [s.soNumber], lineNo: s.lineNo, customerId: s.customerId, customerTier: s.customerTier, qtyOrdered: s.qtyOrdered, avgDailyDemand: b.avgDailyDemand, k, threshold, sku: skuOf(ctx, s.itemId), locationCode: locCode(ctx, s.locationId) },
        eventAt: b.sourceUpdatedAt,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
