/**
 * A seeded random supply network touching every rule (PO lines with slips and ASNs, receipts,
 * transfers on a few carrier lanes, credit holds, lots, families, counts, holds). Same seed → same
 * snapshot. Used by property/incremental tests and to measure detection at scale.
 */
import type { Snapshot, SnapshotBalance, SnapshotItem, SnapshotPoLine, SnapshotSoLine, SnapshotTransferLine } from "@/lib/domain/model/snapshot";
import { AS_OF } from "@/lib/domain/testing/fixtures";

export interface RandomNetworkSize {
  items: number;
  locations: number;
  poLinesPerItemLoc?: number;
  soLinesPerItemLoc?: number;
  /** Share of item-locations generated healthy (no anomaly planted), to model realistic exception rates. */
  quiet?: number;
}

/** Park–Miller style LCG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed % 2_147_483_647 || 1;
  return () => (s = (s * 48_271) % 2_147_483_647) / 2_147_483_647;
}

export function randomNetwork(seed: number, size: RandomNetworkSize, asOf: Date = AS_OF): Snapshot {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  const day0 = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate());
  const day = (n: number) => new Date(day0 + n * 86_400_000);
  const locations = Array.from({ length: size.locations }, (_, i) => ({ id: `L${i}`, code: `DC-${String(i).padStart(2, "0")}`, name: `DC ${i}`, kind: "DC" as const }));
  const suppliers = Array.from({ length: 5 }, (_, i) => ({ id: `S${i}`, code: `SUP-${i}`, name: `Supplier ${i}`, leadTimeDays: 7 + int(20), onTimeRate: 0.6 + rnd() * 0.4, medianLatenessDays: int(4) }));
  const items: SnapshotItem[] = Array.from({ length: size.items }, (_, i) => ({
    id: `I${i}`,
    sku: `SKU-${String(i).padStart(6, "0")}`,
    name: `Item ${i}`,
    unitCost: 2 + int(80),
    unitPrice: 0,
    abcClass: pick(["A", "B", "C"] as const),
    leadTimeDays: i % 37 === 0 ? null : 5 + int(25),
    primarySupplierId: i % 41 === 0 ? null : `S${i % 5}`,
    shelfLifeDays: i % 9 === 0 ? 60 + int(200) : null,
    family: `FAM-${Math.floor(i / 5)}`,
  }));
  for (const it of items) it.unitPrice = Math.round(it.unitCost * (1.3 + rnd())) + 1;
  const balances: SnapshotBalance[] = [];
  const poLines: SnapshotPoLine[] = [];
  const soLines: SnapshotSoLine[] = [];
  const snap: Snapshot = {
    asOf,
    locations,
    suppliers,
    items,
    balances,
    poLines,
    asnLines: [],
    soLines,
    receiptLines: [],
    transferLines: [],
    lots: [],
    cycleCounts: [],
    holds: [],
    dataSources: [
      { code: "ERP", name: "ERP", slaMinutes: 240, lastSuccessAt: asOf },
      { code: "WMS", name: "WMS", slaMinutes: 60, lastSuccessAt: new Date(asOf.getTime() - 3 * 3_600_000) },
    ],
  };
  const poPer = size.poLinesPerItemLoc ?? 2;
  const soPer = size.soLinesPerItemLoc ?? 10;
  let po = 0;
  let so = 0;
  for (const it of items) {
    for (const loc of locations) {
      if (rnd() < (size.quiet ?? 0)) {
        addQuietItemLoc(it, loc.id);
        continue;
      }
      const adu = rnd() < 0.15 ? 0 : int(30);
      const r = rnd();
      const onHand = r < 0.02 ? -int(10) : r < 0.12 ? adu * 200 + 500 : int(adu * 40 + 50);
      const allocated = Math.max(0, Math.min(onHand, int(adu * 3)));
      const key = `${it.id}:${loc.id}`;
      balances.push({
        itemId: it.id,
        locationId: loc.id,
        onHand,
        allocated,
        qualityHold: rnd() < 0.05 ? int(20) : 0,
        inTransit: 0,
        safetyStock: int(adu * 5),
        maxStock: rnd() < 0.3 ? adu * 60 + 100 : null,
        avgDailyDemand: adu,
        demandStdDev: adu / 3,
        sourceSystem: rnd() < 0.1 ? "WMS" : "ERP",
        sourceUpdatedAt: asOf,
        lastIssueAt: adu === 0 ? (rnd() < 0.5 ? day(-200 - int(200)) : null) : day(-int(5)),
      });
      for (let k = 0; k < poPer; k++) {
        if (rnd() < 0.4) continue;
        const id = `POL${po}`;
        const promised = day(int(40) - 8);
        const qty = 50 + int(adu * 30 + 100);
        const shipped = rnd() < 0.4;
        const received = shipped && rnd() < 0.3 ? Math.round(qty * (0.85 + rnd() * 0.1)) : 0;
        poLines.push({ id, purchaseOrderId: `PO${po}`, poNumber: `PO-${String(po).padStart(7, "0")}`, lineNo: 1, supplierId: it.primarySupplierId ?? "S0", locationId: loc.id, itemId: it.id, qtyOrdered: qty, qtyReceived: received, unitCost: it.unitCost, orderedAt: day(-20), acknowledgedAt: rnd() < 0.8 ? day(-18) : null, ackStatus: pick(["ACCEPTED", "ACCEPTED", "ACCEPTED", "CHANGED", "NONE"] as const), promisedDate: promised, originalPromisedDate: rnd() < 0.2 ? day(int(40) - 12) : promised, sourceSystem: "ERP" });
        if (shipped) {
          snap.asnLines.push({ asnId: `ASN${po}`, asnNumber: `ASN-${po}`, purchaseOrderLineId: id, itemId: it.id, locationId: loc.id, supplierId: it.primarySupplierId ?? "S0", qtyShipped: qty, shippedAt: day(-5), eta: day(int(10) - 4), status: received > 0 ? "RECEIVED" : "IN_TRANSIT", carrier: pick(["UPS", "XPO"]) });
          if (received > 0) snap.receiptLines.push({ receiptId: `R${po}`, receiptNumber: `REC-${po}`, asnId: `ASN${po}`, asnNumber: `ASN-${po}`, purchaseOrderLineId: id, supplierId: it.primarySupplierId ?? "S0", itemId: it.id, locationId: loc.id, qtyReceived: received, receivedAt: day(-2) });
        }
        po++;
      }
      for (let k = 0; k < soPer; k++) {
        if (rnd() < 0.3 || adu === 0) continue;
        const qty = 1 + int(Math.max(2, adu * (rnd() < 0.05 ? 8 : 2)));
        const alloc = rnd() < 0.3 ? Math.min(qty, int(qty + 1)) : 0;
        const order = rnd() < 0.15 && so > 0 ? so - 1 : so; // some orders span item-locations
        soLines.push({ id: `SOL${so}`, salesOrderId: `SO${order}`, soNumber: `SO-${String(order).padStart(7, "0")}`, lineNo: 1 + k, customerId: `C${order % 97}`, customerTier: pick(["STANDARD", "STANDARD", "KEY", "STRATEGIC"] as const), customerCreditHold: order % 31 === 0, locationId: loc.id, itemId: it.id, qtyOrdered: qty, qtyShipped: 0, qtyAllocated: alloc, unitPrice: it.unitPrice, promisedShipDate: day(int(25) - 2), priority: 1 + int(5) });
        so++;
      }
      if (it.shelfLifeDays && rnd() < 0.7) for (let l = 0; l < 3; l++) snap.lots.push({ itemId: it.id, locationId: loc.id, lot: `LOT-${key}-${l}`, qty: 10 + int(200), expiresAt: day(int(120) - 5) });
      if (rnd() < 0.05) snap.cycleCounts.push({ id: `CC-${key}`, itemId: it.id, locationId: loc.id, countedAt: day(-int(10)), systemQty: 100, countedQty: 90 + int(20) });
      if (rnd() < 0.03) snap.holds.push({ id: `H-${key}`, kind: "QUALITY", itemId: it.id, locationId: loc.id, qty: 5 + int(30), lot: null, reason: "QA", placedAt: day(-int(15)) });
    }
  }
  /** A healthy item-location: ~60 days of cover, on-time acknowledged supply, ordinary orders. */
  function addQuietItemLoc(it: SnapshotItem, locationId: string): void {
    const adu = 2 + int(20);
    balances.push({ itemId: it.id, locationId, onHand: adu * 60 + 20, allocated: 0, qualityHold: 0, inTransit: 0, safetyStock: adu * 3, maxStock: null, avgDailyDemand: adu, demandStdDev: adu / 4, sourceSystem: "ERP", sourceUpdatedAt: asOf, lastIssueAt: day(-1) });
    for (let k = 0; k < poPer; k++) {
      if (rnd() < 0.4) continue;
      const promised = day(10 + int(25));
      poLines.push({ id: `POL${po}`, purchaseOrderId: `PO${po}`, poNumber: `PO-${String(po).padStart(7, "0")}`, lineNo: 1, supplierId: "S0", locationId, itemId: it.id, qtyOrdered: adu * 15, qtyReceived: 0, unitCost: it.unitCost, orderedAt: day(-5), acknowledgedAt: day(-4), ackStatus: "ACCEPTED", promisedDate: promised, originalPromisedDate: promised, sourceSystem: "ERP" });
      po++;
    }
    for (let k = 0; k < soPer; k++) {
      if (rnd() < 0.3) continue;
      soLines.push({ id: `SOL${so}`, salesOrderId: `SO${so}`, soNumber: `SO-${String(so).padStart(7, "0")}`, lineNo: 1, customerId: `C${so % 97}`, customerTier: pick(["STANDARD", "KEY", "STRATEGIC"] as const), customerCreditHold: false, locationId, itemId: it.id, qtyOrdered: 1 + int(adu), qtyShipped: 0, qtyAllocated: 0, unitPrice: it.unitPrice, promisedShipDate: day(int(25)), priority: 1 + int(5) });
      so++;
    }
  }

  const transfers: SnapshotTransferLine[] = [];
  for (let t = 0; t < Math.max(4, Math.floor(items.length / 3)); t++) {
    const from = pick(locations).id;
    const to = pick(locations.filter((l) => l.id !== from)).id;
    const shipped = 20 + int(80);
    const closed = rnd() < 0.3;
    transfers.push({ id: `TOL${t}`, transferOrderId: `TO${t}`, transferNumber: `TO-${String(t).padStart(6, "0")}`, fromLocationId: from, toLocationId: to, itemId: pick(items).id, qtyShipped: shipped, qtyReceived: closed ? shipped - int(10) : 0, shippedAt: day(-10 + int(8)), expectedAt: day(-7 + int(9)), receivedAt: closed ? day(-1) : null, carrier: pick(["XPO", "FEDEX", null]) });
  }
  snap.transferLines = transfers;
  return snap;
}
