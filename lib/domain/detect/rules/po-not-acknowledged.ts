/** PO_NOT_ACKNOWLEDGED: the PO was sent more than poAckDays ago and the supplier has not confirmed it (no EDI 855). */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { makeFinding, openPoQty, poEvidence, sortedPoLines, supplyAtRiskImpact } from "@/lib/domain/detect/finding";
import { addDays, daysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags unacknowledged open PO lines without ASN older than the acknowledgement window; eventAt = orderedAt + poAckDays. */
export function detectPoNotAcknowledged(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (const line of sortedPoLines(ctx)) {
    // A shipped ASN implies the supplier accepted the order, even without an 855.
    if (line.acknowledgedAt || openPoQty(line) <= 0 || (ctx.asnLinesByPoLine.get(line.id)?.length ?? 0) > 0) continue;
    const days = threshold(ctx, "poAckDays", line.locationId, line.itemId);
    const due = addDays(line.orderedAt, days);
    if (due >= ctx.asOf) continue;
    const { exposure, impact } = supplyAtRiskImpact(ctx, line, "EXPEDITE");
    const age = Math.floor(daysBetween(line.orderedAt, ctx.asOf));
    out.push(
      makeFinding(ctx, {
        type: "PO_NOT_ACKNOWLEDGED",
        objectKey: line.id,
        causeKey: `poline:${line.id}`,
        siteId: line.locationId,
        itemId: line.itemId,
        supplierId: line.supplierId,
        summary: `${line.poNumber} line ${line.lineNo}: sent ${isoDate(line.orderedAt)} (${age} days ago), not acknowledged by supplier, ${fmtQty(openPoQty(line))} open`,
        evidence: { ...poEvidence(ctx, line), orderedAt: isoDate(line.orderedAt), ackDays: days },
        // Fires when the PO's age exceeds the window (orderedAt + days < asOf).
        trigger: { key: "poAckDays", value: daysBetween(line.orderedAt, ctx.asOf), threshold: days },
        eventAt: due,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
