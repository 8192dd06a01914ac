/** Shared helpers for rules: labels for summaries, exposure formulas, and the Finding builder. */
import type { Finding, FindingImpact } from "@/lib/domain/model/case-draft";
import type { SnapshotItem, SnapshotPoLine } from "@/lib/domain/model/snapshot";
import type { Projection } from "@/lib/domain/projection/projected-balance";
import { highestTier, itemLocKey, type DetectionContext } from "@/lib/domain/detect/context";
import { isoDate, minDate } from "@/lib/domain/util/dates";
import { round } from "@/lib/domain/util/numbers";

/** Location code for summaries (falls back to the id). */
export function locCode(ctx: DetectionContext, locationId: string): string {
  return ctx.locationsById.get(locationId)?.code ?? locationId;
}

/** SKU for summaries (falls back to the id). */
export function skuOf(ctx: DetectionContext, itemId: string): string {
  return ctx.itemsById.get(itemId)?.sku ?? itemId;
}

export interface ServiceValue {
  unitMargin: number;
  penalty: number;
  tierWeight: number;
  tier: string;
  perUnit: number;
}

/** Per-unit service value: (unit margin + stock-out penalty) × tier weight, tier from the item-loc's open orders. */
export function serviceValue(ctx: DetectionContext, item: SnapshotItem | undefined, locationId: string): ServiceValue {
  const price = Math.max(0, item?.unitPrice ?? 0);
  const unitMargin = Math.max(0, price - Math.max(0, item?.unitCost ?? 0));
  const penalty = ctx.params.stockoutPenaltyFractionOfPrice * price;
  const tier = highestTier(item ? (ctx.soLinesByKey.get(itemLocKey(item.id, locationId)) ?? []) : []);
  const tierWeight = ctx.params.tierWeights[tier];
  return { unitMargin, penalty, tierWeight, tier, perUnit: (unitMargin + penalty) * tierWeight };
}

/** Shortage impact of an item-location's projection; the key is shared by every finding about this shortage. */
export function shortageImpact(
  ctx: DetectionContext,
  item: SnapshotItem | undefined,
  locationId: string,
  units: number,
  extra: Partial<FindingImpact> & { suggestedAction: string },
): { exposure: number; impact: FindingImpact } {
  const sv = serviceValue(ctx, item, locationId);
  const impact: FindingImpact = {
    kind: "SERVICE",
    key: `shortage:${item?.id ?? "?"}:${locationId}`,
    units,
    tStar: null,
    eta: null,
    gapDays: null,
    unitMargin: sv.unitMargin,
    penalty: sv.penalty,
    tierWeight: sv.tierWeight,
    unitCost: item?.unitCost ?? null,
    ...extra,
  };
  return { exposure: round(units * sv.perUnit), impact };
}

/** Financial impact: units × unit cost (variance, value in limbo), keyed per object. */
export function financialImpact(key: string, units: number, unitCost: number, suggestedAction: string, tStar: Date | null = null): { exposure: number; impact: FindingImpact } {
  return {
    exposure: round(Math.abs(units) * Math.max(0, unitCost)),
    impact: { kind: "FINANCIAL", key, units: Math.abs(units), tStar, eta: null, gapDays: null, unitMargin: null, penalty: null, tierWeight: null, unitCost, suggestedAction },
  };
}

/** Day indexes on which the projection is negative: demand promised on those days cannot be served. */
export function shortDays(p: Projection): Set<number> {
  return new Set(p.points.filter((x) => x.projected < 0).map((x) => x.day));
}

export type FindingInput = Omit<Finding, "fingerprint" | "chainOrder" | "eventAt"> & { objectKey: string; eventAt: Date };

/** Builds a Finding with a stable fingerprint; eventAt never lies in the future of asOf. */
export function makeFinding(ctx: DetectionContext, f: FindingInput): Finding {
  const { objectKey, ...rest } = f;
  return { ...rest, fingerprint: `${f.type}:${objectKey}`, chainOrder: 0, eventAt: minDate(f.eventAt, ctx.asOf) };
}

/** True when the line's ASNs already shipped the whole order: open quantity is a receipt shortfall, not late supply. */
export function shippedInFull(ctx: DetectionContext, line: SnapshotPoLine): boolean {
  const shipped = (ctx.asnLinesByPoLine.get(line.id) ?? []).reduce((n, a) => n + a.qtyShipped, 0);
  return shipped >= line.qtyOrdered;
}

/** Open quantity of a PO line. */
export function openPoQty(line: SnapshotPoLine): number {
  return Math.max(0, line.qtyOrdered - line.qtyReceived);
}

/**
 * Proxy exposure of a troubled PO line: open value × (1 − supplier on-time rate), the value
 * expected to arrive late. Dropped from a case that also holds the concrete shortage it causes.
 */
export function supplyAtRiskImpact(ctx: DetectionContext, line: SnapshotPoLine, suggestedAction: string): { exposure: number; impact: FindingImpact } {
  const lateRate = 1 - (ctx.suppliersById.get(line.supplierId)?.onTimeRate ?? 0);
  const units = openPoQty(line);
  return {
    exposure: round(units * line.unitCost * Math.max(0, lateRate)),
    impact: { kind: "SERVICE", key: `supply:${line.id}`, proxy: true, units, tStar: null, eta: null, gapDays: null, unitMargin: null, penalty: null, tierWeight: null, unitCost: line.unitCost, suggestedAction },
  };
}

/** Evidence every PO-line finding carries so the UI can link the documents. */
export function poEvidence(ctx: DetectionContext, line: SnapshotPoLine): Record<string, unknown> {
  return {
    poLineId: line.id,
    purchaseOrderId: line.purchaseOrderId,
    poNumber: line.poNumber,
    lineNo: line.lineNo,
    supplierId: line.supplierId,
    supplierCode: ctx.suppliersById.get(line.supplierId)?.code ?? null,
    sku: skuOf(ctx, line.itemId),
    locationCode: locCode(ctx, line.locationId),
    qtyOrdered: line.qtyOrdered,
    qtyReceived: line.qtyReceived,
    qtyOpen: openPoQty(line),
    promisedDate: isoDate(line.promisedDate),
    sourceSystem: line.sourceSystem,
  };
}

/** PO lines in a stable order (PO number, line), restricted to the run's scope. */
export function sortedPoLines(ctx: DetectionContext): SnapshotPoLine[] {
  return ctx.poLines;
}
