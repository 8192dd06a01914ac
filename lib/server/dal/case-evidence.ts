import "server-only";
import { prisma } from "@/lib/server/db";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { notFound } from "@/lib/server/errors";
import { loadSnapshot } from "@/lib/server/pipeline/load-snapshot";
import { buildDetectionContext, itemLocKey, projectionOf } from "@/lib/domain/detect/context";
import { DEFAULT_SCORING_PARAMS, scoringParamsSchema, type ScoringParams } from "@/lib/domain/score/config";
import { isoDate } from "@/lib/domain/util/dates";

export type EvidencePoint = { date: string; projected: number; demand: number; firmDemand: number; receipts: number; safetyStock: number };

export type CaseEvidence = {
  asOf: string;
  item: { id: string; sku: string; name: string; unitCost: number; leadTimeDays: number | null };
  site: { id: string; code: string; name: string };
  /** null when the item-location has no inventory balance row. */
  balance: {
    onHand: number;
    allocated: number;
    qualityHold: number;
    safetyStock: number;
    avgDailyDemand: number;
    sourceSystem: string;
    sourceUpdatedAt: string;
  } | null;
  projection: {
    horizonDays: number;
    startingAvailable: number;
    points: EvidencePoint[];
    /** t*: first day the projected available balance goes below zero (YYYY-MM-DD). */
    firstShortageDate: string | null;
    shortageQty: number;
    belowSafetyDate: string | null;
  } | null;
  poLines: {
    id: string;
    poNumber: string;
    lineNo: number;
    supplierCode: string | null;
    supplierName: string | null;
    qtyOpen: number;
    promisedDate: string;
    originalPromisedDate: string;
    /** Arrival day used by the projection (earliest scheduled receipt of the line). */
    eta: string | null;
    etaBasis: string | null;
    asns: { asnNumber: string; qtyShipped: number; eta: string; status: string; sourceSystem: string | null; recordedAt: string | null }[];
    sourceSystem: string;
    recordedAt: string;
  }[];
  soLines: {
    id: string;
    soNumber: string;
    lineNo: number;
    customerName: string | null;
    customerTier: string;
    creditHold: boolean;
    qtyOpen: number;
    qtyAllocated: number;
    promisedShipDate: string;
    priority: number;
    sourceSystem: string | null;
    recordedAt: string | null;
  }[];
  transfers: {
    transferNumber: string;
    fromCode: string | null;
    qtyInTransit: number;
    shippedAt: string | null;
    expectedAt: string;
    sourceSystem: string | null;
    recordedAt: string | null;
  }[];
  holds: { id: string; kind: string; qty: number; lot: string | null; reason: string; placedAt: string; sourceSystem: string | null; recordedAt: string }[];
  /** Receipts of the item at the site in the last RECENT_RECEIPT_DAYS days, newest first. */
  receipts: {
    id: string;
    receiptNumber: string;
    poNumber: string | null;
    asnNumber: string | null;
    qtyReceived: number;
    receivedAt: string;
    sourceSystem: string;
    recordedAt: string;
  }[];
};

export const RECENT_RECEIPT_DAYS = 30;

export type TransferSource = { id: string; code: string; name: string; available: number | null };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Load the case within the viewer's sites (never by id alone); NOT_FOUND otherwise. */
async function scopedCase(viewer: Viewer, caseId: string) {
  authorize(viewer, "cases.read");
  const c = await prisma.case.findFirst({ where: { id: caseId, ...siteScope(viewer) }, select: { id: true, itemId: true, siteId: true, configVersion: true } });
  if (!c) throw notFound("Case");
  return c;
}

/** The scoring parameters the case was scored with (so the projection matches its explanation). */
async function paramsFor(version: number): Promise<ScoringParams> {
  const row = await prisma.scoringConfig.findUnique({ where: { version } });
  if (!row) return DEFAULT_SCORING_PARAMS;
  const parsed = scoringParamsSchema.safeParse({ ...(row.params as object), version: row.version });
  return parsed.success ? parsed.data : DEFAULT_SCORING_PARAMS;
}

/**
 * Evidence behind a case: the projected available balance of its item-location as of now, and the
 * open documents that feed it. null for cases without an item (e.g. a stale data feed).
 */
export async function getCaseEvidence(viewer: Viewer, caseId: string): Promise<CaseEvidence | null> {
  const c = await scopedCase(viewer, caseId);
  if (!c.itemId) return null;
  const asOf = new Date();
  const [params, snapshot] = await Promise.all([paramsFor(c.configVersion), loadSnapshot(prisma, asOf, { itemId: c.itemId, locationId: c.siteId })]);
  const item = snapshot.items.find((i) => i.id === c.itemId);
  const site = snapshot.locations.find((l) => l.id === c.siteId);
  if (!item || !site) return null;

  const ctx = buildDetectionContext(snapshot, params);
  const key = itemLocKey(item.id, site.id);
  const projection = projectionOf(ctx, key) ?? null;
  const balance = ctx.balancesByKey.get(key) ?? null;
  const suppliers = ctx.suppliersById;
  const locations = ctx.locationsById;

  const soIds = [...new Set(snapshot.soLines.map((l) => l.salesOrderId))];
  const transfersIn = ctx.inboundTransfersByKey.get(key) ?? [];
  const asnNumbers = [...new Set(snapshot.poLines.flatMap((l) => (ctx.asnLinesByPoLine.get(l.id) ?? []).map((a) => a.asnNumber)))];
  // Provenance the snapshot does not carry: which source wrote each document, and when it was recorded.
  const [orders, transferRows, holdRows, asnRows, receiptLines] = await Promise.all([
    soIds.length
      ? prisma.salesOrder.findMany({ where: { id: { in: soIds } }, select: { id: true, orderedAt: true, sourceSystem: true, customer: { select: { name: true } } } })
      : [],
    transfersIn.length
      ? prisma.transferOrder.findMany({ where: { number: { in: transfersIn.map((t) => t.transferNumber) } }, select: { number: true, sourceSystem: true } })
      : [],
    snapshot.holds.length ? prisma.hold.findMany({ where: { id: { in: snapshot.holds.map((h) => h.id) } }, select: { id: true, sourceSystem: true } }) : [],
    asnNumbers.length ? prisma.asn.findMany({ where: { number: { in: asnNumbers } }, select: { number: true, sourceSystem: true, shippedAt: true } }) : [],
    prisma.receiptLine.findMany({
      where: { itemId: c.itemId, receipt: { locationId: c.siteId, receivedAt: { gte: new Date(asOf.getTime() - RECENT_RECEIPT_DAYS * 86_400_000) } } },
      orderBy: [{ receipt: { receivedAt: "desc" } }, { id: "asc" }],
      take: 50,
      select: {
        id: true,
        qtyReceived: true,
        receipt: { select: { number: true, receivedAt: true, sourceSystem: true, purchaseOrder: { select: { number: true } }, asn: { select: { number: true } } } },
      },
    }),
  ]);
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const transferSource = new Map(transferRows.map((t) => [t.number, t.sourceSystem]));
  const holdSource = new Map(holdRows.map((h) => [h.id, h.sourceSystem]));
  const asnByNumber = new Map(asnRows.map((a) => [a.number, a]));

  return {
    asOf: asOf.toISOString(),
    item: { id: item.id, sku: item.sku, name: item.name, unitCost: item.unitCost, leadTimeDays: item.leadTimeDays },
    site: { id: site.id, code: site.code, name: site.name },
    balance: balance && {
      onHand: balance.onHand,
      allocated: balance.allocated,
      qualityHold: balance.qualityHold,
      safetyStock: balance.safetyStock,
      avgDailyDemand: balance.avgDailyDemand,
      sourceSystem: balance.sourceSystem,
      sourceUpdatedAt: balance.sourceUpdatedAt.toISOString(),
    },
    projection: projection && {
      horizonDays: projection.horizonDays,
      startingAvailable: projection.startingAvailable,
      points: projection.points.map(({ date, projected, demand, firmDemand, receipts, safetyStock }) => ({ date, projected, demand, firmDemand, receipts, safetyStock })),
      firstShortageDate: projection.shortageDate ? isoDate(projection.shortageDate) : null,
      shortageQty: projection.shortageQty,
      belowSafetyDate: projection.belowSafetyDate ? isoDate(projection.belowSafetyDate) : null,
    },
    poLines: [...snapshot.poLines]
      .sort((a, b) => a.promisedDate.getTime() - b.promisedDate.getTime() || a.poNumber.localeCompare(b.poNumber))
      .map((l) => {
        const receipt = projection?.receipts.find((r) => r.poLineId === l.id) ?? null;
        const sup = suppliers.get(l.supplierId);
        return {
          id: l.id,
          poNumber: l.poNumber,
          lineNo: l.lineNo,
          supplierCode: sup?.code ?? null,
          supplierName: sup?.name ?? null,
          qtyOpen: Math.max(0, l.qtyOrdered - l.qtyReceived),
          promisedDate: l.promisedDate.toISOString(),
          originalPromisedDate: l.originalPromisedDate.toISOString(),
          eta: receipt ? receipt.eta.toISOString() : null,
          etaBasis: receipt?.etaBasis ?? null,
          asns: (ctx.asnLinesByPoLine.get(l.id) ?? []).map((a) => ({
            asnNumber: a.asnNumber,
            qtyShipped: a.qtyShipped,
            eta: a.eta.toISOString(),
            status: a.status,
            sourceSystem: asnByNumber.get(a.asnNumber)?.sourceSystem ?? null,
            recordedAt: iso(asnByNumber.get(a.asnNumber)?.shippedAt),
          })),
          sourceSystem: l.sourceSystem,
          recordedAt: l.orderedAt.toISOString(),
        };
      }),
    soLines: [...snapshot.soLines]
      .sort((a, b) => a.promisedShipDate.getTime() - b.promisedShipDate.getTime() || a.priority - b.priority)
      .map((l) => {
        const order = orderById.get(l.salesOrderId);
        return {
          id: l.id,
          soNumber: l.soNumber,
          lineNo: l.lineNo,
          customerName: order?.customer.name ?? null,
          customerTier: l.customerTier,
          creditHold: l.customerCreditHold,
          qtyOpen: Math.max(0, l.qtyOrdered - l.qtyShipped),
          qtyAllocated: l.qtyAllocated,
          promisedShipDate: l.promisedShipDate.toISOString(),
          priority: l.priority,
          sourceSystem: order?.sourceSystem ?? null,
          recordedAt: iso(order?.orderedAt),
        };
      }),
    transfers: transfersIn.map((t) => ({
      transferNumber: t.transferNumber,
      fromCode: locations.get(t.fromLocationId)?.code ?? null,
      qtyInTransit: Math.max(0, t.qtyShipped - t.qtyReceived),
      shippedAt: iso(t.shippedAt),
      expectedAt: t.expectedAt.toISOString(),
      sourceSystem: transferSource.get(t.transferNumber) ?? null,
      recordedAt: iso(t.shippedAt),
    })),
    holds: snapshot.holds.map((h) => ({
      id: h.id,
      kind: h.kind,
      qty: h.qty,
      lot: h.lot,
      reason: h.reason,
      placedAt: h.placedAt.toISOString(),
      sourceSystem: holdSource.get(h.id) ?? null,
      recordedAt: h.placedAt.toISOString(),
    })),
    receipts: receiptLines.map((r) => ({
      id: r.id,
      receiptNumber: r.receipt.number,
      poNumber: r.receipt.purchaseOrder?.number ?? null,
      asnNumber: r.receipt.asn?.number ?? null,
      qtyReceived: r.qtyReceived,
      receivedAt: r.receipt.receivedAt.toISOString(),
      sourceSystem: r.receipt.sourceSystem,
      recordedAt: r.receipt.receivedAt.toISOString(),
    })),
  };
}

/**
 * Locations a TRANSFER could come from (every location but the case's site), with the case item's
 * available quantity there when known. Authorized like the case itself.
 */
export async function getTransferSources(viewer: Viewer, caseId: string): Promise<TransferSource[]> {
  const c = await scopedCase(viewer, caseId);
  const [locations, balances] = await Promise.all([
    prisma.location.findMany({ where: { id: { not: c.siteId } }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true } }),
    c.itemId
      ? prisma.inventoryBalance.findMany({ where: { itemId: c.itemId }, select: { locationId: true, onHand: true, allocated: true, qualityHold: true } })
      : Promise.resolve([]),
  ]);
  const available = new Map(balances.map((b) => [b.locationId, b.onHand - b.allocated - b.qualityHold]));
  return locations.map((l) => ({ ...l, available: available.get(l.id) ?? null }));
}
