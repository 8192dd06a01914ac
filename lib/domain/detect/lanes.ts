/**
 * Carrier lanes (from → to, carrier). When several transfers on one lane are aged in transit or
 * received short, the lane (the carrier on that route) is the root cause: one case per lane,
 * not one per transfer. Counted over the whole snapshot so an incremental run agrees with a full one.
 */
import type { SnapshotTransferLine } from "@/lib/domain/model/snapshot";
import { isTransferOpen, memo, threshold, type DetectionContext } from "@/lib/domain/detect/context";
import { locCode, skuOf } from "@/lib/domain/detect/finding";
import { addDays } from "@/lib/domain/util/dates";

/** Lane id of a transfer line. */
export function laneKey(t: Pick<SnapshotTransferLine, "fromLocationId" | "toLocationId" | "carrier">): string {
  return `lane:${t.fromLocationId}>${t.toLocationId}:${t.carrier ?? "?"}`;
}

/** True when an open transfer is past expectedAt + grace at asOf. */
export function isTransferAged(ctx: DetectionContext, t: SnapshotTransferLine): boolean {
  return isTransferOpen(t) && addDays(t.expectedAt, threshold(ctx, "transferGraceDays", t.toLocationId, t.itemId)) < ctx.asOf;
}

/** |received − shipped| / shipped of a closed (received) transfer, or null when it is not closed. */
export function transferVariancePct(t: SnapshotTransferLine): number | null {
  if (t.receivedAt === null || t.qtyShipped <= 0) return null;
  return Math.abs(t.qtyReceived - t.qtyShipped) / t.qtyShipped;
}

/** True when a received transfer differs from its shipped quantity beyond tolerance. */
export function isTransferShort(ctx: DetectionContext, t: SnapshotTransferLine): boolean {
  const pct = transferVariancePct(t);
  return pct !== null && pct > threshold(ctx, "transferReceiptTolerance", t.toLocationId, t.itemId);
}

/** Problem-transfer count per lane (aged in transit or received with variance). */
export function laneProblemCounts(ctx: DetectionContext): Map<string, number> {
  return memo(ctx, "laneProblemCounts", () => {
    const counts = new Map<string, number>();
    for (const t of ctx.snapshot.transferLines) {
      if (!t.carrier) continue;
      if (isTransferAged(ctx, t) || isTransferShort(ctx, t)) counts.set(laneKey(t), (counts.get(laneKey(t)) ?? 0) + 1);
    }
    return counts;
  });
}

/** Cause key of a transfer finding: its lane when the lane clusters problems, else the transfer itself. */
export function transferCauseKey(ctx: DetectionContext, t: SnapshotTransferLine): string {
  const n = laneProblemCounts(ctx).get(laneKey(t)) ?? 0;
  return t.carrier && n >= ctx.params.rules.laneClusterMin ? laneKey(t) : `transfer:${t.transferOrderId}:${t.itemId}`;
}

/** The evidence every transfer finding shows: which transfer, what, on which lane, how much shipped and received. */
export function transferEvidence(ctx: DetectionContext, t: SnapshotTransferLine) {
  return {
    transferOrderId: t.transferOrderId,
    transferNumber: t.transferNumber,
    sku: skuOf(ctx, t.itemId),
    fromLocationCode: locCode(ctx, t.fromLocationId),
    toLocationCode: locCode(ctx, t.toLocationId),
    carrier: t.carrier,
    lane: laneKey(t),
    qtyShipped: t.qtyShipped,
    qtyReceived: t.qtyReceived,
  };
}
