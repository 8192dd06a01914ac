/** PO_NO_ASN: today > promised ship date (= promise − transit) + grace, open qty > 0, and no ASN for the line. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { makeFinding, openPoQty, poEvidence, sortedPoLines, supplyAtRiskImpact } from "@/lib/domain/detect/finding";
import { addDays, daysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags open PO lines that should have shipped but have no ASN; eventAt = promised ship date + grace. */
export function detectPoNoAsn(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  for (const line of sortedPoLines(ctx)) {
    if (openPoQty(line) <= 0 || (ctx.asnLinesByPoLine.get(line.id)?.length ?? 0) > 0) continue;
    const transit = threshold(ctx, "poTransitDaysDefault", line.locationId, line.itemId);
    const grace = threshold(ctx, "poNoAsnGraceDays", line.locationId, line.itemId);
    const promisedShip = addDays(line.promisedDate, -transit);
    const due = addDays(promisedShip, grace);
    if (due >= ctx.asOf) continue;
    const { exposure, impact } = supplyAtRiskImpact(ctx, line, "EXPEDITE");
    out.push(
      makeFinding(ctx, {
        type: "PO_NO_ASN",
        objectKey: line.id,
        causeKey: `poline:${line.id}`,
        siteId: line.locationId,
        itemId: line.itemId,
        supplierId: line.supplierId,
        summary: `${line.poNumber} line ${line.lineNo}: promised ship ${isoDate(promisedShip)} passed, ${fmtQty(openPoQty(line))} EA open, no ASN`,
        evidence: { ...poEvidence(ctx, line), promisedShipDate: isoDate(promisedShip), transitDays: transit, graceDays: grace },
        trigger: { key: "poNoAsnGraceDays", value: daysBetween(promisedShip, ctx.asOf), threshold: grace },
        eventAt: due,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
