/**
 * Deliberately planted exceptions (see the pattern table in generate-demo.ts). Each plant takes
 * an item-location out of the background (reserved), writes its own balance and documents, and
 * records a PlantedPattern so tests and the demo narrative can find it.
 */
import type { DemoRows, DemoTables, PlantedPattern } from "./demo-types";
import { addDays, addMinutes, emptyTables } from "./demo-types";
import type { ItemLoc, MasterData } from "./generate-master-data";
import { SITES, carrierFor, sourceAgeMinutes } from "./generate-master-data";
import { backgroundLots, type DocCounters } from "./generate-orders";
import { Rng, deriveSeed } from "./random";

type Tier = "STRATEGIC" | "KEY" | "STANDARD" | "CREDIT_HOLD";

/** Sites per planted type. Same counts at both scales. */
export const PLANT_SITES: Record<string, string[]> = {
  NEGATIVE_ON_HAND: ["DC-ATL", "DC-DAL", "DC-CHI", "DC-LAX"],
  STOCKOUT_NOW: ["DC-ATL", "DC-ATL", "DC-NJ", "DC-DAL", "DC-CHI", "DC-SEA"],
  PROJECTED_STOCKOUT_NO_SUPPLY: ["DC-ATL", "DC-ATL", "DC-NJ", "DC-DAL", "DC-CHI", "DC-CHI", "DC-LAX", "HUB-MEM"],
  STOCKOUT_DESPITE_INBOUND: ["DC-NJ", "DC-DAL", "DC-LAX", "DC-CHI"],
  PO_NO_ASN_CHAIN: ["DC-ATL", "DC-ATL", "DC-ATL", "DC-NJ", "DC-NJ", "DC-LAX", "DC-LAX", "DC-DAL"],
  PO_NOT_ACKNOWLEDGED: ["DC-ATL", "DC-NJ", "DC-CHI", "DC-SEA", "DC-DAL", "DC-LAX"],
  PO_PAST_DUE: ["DC-ATL", "DC-NJ", "DC-DAL", "DC-CHI", "DC-LAX", "HUB-MEM"],
  ASN_OVERDUE: ["DC-ATL", "DC-NJ", "DC-CHI", "DC-LAX", "DC-SEA"],
  CYCLE_COUNT_VARIANCE: ["DC-ATL", "DC-ATL", "DC-NJ", "DC-DAL", "DC-CHI", "DC-LAX", "DC-SEA", "HUB-MEM"],
  TRANSFER_IN_TRANSIT_AGED: ["DC-ATL", "DC-NJ", "DC-LAX", "DC-DAL"],
  QUALITY_LOT_HOLD_BLOCKING: ["DC-ATL", "DC-NJ", "DC-CHI", "DC-LAX"],
  BELOW_SAFETY_STOCK: ["DC-ATL", "DC-NJ", "DC-DAL", "DC-CHI", "DC-SEA", "HUB-MEM"],
  CREDIT_HOLD_BLOCKING: ["DC-ATL", "DC-NJ", "DC-DAL"],
  SUPPLIER_PROMISE_SLIP: ["DC-NJ", "DC-CHI", "DC-LAX"],
  DEMAND_SPIKE: ["DC-ATL", "DC-DAL", "DC-SEA"],
  EXCESS_STOCK: ["DC-CHI", "HUB-MEM", "DC-DAL"],
  ALLOCATION_CONFLICT: ["DC-ATL", "DC-LAX"],
  RECEIPT_QTY_VARIANCE: ["DC-ATL", "DC-CHI", "HUB-MEM"],
  TRANSFER_RECEIPT_VARIANCE: ["DC-NJ", "DC-LAX"],
  EXPIRY_RISK: ["DC-ATL", "DC-DAL", "DC-NJ"],
  SURPLUS_ON_ORDER: ["DC-CHI", "DC-LAX", "HUB-MEM"],
  OBSOLETE_DEAD_STOCK: ["DC-DAL", "DC-SEA", "HUB-MEM"],
};

export interface PlantResult {
  tables: DemoTables;
  reserved: Set<string>;
  planted: PlantedPattern[];
}

/** Plants every pattern of PLANT_SITES plus the master-data and stale-feed patterns. */
export function plantExceptions(seed: number, asOf: Date, master: MasterData, counters: DocCounters): PlantResult {
  const p = new Planter(seed, asOf, master, counters);
  for (const [type, sites] of Object.entries(PLANT_SITES)) {
    sites.forEach((code) => p.plant(type, code));
  }
  for (const it of master.items.filter((i) => i.supplierIdx === null || i.leadTimeDays === null)) {
    const il = master.itemLocs.find((x) => x.item === it)!;
    p.planted.push({
      type: "MASTER_DATA_INVALID", siteCode: SITES[il.siteIdx].code, locationId: SITES[il.siteIdx].id, itemId: it.id, refs: {},
      note: it.supplierIdx === null ? "item has no primary supplier" : "item has no lead time",
    });
  }
  const sea = SITES.find((s) => s.source === "erpnext-west")!;
  p.planted.push({ type: "DATA_FEED_STALE", siteCode: sea.code, locationId: sea.id, itemId: null, refs: { dataSource: "ds_erpnext_west" }, note: "erpnext-west last success 26 h ago, SLA 240 min" });
  return { tables: p.t, reserved: p.reserved, planted: p.planted };
}

class Planter {
  readonly t = emptyTables();
  readonly reserved = new Set<string>();
  readonly planted: PlantedPattern[] = [];
  private readonly rng: Rng;
  private readonly bySite = new Map<number, ItemLoc[]>();
  private readonly customers: Record<Tier, DemoRows["customers"][]>;
  private readonly stocked = new Set<string>();

  constructor(seed: number, private asOf: Date, private master: MasterData, private counters: DocCounters) {
    this.rng = new Rng(deriveSeed(seed, "plant"));
    for (const il of master.itemLocs) {
      if (il.item.supplierIdx === null || il.item.leadTimeDays === null) continue;
      const l = this.bySite.get(il.siteIdx) ?? [];
      l.push(il);
      this.bySite.set(il.siteIdx, l);
    }
    for (const il of master.itemLocs) this.stocked.add(`${il.item.idx}:${il.siteIdx}`);
    const c = master.customerRows;
    this.customers = {
      STRATEGIC: c.filter((x) => x.tier === "STRATEGIC" && !x.creditHold),
      KEY: c.filter((x) => x.tier === "KEY" && !x.creditHold),
      STANDARD: c.filter((x) => x.tier === "STANDARD" && !x.creditHold),
      CREDIT_HOLD: c.filter((x) => x.creditHold),
    };
  }

  /** A free, valid item-location at the site matching pred (falls back to any free one with d ≥ 1). */
  private take(code: string, pred: (il: ItemLoc) => boolean): ItemLoc {
    const siteIdx = SITES.findIndex((s) => s.code === code);
    const list = this.bySite.get(siteIdx)!;
    const ok = (il: ItemLoc) => !this.reserved.has(il.id) && il.avgDailyDemand >= 1;
    let found: ItemLoc | undefined;
    for (let i = 0; i < 400 && !found; i++) {
      const il = this.rng.pick(list);
      if (ok(il) && pred(il)) found = il;
    }
    found ??= list.find((il) => ok(il) && pred(il)) ?? list.find(ok);
    if (!found) throw new Error(`no free item-location at ${code}`);
    this.reserved.add(found.id);
    return found;
  }

  private sup(il: ItemLoc) {
    return this.master.suppliers[il.item.supplierIdx!];
  }

  private balance(
    il: ItemLoc,
    b: { onHand: number; allocated?: number; qualityHold?: number; inTransit?: number; safetyStock?: number; maxStock?: number; lastIssueDaysAgo?: number; avgDailyDemand?: number; ownLots?: boolean },
  ): void {
    const site = SITES[il.siteIdx];
    const ss = b.safetyStock ?? il.safetyStock;
    this.t.balances.push({
      id: il.id, itemId: il.item.id, locationId: site.id, onHand: b.onHand, allocated: b.allocated ?? 0, qualityHold: b.qualityHold ?? 0,
      inTransit: b.inTransit ?? 0, safetyStock: ss, maxStock: b.maxStock ?? Math.max(b.onHand, 0) + Math.ceil(il.avgDailyDemand * 60) + ss,
      avgDailyDemand: b.avgDailyDemand ?? il.avgDailyDemand, demandStdDev: b.avgDailyDemand === 0 ? 0 : il.demandStdDev,
      sourceUpdatedAt: addMinutes(this.asOf, -sourceAgeMinutes(this.rng, site.source)), sourceSystem: site.source,
      lastIssueAt: addDays(this.asOf, -(b.lastIssueDaysAgo ?? 0.5)),
    });
    // Lot-controlled items carry their on hand in healthy lots unless the plant writes its own.
    if (!b.ownLots) this.t.lotBalances.push(...backgroundLots(il, b.onHand, this.asOf));
  }

  /** On hand that covers safety stock and forecast over lead time + 7 days, plus extra. */
  private healthy(il: ItemLoc, extra = 0): number {
    return il.safetyStock + Math.ceil(il.avgDailyDemand * (il.coverDays + 7)) + extra;
  }

  private so(il: ItemLoc, tier: Tier, qty: number, dueInDays: number, allocated = 0, priority?: number): string {
    const cust = this.rng.pick(this.customers[tier]);
    const n = ++this.counters.so;
    this.t.salesOrders.push({ id: `so_${n}`, number: `SO-${n}`, customerId: cust.id!, locationId: SITES[il.siteIdx].id, status: "OPEN", orderedAt: addDays(this.asOf, -this.rng.float(1, 6)) });
    const prio = priority ?? (tier === "STRATEGIC" ? 1 : tier === "KEY" ? 2 : 3);
    this.t.salesOrderLines.push({
      id: `sol_${n}_1`, salesOrderId: `so_${n}`, lineNo: 1, itemId: il.item.id, qtyOrdered: qty, qtyShipped: 0, qtyAllocated: allocated,
      unitPrice: il.item.unitPrice, promisedShipDate: addDays(this.asOf, dueInDays), priority: prio,
    });
    return `sol_${n}_1`;
  }

  private po(
    il: ItemLoc,
    o: { orderedDaysAgo: number; ackDaysAfter: number | null; promisedIn: number; originalIn?: number; qty: number; ackStatus?: "ACCEPTED" | "CHANGED"; status?: "OPEN" | "CLOSED"; qtyReceived?: number },
  ): { poId: string; lineId: string } {
    const site = SITES[il.siteIdx];
    const sup = this.sup(il);
    const n = ++this.counters.po;
    const orderedAt = addDays(this.asOf, -o.orderedDaysAgo);
    this.t.purchaseOrders.push({
      id: `po_${n}`, number: `PO-${n}`, supplierId: sup.id, locationId: site.id, status: o.status ?? "OPEN", orderedAt,
      acknowledgedAt: o.ackDaysAfter === null ? null : addDays(orderedAt, o.ackDaysAfter),
      ackStatus: o.ackDaysAfter === null ? "NONE" : (o.ackStatus ?? "ACCEPTED"), sourceSystem: site.source,
    });
    this.t.purchaseOrderLines.push({
      id: `pol_${n}_1`, purchaseOrderId: `po_${n}`, lineNo: 1, itemId: il.item.id, qtyOrdered: o.qty, qtyReceived: o.qtyReceived ?? 0, unitCost: il.item.unitCost,
      promisedDate: addDays(this.asOf, o.promisedIn), originalPromisedDate: addDays(this.asOf, o.originalIn ?? o.promisedIn),
    });
    return { poId: `po_${n}`, lineId: `pol_${n}_1` };
  }

  private asn(il: ItemLoc, po: { poId: string; lineId: string }, shippedDaysAgo: number, etaIn: number, qty: number): string {
    const n = ++this.counters.asn;
    this.t.asns.push({
      id: `asn_${n}`, number: `ASN-${n}`, purchaseOrderId: po.poId, supplierId: this.sup(il).id, locationId: SITES[il.siteIdx].id,
      shippedAt: addDays(this.asOf, -shippedDaysAgo), eta: addDays(this.asOf, etaIn), status: "IN_TRANSIT", carrier: carrierFor(n),
    });
    this.t.asnLines.push({ id: `asnl_${n}_1`, asnId: `asn_${n}`, purchaseOrderLineId: po.lineId, itemId: il.item.id, qtyShipped: qty });
    return `asn_${n}`;
  }

  private record(type: string, il: ItemLoc, refs: PlantedPattern["refs"], note: string): void {
    const site = SITES[il.siteIdx];
    this.planted.push({ type, siteCode: site.code, locationId: site.id, itemId: il.item.id, refs, note });
  }

  plant(type: string, code: string): void {
    const r = this.rng;
    const lt = (il: ItemLoc) => il.item.leadTimeDays!;
    switch (type) {
      case "NEGATIVE_ON_HAND": {
        const il = this.take(code, () => true);
        const oh = -r.int(3, 12);
        this.balance(il, { onHand: oh });
        return this.record(type, il, {}, `onHand ${oh}`);
      }
      case "STOCKOUT_NOW": {
        const il = this.take(code, (x) => x.item.abcClass !== "C");
        const d = il.avgDailyDemand;
        const held = Math.ceil(d * 2);
        const a = this.so(il, "KEY", held, 1, held);
        const b = this.so(il, "STRATEGIC", Math.ceil(d * 3), r.float(0.5, 2));
        const c = this.so(il, "STANDARD", Math.ceil(d * 2), 5);
        this.balance(il, { onHand: held, allocated: held });
        return this.record(type, il, { soLines: [a, b, c] }, "available 0 (all allocated), unallocated open demand due in ≤ 5 days, no supply");
      }
      case "PROJECTED_STOCKOUT_NO_SUPPLY": {
        const il = this.take(code, () => true);
        const d = il.avgDailyDemand;
        const lines = [3, 6, 10].map((day, k) => this.so(il, k === 1 ? "KEY" : "STANDARD", Math.ceil(d * 3), day));
        this.balance(il, { onHand: Math.ceil(d * 4) });
        return this.record(type, il, { soLines: lines }, "available 4 days of demand, open SO 9 days of demand over 10 days, no open PO/transfer");
      }
      case "STOCKOUT_DESPITE_INBOUND": {
        const il = this.take(code, (x) => lt(x) >= 10);
        const d = il.avgDailyDemand;
        const a = this.so(il, "KEY", Math.ceil(d * 2), 2);
        const b = this.so(il, "STANDARD", Math.ceil(d * 2), 4);
        const qty = Math.ceil(d * 20);
        const po = this.po(il, { orderedDaysAgo: lt(il) - 3, ackDaysAfter: 1, promisedIn: 12, qty });
        const asn = this.asn(il, po, 1, 12, qty);
        this.balance(il, { onHand: Math.ceil(d * 1.5), maxStock: qty + Math.ceil(d * 40) + il.safetyStock });
        return this.record(type, il, { poLine: po.lineId, asn, soLines: [a, b] }, "shortage from day 2; ASN in transit arrives day 12");
      }
      case "PO_NO_ASN_CHAIN": {
        const il = this.take(code, (x) => this.sup(x).medianLatenessDays >= 2 && x.avgDailyDemand >= 2);
        const d = il.avgDailyDemand;
        const a = this.so(il, "STRATEGIC", Math.ceil(d * 3), 0.4);
        const b = this.so(il, r.chance(0.5) ? "STRATEGIC" : "KEY", Math.ceil(d * 2), 2);
        const qty = Math.ceil((d * 20) / 5) * 5;
        // Promised tomorrow ⇒ ship date (promise − 3 d) was 2 days ago; no ASN received.
        const po = this.po(il, { orderedDaysAgo: Math.max(lt(il) - 1, 4), ackDaysAfter: 1, promisedIn: 1, qty });
        this.balance(il, { onHand: Math.ceil(d), maxStock: qty + Math.ceil(d * 40) + il.safetyStock });
        return this.record("PO_NO_ASN", il, { poLine: po.lineId, soLines: [a, b], chainsWith: "STOCKOUT_DESPITE_INBOUND" },
          `PO due tomorrow, ship date passed 2 days ago with no ASN; strategic SO due today exceeds available; supplier lateness ${this.sup(il).medianLatenessDays} d`);
      }
      case "PO_NOT_ACKNOWLEDGED": {
        const il = this.take(code, (x) => lt(x) >= 10);
        const ago = r.int(3, 6) + 0.2;
        const qty = Math.ceil(il.avgDailyDemand * 15);
        const po = this.po(il, { orderedDaysAgo: ago, ackDaysAfter: null, promisedIn: Math.max(lt(il) - ago, 5), qty });
        this.balance(il, { onHand: this.healthy(il), maxStock: this.healthy(il) + qty + Math.ceil(il.avgDailyDemand * 30) });
        return this.record(type, il, { poLine: po.lineId }, `PO sent ${ago} days ago, no acknowledgement`);
      }
      case "PO_PAST_DUE": {
        const il = this.take(code, () => true);
        const late = r.int(2, 6);
        const qty = Math.ceil(il.avgDailyDemand * 15);
        const po = this.po(il, { orderedDaysAgo: lt(il) + late + 1, ackDaysAfter: 1, promisedIn: -late, qty });
        this.balance(il, { onHand: this.healthy(il), maxStock: this.healthy(il) + qty + Math.ceil(il.avgDailyDemand * 30) });
        return this.record(type, il, { poLine: po.lineId, chainsWith: "PO_NO_ASN" }, `promised ${late} days ago, nothing received, no ASN; stock still covers demand`);
      }
      case "ASN_OVERDUE": {
        const il = this.take(code, () => true);
        const late = r.int(2, 4);
        const qty = Math.ceil(il.avgDailyDemand * 15);
        const po = this.po(il, { orderedDaysAgo: lt(il) + late + 1, ackDaysAfter: 1, promisedIn: -late, qty });
        const asn = this.asn(il, po, late + 4, -late, qty);
        this.balance(il, { onHand: this.healthy(il), maxStock: this.healthy(il) + qty + Math.ceil(il.avgDailyDemand * 30) });
        return this.record(type, il, { poLine: po.lineId, asn, chainsWith: "PO_PAST_DUE" }, `ASN ETA ${late} days ago, still in transit`);
      }
      case "CYCLE_COUNT_VARIANCE": {
        const il = this.take(code, (x) => x.item.abcClass === (["A", "B", "C"] as const)[this.planted.length % 3]);
        const tol = il.item.abcClass === "A" ? 0.01 : il.item.abcClass === "B" ? 0.03 : 0.05;
        const sys = this.healthy(il);
        const delta = Math.max(3, Math.ceil(sys * tol * r.float(2, 4)));
        const id = `cc_${++this.counters.cc}`;
        this.t.cycleCounts.push({ id, itemId: il.item.id, locationId: SITES[il.siteIdx].id, countedAt: addDays(this.asOf, -r.float(1, 6)), systemQty: sys, countedQty: sys - delta });
        this.balance(il, { onHand: sys });
        return this.record(type, il, { cycleCount: id }, `class ${il.item.abcClass}: counted ${sys - delta} vs system ${sys} (${((delta / sys) * 100).toFixed(1)}% > ${tol * 100}%)`);
      }
      case "TRANSFER_IN_TRANSIT_AGED": {
        const from = code === "DC-DAL" ? "DC-CHI" : "HUB-MEM";
        const fromIdx = SITES.findIndex((s) => s.code === from);
        const il = this.take(code, (x) => this.stocked.has(`${x.item.idx}:${fromIdx}`));
        const qty = Math.ceil(il.avgDailyDemand * 6);
        const n = ++this.counters.to;
        this.t.transferOrders.push({ id: `to_${n}`, number: `TO-${n}`, fromLocationId: SITES[fromIdx].id, toLocationId: SITES[il.siteIdx].id, status: "OPEN", shippedAt: addDays(this.asOf, -9), expectedAt: addDays(this.asOf, -5), receivedAt: null, carrier: carrierFor(n) });
        this.t.transferOrderLines.push({ id: `tol_${n}_1`, transferOrderId: `to_${n}`, itemId: il.item.id, qtyShipped: qty, qtyReceived: 0 });
        this.balance(il, { onHand: this.healthy(il), inTransit: qty, maxStock: this.healthy(il) + qty + Math.ceil(il.avgDailyDemand * 30) });
        return this.record(type, il, { transfer: `to_${n}` }, `shipped from ${from} 9 days ago, expected 5 days ago, not received`);
      }
      case "QUALITY_LOT_HOLD_BLOCKING": {
        const il = this.take(code, () => true);
        const d = il.avgDailyDemand;
        const hold = Math.ceil(d * 8);
        const free = Math.ceil(d * 1.5);
        const a = this.so(il, "STRATEGIC", Math.ceil(d * 2), 2);
        const b = this.so(il, "KEY", Math.ceil(d * 2), 5);
        const id = `hold_${++this.counters.hold}`;
        this.t.holds.push({ id, kind: "QUALITY", itemId: il.item.id, locationId: SITES[il.siteIdx].id, qty: hold, lot: `LOT-Q${this.counters.hold}`, reason: "Supplier certificate of analysis missing", placedAt: addDays(this.asOf, -6), releasedAt: null });
        this.balance(il, { onHand: hold + free, qualityHold: hold });
        return this.record(type, il, { hold: id, soLines: [a, b] }, "6-day-old hold of 8 days' stock; free stock 1.5 days vs 4 days of open demand");
      }
      case "BELOW_SAFETY_STOCK": {
        const il = this.take(code, (x) => this.sup(x).medianLatenessDays <= 1);
        const d = il.avgDailyDemand;
        const ss = Math.max(il.safetyStock, Math.ceil(d * 10));
        const qty = Math.ceil(d * (il.coverDays + 5)); // covers the rest of the horizon: no shortage, only the SS dip
        const po = this.po(il, { orderedDaysAgo: Math.max(lt(il) - 4, 2), ackDaysAfter: 0.5, promisedIn: 4, qty });
        this.balance(il, { onHand: Math.ceil(d * 8), safetyStock: ss, maxStock: ss + qty + Math.ceil(d * 30) });
        return this.record(type, il, { poLine: po.lineId }, "8 days of stock vs safety stock ≥ 10 days; acked PO covering the horizon lands in 4 days");
      }
      case "CREDIT_HOLD_BLOCKING": {
        const il = this.take(code, () => true);
        const qty = Math.ceil(il.avgDailyDemand * 2);
        const line = this.so(il, "CREDIT_HOLD", qty, 1, qty, 1);
        this.balance(il, { onHand: this.healthy(il, qty), allocated: qty });
        return this.record(type, il, { soLines: [line] }, "priority-1 order of a customer on credit hold, stock allocated, ships tomorrow");
      }
      case "SUPPLIER_PROMISE_SLIP": {
        const il = this.take(code, (x) => lt(x) >= 8);
        const qty = Math.ceil(il.avgDailyDemand * 15);
        const po = this.po(il, { orderedDaysAgo: Math.max(lt(il) - 4, 3), ackDaysAfter: 1, promisedIn: 14, originalIn: 4, qty, ackStatus: "CHANGED" });
        this.balance(il, { onHand: this.healthy(il), maxStock: this.healthy(il) + qty + Math.ceil(il.avgDailyDemand * 30) });
        return this.record(type, il, { poLine: po.lineId }, "promise moved from +4 to +14 days");
      }
      case "DEMAND_SPIKE": {
        const il = this.take(code, () => true);
        const qty = Math.ceil(il.avgDailyDemand * 12);
        const line = this.so(il, "STANDARD", qty, 6);
        this.balance(il, { onHand: this.healthy(il, qty) });
        return this.record(type, il, { soLines: [line] }, "one line of 12× average daily demand; stock covers it");
      }
      case "EXCESS_STOCK": {
        const il = this.take(code, (x) => x.item.abcClass !== "C");
        const d = il.avgDailyDemand;
        const max = Math.ceil(d * 60) + il.safetyStock;
        this.balance(il, { onHand: Math.ceil(d * 300), maxStock: max });
        return this.record(type, il, {}, "300 days of cover, 5× max stock");
      }
      case "ALLOCATION_CONFLICT": {
        const il = this.take(code, () => true);
        const d = il.avgDailyDemand;
        const held = Math.ceil(d * 4);
        const low = this.so(il, "STANDARD", held, 12, held, 5);
        const high = this.so(il, "STRATEGIC", Math.ceil(d * 3), 1);
        this.balance(il, { onHand: held, allocated: held });
        return this.record(type, il, { soLines: [low, high] }, "priority-5 order due in 12 days holds all stock; strategic priority-1 order due tomorrow is unallocated");
      }
      case "RECEIPT_QTY_VARIANCE": {
        // The dock counted 92% of what the ASN announced; the buyer short-closed the PO.
        const il = this.take(code, () => true);
        const qty = Math.max(25, Math.ceil(il.avgDailyDemand * 15));
        const received = Math.floor(qty * 0.92);
        const po = this.po(il, { orderedDaysAgo: lt(il) + 3, ackDaysAfter: 1, promisedIn: -2, qty, status: "CLOSED", qtyReceived: received });
        const asnId = this.asn(il, po, 5, -2, qty);
        this.t.asns[this.t.asns.length - 1].status = "RECEIVED";
        const rn = ++this.counters.rcpt;
        this.t.receipts.push({ id: `rcpt_${rn}`, number: `RCV-${rn}`, locationId: SITES[il.siteIdx].id, purchaseOrderId: po.poId, asnId, receivedAt: addDays(this.asOf, -2) });
        this.t.receiptLines.push({ id: `rcptl_${rn}_1`, receiptId: `rcpt_${rn}`, purchaseOrderLineId: po.lineId, itemId: il.item.id, qtyReceived: received });
        this.balance(il, { onHand: this.healthy(il, received) });
        return this.record(type, il, { poLine: po.lineId, asn: asnId, receipt: `rcpt_${rn}` }, `received ${received} of ${qty} announced on the ASN (92%) two days ago`);
      }
      case "TRANSFER_RECEIPT_VARIANCE": {
        // A hub transfer arrived 10% short yesterday; the sender's books still say it all left.
        const fromIdx = SITES.findIndex((s) => s.code === "HUB-MEM");
        const il = this.take(code, (x) => this.stocked.has(`${x.item.idx}:${fromIdx}`));
        const qty = Math.max(20, Math.ceil(il.avgDailyDemand * 6));
        const received = qty - Math.max(2, Math.round(qty * 0.1));
        const n = ++this.counters.to;
        this.t.transferOrders.push({
          id: `to_${n}`, number: `TO-${n}`, fromLocationId: SITES[fromIdx].id, toLocationId: SITES[il.siteIdx].id, status: "CLOSED",
          shippedAt: addDays(this.asOf, -5), expectedAt: addDays(this.asOf, -1.5), receivedAt: addDays(this.asOf, -1), carrier: carrierFor(n),
        });
        this.t.transferOrderLines.push({ id: `tol_${n}_1`, transferOrderId: `to_${n}`, itemId: il.item.id, qtyShipped: qty, qtyReceived: received });
        this.balance(il, { onHand: this.healthy(il, received) });
        return this.record(type, il, { transfer: `to_${n}` }, `shipped ${qty}, received ${received} yesterday`);
      }
      case "EXPIRY_RISK": {
        // A lot of 40 days' demand expires in 12 days; FEFO consumption can use only 12 days' worth.
        const il = this.take(code, (x) => x.item.shelfLifeDays !== null);
        const d = il.avgDailyDemand;
        const expiring = Math.ceil(d * 40);
        const fresh = this.healthy(il);
        const site = SITES[il.siteIdx];
        const shelf = il.item.shelfLifeDays!;
        this.t.lotBalances.push(
          { id: `lot_${il.id}_X`, itemId: il.item.id, locationId: site.id, lot: `LOT-X${il.idx}`, qty: expiring, receivedAt: addDays(this.asOf, -(shelf - 12)), expiresAt: addDays(this.asOf, 12), sourceSystem: site.source },
          { id: `lot_${il.id}_Y`, itemId: il.item.id, locationId: site.id, lot: `LOT-Y${il.idx}`, qty: fresh, receivedAt: addDays(this.asOf, -5), expiresAt: addDays(this.asOf, shelf - 5), sourceSystem: site.source },
        );
        this.balance(il, { onHand: expiring + fresh, maxStock: expiring + fresh + Math.ceil(d * 60), ownLots: true });
        return this.record(type, il, { lot: `LOT-X${il.idx}` }, `lot of ${expiring} (40 days of demand) expires in 12 days`);
      }
      case "SURPLUS_ON_ORDER": {
        // Healthy stock near max; an acknowledged PO of 70 days' demand lands in 6 days and overshoots max.
        const il = this.take(code, (x) => lt(x) >= 8 && x.item.abcClass !== "C");
        const d = il.avgDailyDemand;
        const onHand = this.healthy(il);
        const qty = Math.ceil((d * 70) / 5) * 5;
        const po = this.po(il, { orderedDaysAgo: Math.max(lt(il) - 6, 2), ackDaysAfter: 0.5, promisedIn: 6, qty });
        const asnId = this.asn(il, po, 1, 6, qty);
        this.balance(il, { onHand, maxStock: onHand + Math.ceil(d * 10) });
        return this.record(type, il, { poLine: po.lineId, asn: asnId }, `PO of ${qty} (70 days) lands in 6 days with stock already near max`);
      }
      case "OBSOLETE_DEAD_STOCK": {
        // Nothing issued for 14 months, no demand, no orders: stock worth well over $5k sits idle.
        const il = this.take(code, (x) => x.item.unitCost >= 10);
        const onHand = Math.max(60, Math.ceil(6000 / il.item.unitCost));
        this.balance(il, { onHand, avgDailyDemand: 0, safetyStock: 0, maxStock: onHand + 10, lastIssueDaysAgo: 420 });
        return this.record(type, il, {}, `${onHand} units, last issued 420 days ago, no demand`);
      }
      default:
        throw new Error(`unknown plant type ${type}`);
    }
  }
}
