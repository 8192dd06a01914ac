/**
 * DEMAND_SPIKE: one open order line asks for more than k × average daily demand (DDMRP order-spike
 * threshold). When several SKUs of one family spike at one site (a weather event, a promotion),
 * the family at that site is the cause: one case for all of them.
 */
import type { Finding } from "@/lib/domain/model/case-draft";
import type { SnapshotSoLine } from "@/lib/domain/model/snapshot";
import { itemLocKey, memo, threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding, skuOf } from "@/lib/domain/detect/finding";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty, round } from "@/lib/domain/util/numbers";

/** The spike limit (k × ADU) of an item-location, or null when it has no demand rate (no line can spike). */
function spikeLimitAt(ctx: DetectionContext, itemId: string, locationId: string): { k: number; limit: number; adu: number } | null {
  const b = ctx.balancesByKey.get(itemLocKey(itemId, locationId));
  if (!b || b.avgDailyDemand <= 0) return null;
  const k = threshold(ctx, "demandSpikeK", locationId, itemId);
  return { k, limit: k * b.avgDailyDemand, adu: b.avgDailyDemand };
}

/** Distinct spiking SKUs per family at a site, over the whole snapshot (so incremental runs agree). */
export function spikingSkusPerFamilySite(ctx: DetectionContext): Map<string, Set<string>> {
  return memo(ctx, "spikingSkusPerFamilySite", () => {
    const m = new Map<string, Set<string>>();
    // Per item-location (one limit each), not per line: only family items can form a family case.
    for (const lines of ctx.soLinesByKey.values()) {
      const { itemId, locationId } = lines[0];
      const family = ctx.itemsById.get(itemId)?.family;
      if (!family) continue;
      const spike = spikeLimitAt(ctx, itemId, locationId);
      if (!spike || !lines.some((s) => s.qtyOrdered > spike.limit)) continue;
      const k = `${family}:${locationId}`;
      const set = m.get(k) ?? new Set<string>();
      set.add(itemId);
      m.set(k, set);
    }
    return m;
  });
}

/** Cause key of a spike: its family at the site when ≥ 2 SKUs of the family spike there, else the item-location. */
export function spikeCauseKey(ctx: DetectionContext, itemId: string, locationId: string): string {
  const family = ctx.itemsById.get(itemId)?.family;
  if (family && (spikingSkusPerFamilySite(ctx).get(`${family}:${locationId}`)?.size ?? 0) >= 2) return `spike:${family}:${locationId}`;
  return `itemloc:${itemId}:${locationId}`;
}

/** Flags spiking SO lines to verify; exposure = units above the limit × unit cost (stock committed to unverified demand). */
export function detectDemandSpike(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  // Per item-location in scope: the limit is computed once for all of its lines.
  for (let i = 0; i < ctx.balances.length; i++) {
    const b = ctx.balances[i];
    if (b.avgDailyDemand <= 0) continue;
    const key = ctx.balanceKeys[i];
    const lines = ctx.soLinesByKey.get(key);
    if (!lines || ctx.balancesByKey.get(key) !== b) continue; // one pass per item-location
    const spike = spikeLimitAt(ctx, b.itemId, b.locationId);
    if (!spike) continue;
    for (const s of lines) if (s.qtyOrdered > spike.limit) out.push(spikeFinding(ctx, s, spike));
  }
  return out;
}

/** The finding of one spiking line. */
function spikeFinding(ctx: DetectionContext, s: SnapshotSoLine, spike: { k: number; limit: number; adu: number }): Finding {
  const { k, limit, adu } = spike;
  const item = ctx.itemsById.get(s.itemId);
  const { exposure, impact } = financialImpact(`spike:${s.id}`, s.qtyOrdered - limit, item?.unitCost ?? 0, "REALLOCATE");
  const causeKey = spikeCauseKey(ctx, s.itemId, s.locationId);
  return makeFinding(ctx, {
    type: "DEMAND_SPIKE",
    objectKey: s.id,
    causeKey,
    siteId: s.locationId,
    itemId: s.itemId,
    supplierId: item?.primarySupplierId ?? null,
    summary: `${s.soNumber} line ${s.lineNo}: ${fmtQty(s.qtyOrdered)} ${skuOf(ctx, s.itemId)} at ${locCode(ctx, s.locationId)} is ${round(s.qtyOrdered / adu, 1)}× daily demand (${fmtQty(adu)}/day, threshold ${k}×), ships ${isoDate(s.promisedShipDate)}`,
    evidence: { soLineId: s.id, salesOrderId: s.salesOrderId, soNumber: s.soNumber, soNumbers: [s.soNumber], lineNo: s.lineNo, customerId: s.customerId, customerTier: s.customerTier, qtyOrdered: s.qtyOrdered, avgDailyDemand: adu, k, threshold: limit, family: item?.family ?? null, sku: skuOf(ctx, s.itemId), locationCode: locCode(ctx, s.locationId) },
    // qty > k × ADU ⟺ qty / ADU > k (ADU > 0 here).
    trigger: { key: "demandSpikeK", value: s.qtyOrdered / adu, threshold: k },
    eventAt: ctx.balancesByKey.get(itemLocKey(s.itemId, s.locationId))?.sourceUpdatedAt ?? ctx.asOf,
    exposure,
    impact,
    // A family spike owns the shortages it causes at each of its item-locations.
    links: causeKey.startsWith("spike:") ? [`shortage:${itemLocKey(s.itemId, s.locationId)}`] : undefined,
  });
}
