/** ASN_OVERDUE: an in-transit ASN whose ETA + grace has passed without receipt (SAP SNC alert 31). */
import type { Finding } from "@/lib/domain/model/case-draft";
import { threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { locCode, makeFinding, poEvidence, skuOf, supplyAtRiskImpact } from "@/lib/domain/detect/finding";
import { addDays, daysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty } from "@/lib/domain/util/numbers";

/** Flags overdue in-transit ASN lines, grouped under their PO line; eventAt = ETA + grace. */
export function detectAsnOverdue(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  const asns = ctx.asnLines;
  for (const asn of asns) {
    if (asn.status !== "IN_TRANSIT") continue;
    const grace = threshold(ctx, "asnGraceDays", asn.locationId, asn.itemId);
    const due = addDays(asn.eta, grace);
    if (due >= ctx.asOf) continue;
    const line = ctx.poLinesById.get(asn.purchaseOrderLineId);
    const risk = line ? supplyAtRiskImpact(ctx, line, "EXPEDITE") : null;
    const late = Math.floor(daysBetween(asn.eta, ctx.asOf));
    out.push(
      makeFinding(ctx, {
        type: "ASN_OVERDUE",
        objectKey: `${asn.asnId}:${asn.purchaseOrderLineId}`,
        causeKey: `poline:${asn.purchaseOrderLineId}`,
        siteId: asn.locationId,
        itemId: asn.itemId,
        supplierId: asn.supplierId,
        summary: `${asn.asnNumber}${line ? ` for ${line.poNumber} line ${line.lineNo}` : ""}: ETA ${isoDate(asn.eta)} passed ${late} days ago, ${fmtQty(asn.qtyShipped)} ${skuOf(ctx, asn.itemId)} not received at ${locCode(ctx, asn.locationId)}`,
        evidence: {
          ...(line ? poEvidence(ctx, line) : { poLineId: asn.purchaseOrderLineId }),
          asnId: asn.asnId,
          asnNumber: asn.asnNumber,
          qtyShipped: asn.qtyShipped,
          shippedAt: isoDate(asn.shippedAt),
          eta: isoDate(asn.eta),
          graceDays: grace,
        },
        trigger: { key: "asnGraceDays", value: daysBetween(asn.eta, ctx.asOf), threshold: grace },
        eventAt: due,
        exposure: risk?.exposure ?? 0,
        impact: risk?.impact,
      }),
    );
  }
  return out;
}
