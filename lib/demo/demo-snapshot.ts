/**
 * Builds the detection Snapshot straight from generated DemoData (no database), with the same
 * filters lib/server/pipeline/load-snapshot.ts applies in SQL: open PO/SO lines, ASN lines of open
 * POs or of a receipt in the last 30 days, receipt lines of the last 30 days, transfers in flight or
 * received in the last 30 days, lots with stock, counts of the last 30 days, active holds.
 * Lets tests run detection over the demo data set in memory.
 */
import type { Snapshot } from "@/lib/domain/model/snapshot";
import type { DemoData } from "./demo-types";

const num = (v: unknown): number => Number(v);
const dateOrNull = (v: Date | string | null | undefined): Date | null => (v ? new Date(v) : null);

/** The detection snapshot of a generated demo data set. */
export function demoSnapshot(d: DemoData): Snapshot {
  const asOf = d.asOf;
  const po = new Map(d.purchaseOrders.map((p) => [p.id!, p]));
  const so = new Map(d.salesOrders.map((s) => [s.id!, s]));
  const asn = new Map(d.asns.map((a) => [a.id!, a]));
  const cust = new Map(d.customers.map((c) => [c.id!, c]));
  const to = new Map(d.transferOrders.map((t) => [t.id!, t]));
  const receipts = new Map(d.receipts.map((r) => [r.id!, r]));
  const cutoff = asOf.getTime() - 30 * 86_400_000;
  const recent = (v: Date | string | null | undefined) => v != null && new Date(v).getTime() >= cutoff;
  const openPoLines = d.purchaseOrderLines.filter((l) => po.get(l.purchaseOrderId)!.status === "OPEN" && l.qtyOrdered > (l.qtyReceived ?? 0));
  const recentReceipts = d.receipts.filter((r) => recent(r.receivedAt));
  const asnsOfRecentReceipts = new Set(recentReceipts.map((r) => r.asnId).filter((id): id is string => !!id));
  return {
    asOf,
    locations: d.locations.map((l) => ({ id: l.id!, code: l.code, name: l.name, kind: l.kind })),
    suppliers: d.suppliers.map((s) => ({ id: s.id!, code: s.code, name: s.name, leadTimeDays: s.leadTimeDays, onTimeRate: s.onTimeRate, medianLatenessDays: s.medianLatenessDays ?? 0 })),
    items: d.items.map((i) => ({
      id: i.id!, sku: i.sku, name: i.name, unitCost: num(i.unitCost), unitPrice: num(i.unitPrice), abcClass: i.abcClass as "A" | "B" | "C",
      leadTimeDays: i.leadTimeDays ?? null, primarySupplierId: i.primarySupplierId ?? null, shelfLifeDays: i.shelfLifeDays ?? null,
    })),
    balances: d.balances.map((b) => ({
      itemId: b.itemId, locationId: b.locationId, onHand: b.onHand, allocated: b.allocated ?? 0, qualityHold: b.qualityHold ?? 0, inTransit: b.inTransit ?? 0,
      safetyStock: b.safetyStock ?? 0, maxStock: b.maxStock ?? null, avgDailyDemand: b.avgDailyDemand ?? 0, demandStdDev: b.demandStdDev ?? 0,
      sourceSystem: b.sourceSystem ?? "demo", sourceUpdatedAt: new Date(b.sourceUpdatedAt), lastIssueAt: dateOrNull(b.lastIssueAt),
    })),
    poLines: openPoLines.map((l) => {
      const h = po.get(l.purchaseOrderId)!;
      return {
        id: l.id!, purchaseOrderId: h.id!, poNumber: h.number, lineNo: l.lineNo, supplierId: h.supplierId, locationId: h.locationId, itemId: l.itemId,
        qtyOrdered: l.qtyOrdered, qtyReceived: l.qtyReceived ?? 0, unitCost: num(l.unitCost), orderedAt: new Date(h.orderedAt),
        acknowledgedAt: dateOrNull(h.acknowledgedAt), ackStatus: h.ackStatus ?? "NONE", promisedDate: new Date(l.promisedDate),
        originalPromisedDate: new Date(l.originalPromisedDate), sourceSystem: h.sourceSystem ?? "demo",
      };
    }),
    asnLines: d.asnLines
      .filter((l) => {
        const a = asn.get(l.asnId)!;
        return po.get(a.purchaseOrderId)!.status === "OPEN" || asnsOfRecentReceipts.has(a.id!);
      })
      .map((l) => {
        const a = asn.get(l.asnId)!;
        return {
          asnId: a.id!, asnNumber: a.number, purchaseOrderLineId: l.purchaseOrderLineId, itemId: l.itemId, locationId: a.locationId, supplierId: a.supplierId,
          qtyShipped: l.qtyShipped, shippedAt: new Date(a.shippedAt), eta: new Date(a.eta), status: a.status ?? "IN_TRANSIT", carrier: a.carrier ?? null,
        };
      }),
    soLines: d.salesOrderLines.filter((l) => so.get(l.salesOrderId)!.status === "OPEN" && l.qtyOrdered > (l.qtyShipped ?? 0)).map((l) => {
      const h = so.get(l.salesOrderId)!;
      const c = cust.get(h.customerId)!;
      return {
        id: l.id!, salesOrderId: h.id!, soNumber: h.number, lineNo: l.lineNo, customerId: c.id!, customerTier: c.tier, customerCreditHold: c.creditHold ?? false,
        locationId: h.locationId, itemId: l.itemId, qtyOrdered: l.qtyOrdered, qtyShipped: l.qtyShipped ?? 0, qtyAllocated: l.qtyAllocated ?? 0,
        unitPrice: num(l.unitPrice), promisedShipDate: new Date(l.promisedShipDate), priority: l.priority ?? 3,
      };
    }),
    receiptLines: d.receiptLines
      .filter((l) => recent(receipts.get(l.receiptId)!.receivedAt))
      .map((l) => {
        const r = receipts.get(l.receiptId)!;
        const a = r.asnId ? asn.get(r.asnId) : undefined;
        const p = r.purchaseOrderId ? po.get(r.purchaseOrderId) : undefined;
        return {
          receiptId: r.id!, receiptNumber: r.number, asnId: r.asnId ?? null, asnNumber: a?.number ?? null, purchaseOrderLineId: l.purchaseOrderLineId ?? null,
          supplierId: a?.supplierId ?? p?.supplierId ?? null, itemId: l.itemId, locationId: r.locationId, qtyReceived: l.qtyReceived, receivedAt: new Date(r.receivedAt),
        };
      }),
    transferLines: d.transferOrderLines
      .filter((l) => {
        const t = to.get(l.transferOrderId)!;
        if (!t.shippedAt) return false;
        return (t.status === "OPEN" && l.qtyShipped > (l.qtyReceived ?? 0)) || recent(t.receivedAt);
      })
      .map((l) => {
        const t = to.get(l.transferOrderId)!;
        return {
          id: l.id!, transferOrderId: t.id!, transferNumber: t.number, fromLocationId: t.fromLocationId, toLocationId: t.toLocationId, itemId: l.itemId,
          qtyShipped: l.qtyShipped, qtyReceived: l.qtyReceived ?? 0, shippedAt: dateOrNull(t.shippedAt), expectedAt: new Date(t.expectedAt),
          receivedAt: dateOrNull(t.receivedAt), carrier: t.carrier ?? null,
        };
      }),
    lots: d.lotBalances.filter((l) => l.qty > 0).map((l) => ({ itemId: l.itemId, locationId: l.locationId, lot: l.lot, qty: l.qty, expiresAt: dateOrNull(l.expiresAt) })),
    cycleCounts: d.cycleCounts.filter((c) => recent(c.countedAt)).map((c) => ({ id: c.id!, itemId: c.itemId, locationId: c.locationId, countedAt: new Date(c.countedAt), systemQty: c.systemQty, countedQty: c.countedQty })),
    holds: d.holds.filter((h) => !h.releasedAt).map((h) => ({ id: h.id!, kind: h.kind, itemId: h.itemId, locationId: h.locationId, qty: h.qty, lot: h.lot ?? null, reason: h.reason, placedAt: new Date(h.placedAt) })),
    dataSources: d.dataSources.map((s) => ({ code: s.code, name: s.name, slaMinutes: s.slaMinutes ?? 240, lastSuccessAt: dateOrNull(s.lastSuccessAt) })),
  };
}
