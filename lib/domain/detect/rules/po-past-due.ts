/** PO_PAST_DUE: the promised delivery date has passed and open quantity remains. */
import type { Finding } from "@/lib/domain/model/case-draft";
import type { DetectionContext } from "@/lib/domain/detect/context";
import { makeFinding, openPoQty, poEvidence, shippedInFull, sortedPoLines, supplyAtRiskImpact } from "@/lib/domain/detect/finding";
import { calendarDaysBetween, isoDate, startOfUtcDay } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags open PO lines whose promised day is before today; eventAt = the promised date. */
export function detectPoPastDue(ctx: DetectionContext): Finding[] {
  const today = startOfUtcDay(ctx.asOf);
  const out: Finding[] = [];
  for (const line of sortedPoLines(ctx)) {
    if (openPoQty(line) <= 0 || startOfUtcDay(line.promisedDate) >= today || shippedInFull(ctx, line)) continue;
    const { exposure, impact } = supplyAtRiskImpact(ctx, line, "EXPEDITE");
    const late = calendarDaysBetween(line.promisedDate, ctx.asOf);
    out.push(
      makeFinding(ctx, {
        type: "PO_PAST_DUE",
        objectKey: line.id,
        causeKey: `poline:${line.id}`,
        siteId: line.locationId,
        itemId: line.itemId,
        supplierId: line.supplierId,
        summary: `${line.poNumber} line ${line.lineNo}: promised ${isoDate(line.promisedDate)}, ${late} days past due, ${fmtQty(openPoQty(line))} open`,
        evidence: { ...poEvidence(ctx, line), daysPastDue: late },
        eventAt: line.promisedDate,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
