import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import type { Snapshot } from "@/lib/domain/model/snapshot";

const DAY = 86_400_000;

/** Optional narrowing to one item-location (the case page's evidence) instead of the whole network. */
export type SnapshotScope = { itemId: string; locationId: string };

/** Read the canonical tables into the pure Snapshot the detection engine consumes. */
export async function loadSnapshot(db: PrismaClient, asOf: Date, scope?: SnapshotScope): Promise<Snapshot> {
  const itemLoc = scope ? { itemId: scope.itemId, locationId: scope.locationId } : {};
  const itemOnly = scope ? { id: scope.itemId } : {};
  const [locations, suppliers, items, balances, poLines, asnLines, soLines, transferLines, cycleCounts, holds, dataSources] =
    await Promise.all([
      db.location.findMany({ orderBy: { code: "asc" } }),
      db.supplier.findMany({ orderBy: { code: "asc" } }),
      db.item.findMany({ where: itemOnly, orderBy: { sku: "asc" } }),
      db.inventoryBalance.findMany({ where: itemLoc }),
      db.purchaseOrderLine.findMany({
        where: {
          ...(scope ? { itemId: scope.itemId } : {}),
          purchaseOrder: { status: "OPEN", ...(scope ? { locationId: scope.locationId } : {}) },
        },
        include: { purchaseOrder: true },
      }),
      db.asnLine.findMany({
        where: {
          ...(scope ? { itemId: scope.itemId } : {}),
          asn: scope ? { locationId: scope.locationId } : undefined,
          purchaseOrderLine: { purchaseOrder: { status: "OPEN" } },
        },
        include: { asn: true },
      }),
      db.salesOrderLine.findMany({
        where: {
          ...(scope ? { itemId: scope.itemId } : {}),
          salesOrder: { status: "OPEN", ...(scope ? { locationId: scope.locationId } : {}) },
        },
        include: { salesOrder: { include: { customer: true } } },
      }),
      db.transferOrderLine.findMany({
        where: {
          ...(scope ? { itemId: scope.itemId } : {}),
          transferOrder: { status: "OPEN", ...(scope ? { toLocationId: scope.locationId } : {}) },
        },
        include: { transferOrder: true },
      }),
      db.cycleCount.findMany({ where: { ...itemLoc, countedAt: { gte: new Date(asOf.getTime() - 30 * DAY) } } }),
      db.hold.findMany({ where: { ...itemLoc, releasedAt: null } }),
      db.dataSource.findMany({ orderBy: { code: "asc" } }),
    ]);

  return {
    asOf,
    locations: locations.map((l) => ({ id: l.id, code: l.code, name: l.name, kind: l.kind })),
    suppliers: suppliers.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      leadTimeDays: s.leadTimeDays,
      onTimeRate: s.onTimeRate,
      medianLatenessDays: s.medianLatenessDays,
    })),
    items: items.map((i) => ({
      id: i.id,
      sku: i.sku,
      name: i.name,
      unitCost: Number(i.unitCost),
      unitPrice: Number(i.unitPrice),
      abcClass: (i.abcClass.trim() || "C") as "A" | "B" | "C",
      leadTimeDays: i.leadTimeDays,
      primarySupplierId: i.primarySupplierId,
    })),
    balances: balances.map((b) => ({
      itemId: b.itemId,
      locationId: b.locationId,
      onHand: b.onHand,
      allocated: b.allocated,
      qualityHold: b.qualityHold,
      safetyStock: b.safetyStock,
      maxStock: b.maxStock,
      avgDailyDemand: b.avgDailyDemand,
      demandStdDev: b.demandStdDev,
      sourceSystem: b.sourceSystem,
      sourceUpdatedAt: b.sourceUpdatedAt,
    })),
    poLines: poLines
      .filter((l) => l.qtyOrdered > l.qtyReceived)
      .map((l) => ({
        id: l.id,
        purchaseOrderId: l.purchaseOrderId,
        poNumber: l.purchaseOrder.number,
        lineNo: l.lineNo,
        supplierId: l.purchaseOrder.supplierId,
        locationId: l.purchaseOrder.locationId,
        itemId: l.itemId,
        qtyOrdered: l.qtyOrdered,
        qtyReceived: l.qtyReceived,
        unitCost: Number(l.unitCost),
        orderedAt: l.purchaseOrder.orderedAt,
        acknowledgedAt: l.purchaseOrder.acknowledgedAt,
        promisedDate: l.promisedDate,
        originalPromisedDate: l.originalPromisedDate,
        sourceSystem: l.purchaseOrder.sourceSystem,
      })),
    asnLines: asnLines.map((l) => ({
      asnId: l.asnId,
      asnNumber: l.asn.number,
      purchaseOrderLineId: l.purchaseOrderLineId,
      itemId: l.itemId,
      locationId: l.asn.locationId,
      supplierId: l.asn.supplierId,
      qtyShipped: l.qtyShipped,
      shippedAt: l.asn.shippedAt,
      eta: l.asn.eta,
      status: l.asn.status,
    })),
    soLines: soLines
      .filter((l) => l.qtyOrdered > l.qtyShipped)
      .map((l) => ({
        id: l.id,
        salesOrderId: l.salesOrderId,
        soNumber: l.salesOrder.number,
        lineNo: l.lineNo,
        customerId: l.salesOrder.customerId,
        customerTier: l.salesOrder.customer.tier,
        customerCreditHold: l.salesOrder.customer.creditHold,
        locationId: l.salesOrder.locationId,
        itemId: l.itemId,
        qtyOrdered: l.qtyOrdered,
        qtyShipped: l.qtyShipped,
        qtyAllocated: l.qtyAllocated,
        unitPrice: Number(l.unitPrice),
        promisedShipDate: l.promisedShipDate,
        priority: l.priority,
      })),
    transferLines: transferLines
      .filter((l) => l.transferOrder.shippedAt !== null && l.qtyShipped > l.qtyReceived)
      .map((l) => ({
        transferOrderId: l.transferOrderId,
        transferNumber: l.transferOrder.number,
        fromLocationId: l.transferOrder.fromLocationId,
        toLocationId: l.transferOrder.toLocationId,
        itemId: l.itemId,
        qtyShipped: l.qtyShipped,
        qtyReceived: l.qtyReceived,
        shippedAt: l.transferOrder.shippedAt,
        expectedAt: l.transferOrder.expectedAt,
        receivedAt: l.transferOrder.receivedAt,
      })),
    cycleCounts: cycleCounts.map((c) => ({
      id: c.id,
      itemId: c.itemId,
      locationId: c.locationId,
      countedAt: c.countedAt,
      systemQty: c.systemQty,
      countedQty: c.countedQty,
    })),
    holds: holds.map((h) => ({
      id: h.id,
      kind: h.kind,
      itemId: h.itemId,
      locationId: h.locationId,
      qty: h.qty,
      lot: h.lot,
      reason: h.reason,
      placedAt: h.placedAt,
    })),
    dataSources: dataSources.map((d) => ({ code: d.code, name: d.name, slaMinutes: d.slaMinutes, lastSuccessAt: d.lastSuccessAt })),
  };
}
