/**
 * CREDIT_HOLD_BLOCKING, one finding per credit-held sales order, when
 * (a) it holds allocated stock, shipping within creditHoldHorizonDays, at an item-location that is
 *     projected short (other orders need that stock), or
 * (b) it is a priority order (STRATEGIC/KEY customer or priority 1) due within the horizon: the
 *     credit hold itself blocks the shipment.
 * The finding's cause is the order and it links to the shortages of the order's item-locations,
 * so the order's at-risk lines and the hold form one case.
 */
import type { Finding, FindingImpact } from "@/lib/domain/model/case-draft";
import type { SnapshotSoLine } from "@/lib/domain/model/snapshot";
import { compareSoLines, inScope, itemLocKey, projectionOf, threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { locCode, makeFinding, serviceValue, shortDays, skuOf } from "@/lib/domain/detect/finding";
import { heldAllocation, isPriorityOrder, openSoQty } from "@/lib/domain/detect/orders";
import { unallocatedOpenQty } from "@/lib/domain/projection/projected-balance";
import { addDays, calendarDaysBetween, isoDate, maxDate } from "@/lib/domain/util/dates";
import { fmtQty, round } from "@/lib/domain/util/numbers";

/** An unallocated line promised on a day the item-location is projected negative (allocated lines have their stock). */
function isLineShort(ctx: DetectionContext, s: SnapshotSoLine): boolean {
  if (unallocatedOpenQty(s) <= 0) return false;
  const p = projectionOf(ctx, itemLocKey(s.itemId, s.locationId));
  if (!p || p.shortageDay === null) return false;
  return shortDays(p).has(Math.max(0, calendarDaysBetween(ctx.asOf, s.promisedShipDate)));
}

/**
 * Exposure: the blocked priority lines not already short (order key); otherwise the held stock
 * others need, under that item-location's shortage key (counted once with the at-risk orders).
 */
export function detectCreditHoldBlocking(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  // Each order with a credit-held line in scope, named by its first such line in document order.
  for (const orderLines of ctx.soLinesByOrder.values()) {
    let first: SnapshotSoLine | null = null;
    for (const s of orderLines) if (s.customerCreditHold && inScope(ctx, s.itemId, s.locationId) && (!first || compareSoLines(s, first) < 0)) first = s;
    if (!first) continue;
    const lines = [...(ctx.soLinesByOrder.get(first.salesOrderId) ?? [])].filter((s) => openSoQty(s) > 0).sort((a, b) => a.promisedShipDate.getTime() - b.promisedShipDate.getTime() || a.lineNo - b.lineNo);
    if (lines.length === 0) continue;
    const horizon = threshold(ctx, "creditHoldHorizonDays", lines[0].locationId, lines[0].itemId);
    const windowEnd = addDays(ctx.asOf, horizon);
    const due = lines.filter((s) => s.promisedShipDate <= windowEnd);
    if (due.length === 0) continue;

    const links = new Set<string>();
    let blockingUnits = 0;
    let blockingKey: string | null = null;
    for (const s of due) {
      const k = itemLocKey(s.itemId, s.locationId);
      const p = projectionOf(ctx, k);
      if (heldAllocation(s) > 0 && p && p.shortageDay !== null) {
        blockingUnits += Math.min(heldAllocation(s), p.shortageQty);
        blockingKey ??= k;
        links.add(`shortage:${k}`);
      }
    }
    for (const s of lines) if (isLineShort(ctx, s)) links.add(`shortage:${itemLocKey(s.itemId, s.locationId)}`);
    const priority = isPriorityOrder(first);
    // Lines already short are valued by their shortage; the hold adds the rest of the due priority lines.
    const blockedLines = priority ? due.filter((s) => !isLineShort(ctx, s)) : [];
    if (blockingUnits <= 0 && blockedLines.length === 0) continue;

    const lead = blockedLines[0] ?? due[0];
    const sv = serviceValue(ctx, ctx.itemsById.get(lead.itemId), lead.locationId);
    const blockedValue = blockedLines.reduce((n, s) => n + openSoQty(s) * serviceValue(ctx, ctx.itemsById.get(s.itemId), s.locationId).perUnit, 0);
    const blockingValue = blockingKey ? blockingUnits * serviceValue(ctx, ctx.itemsById.get(blockingKey.split(":")[0]), blockingKey.split(":")[1]).perUnit : 0;
    const units = blockedLines.reduce((n, s) => n + openSoQty(s), 0) + blockingUnits;
    const tStar = maxDate(due[0].promisedShipDate, ctx.asOf);
    const impact: FindingImpact = {
      kind: "SERVICE",
      key: blockedLines.length > 0 || !blockingKey ? `order:${first.salesOrderId}` : `shortage:${blockingKey}`,
      units,
      tStar,
      eta: null,
      gapDays: null,
      unitMargin: sv.unitMargin,
      penalty: sv.penalty,
      tierWeight: sv.tierWeight,
      unitCost: ctx.itemsById.get(lead.itemId)?.unitCost ?? null,
      suggestedAction: "HOLD",
    };
    const sites = [...new Set(lines.map((s) => locCode(ctx, s.locationId)))];
    out.push(
      makeFinding(ctx, {
        type: "CREDIT_HOLD_BLOCKING",
        objectKey: first.salesOrderId,
        causeKey: `so:${first.salesOrderId}`,
        siteId: lead.locationId,
        itemId: lead.itemId,
        supplierId: null,
        summary: `${first.soNumber} (${first.customerTier}, priority ${first.priority}) is on credit hold: ${due.length} line(s) due by ${isoDate(windowEnd)} at ${sites.join(", ")}${blockingUnits > 0 ? `, holding ${fmtQty(blockingUnits)} allocated units other orders need` : ""}${blockedLines.length > 0 ? `, ${fmtQty(blockedLines.reduce((n, s) => n + openSoQty(s), 0))} units blocked from shipping` : ""}`,
        evidence: {
          salesOrderId: first.salesOrderId,
          soNumber: first.soNumber,
          customerId: first.customerId,
          customerTier: first.customerTier,
          priority: first.priority,
          priorityOrder: priority,
          horizonDays: horizon,
          sku: skuOf(ctx, lead.itemId),
          locationCode: locCode(ctx, lead.locationId),
          locations: sites,
          soLines: lines.map((s) => ({ soLineId: s.id, lineNo: s.lineNo, sku: skuOf(ctx, s.itemId), locationCode: locCode(ctx, s.locationId), qtyOpen: openSoQty(s), qtyAllocated: heldAllocation(s), promisedShipDate: isoDate(s.promisedShipDate), short: isLineShort(ctx, s) })),
          blockingAllocatedUnits: blockingUnits,
          blockedUnits: blockedLines.reduce((n, s) => n + openSoQty(s), 0),
        },
        eventAt: ctx.asOf,
        exposure: round(blockedLines.length > 0 ? blockedValue : blockingValue),
        impact,
        links: [...links].sort(),
      }),
    );
  }
  return out;
}
