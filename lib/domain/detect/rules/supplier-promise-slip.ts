/** SUPPLIER_PROMISE_SLIP: the confirmed date moved later than the original promise by more than N days, or the supplier changed/rejected the order. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { makeFinding, openPoQty, poEvidence, shippedInFull, sortedPoLines, supplyAtRiskImpact } from "@/lib/domain/detect/finding";
import { calendarDaysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty, round } from "@/lib/domain/util/numbers";

/**
 * Exposure is the PO's supply-at-risk proxy (open value × late rate); a rejected line puts its
 * whole open value at risk. The concrete shortage, when there is one, replaces the proxy in the case.
 */
export function detectSupplierPromiseSlip(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (const line of sortedPoLines(ctx)) {
    if (openPoQty(line) <= 0 || shippedInFull(ctx, line)) continue;
    const slip = calendarDaysBetween(line.originalPromisedDate, line.promisedDate);
    const limit = threshold(ctx, "promiseSlipDays", line.locationId, line.itemId);
    const changedAck = line.ackStatus === "CHANGED" || line.ackStatus === "REJECTED";
    if (slip <= limit && !changedAck) continue;
    const risk = supplyAtRiskImpact(ctx, line, "EXPEDITE");
    const rejected = line.ackStatus === "REJECTED";
    const exposure = rejected ? round(openPoQty(line) * line.unitCost) : risk.exposure;
    const why = [slip > 0 ? `promise moved ${isoDate(line.originalPromisedDate)} → ${isoDate(line.promisedDate)} (+${slip} days, limit ${limit})` : null, changedAck ? `acknowledgement ${line.ackStatus}` : null]
      .filter(Boolean)
      .join("; ");
    out.push(
      makeFinding(ctx, {
        type: "SUPPLIER_PROMISE_SLIP",
        objectKey: line.id,
        causeKey: `poline:${line.id}`,
        siteId: line.locationId,
        itemId: line.itemId,
        supplierId: line.supplierId,
        summary: `${line.poNumber} line ${line.lineNo}: ${why}, ${fmtQty(openPoQty(line))} open`,
        evidence: { ...poEvidence(ctx, line), originalPromisedDate: isoDate(line.originalPromisedDate), slipDays: slip, slipLimitDays: limit, ackStatus: line.ackStatus },
        trigger: { key: "promiseSlipDays", value: slip, threshold: limit, also: changedAck },
        // The change is known from the acknowledgement; without one, from the order date.
        eventAt: line.acknowledgedAt ?? line.orderedAt,
        exposure,
        impact: { ...risk.impact, proxy: true, units: openPoQty(line) },
      }),
    );
  }
  return out;
}
