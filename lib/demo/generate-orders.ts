/**
 * Background (healthy) activity: balances, open and closed POs with ASNs and receipts, open sales
 * orders, transfers, cycle counts and holds. Everything here is designed NOT to raise exceptions:
 * stock covers all open demand plus forecast over lead time + 7 days, POs are acknowledged and on
 * time, ASNs exist once a PO's ship date has passed, counts are within tolerance, holds are fresh.
 * Background orders are streamed per chunk of item-locations so bench scale stays memory-bounded.
 */
import type { DemoBatch, DemoRows, DemoTables } from "./demo-types";
import { addDays, addMinutes, emptyTables, pad, round2 } from "./demo-types";
import type { ItemLoc, MasterData, ScaleConfig } from "./generate-master-data";
import { HUB_INDEX, SITES, carrierFor, sourceAgeMinutes } from "./generate-master-data";
import { Rng, deriveSeed } from "./random";

/** Running document numbers shared by plants and background so numbers never collide. */
export interface DocCounters {
  so: number;
  po: number;
  asn: number;
  rcpt: number;
  to: number;
  cc: number;
  hold: number;
}

export function newCounters(): DocCounters {
  return { so: 100000, po: 200000, asn: 300000, rcpt: 400000, to: 500000, cc: 0, hold: 0 };
}

export interface ItemLocPlan {
  so: { qty: number; daysOut: number; allocated: number }[];
  po: number[];
  closedPo: number | null;
  hold: { qty: number; hoursAgo: number } | null;
  releasedHold: { qty: number; daysAgo: number } | null;
  count: { daysAgo: number; delta: number } | null;
  onHand: number;
  allocated: number;
  sourceAgeMin: number;
  /** Days since stock was last issued (recent: the background is never dead stock). */
  lastIssueDaysAgo: number;
}

/** Pure plan of one background item-location; called once for its balance and once for its orders. */
export function planItemLoc(seed: number, il: ItemLoc, cfg: ScaleConfig): ItemLocPlan {
  const rng = new Rng(deriveSeed(seed, "il", il.idx));
  const d = il.avgDailyDemand;
  const so: ItemLocPlan["so"] = [];
  // Slow movers get no open orders in the background (keeps order qty within ~2x daily demand).
  if (d >= 1 && rng.chance(cfg.soChance)) {
    const n = rng.int(cfg.soMin, cfg.soMax);
    for (let k = 0; k < n; k++) {
      const qty = rng.int(1, Math.max(1, Math.floor(2 * d)));
      const daysOut = round2(rng.float(0.3, 21));
      so.push({ qty, daysOut, allocated: daysOut <= 2 ? qty : 0 });
    }
  }
  const valid = il.item.supplierIdx !== null;
  const po: number[] = [];
  if (valid && rng.chance(cfg.poChance)) {
    const n = rng.int(cfg.poMin, cfg.poMax);
    for (let k = 0; k < n; k++) po.push(Math.max(5, Math.round(d * rng.float(10, 25) / 5) * 5));
  }
  const closedPo = valid && rng.chance(cfg.closedPoChance) ? Math.max(5, Math.round(d * rng.float(10, 25) / 5) * 5) : null;
  const hold = rng.chance(0.004) ? { qty: rng.int(1, 6), hoursAgo: rng.float(1, 20) } : null;
  const releasedHold = rng.chance(0.006) ? { qty: rng.int(2, 20), daysAgo: rng.float(12, 40) } : null;
  const allocated = so.reduce((s, l) => s + l.allocated, 0);
  const soTotal = so.reduce((s, l) => s + l.qty, 0);
  const onHand = allocated + (hold?.qty ?? 0) + il.safetyStock + soTotal + Math.ceil(d * (il.coverDays + 7)) + rng.int(0, Math.ceil(d * 5));
  let count: ItemLocPlan["count"] = null;
  if (rng.chance(cfg.cycleCountChance)) {
    const tol = il.item.abcClass === "A" ? 0.01 : il.item.abcClass === "B" ? 0.03 : 0.05;
    // Most counts match; a few are off by one unit where that stays well inside tolerance and cheap.
    const small = rng.chance(0.2) && 1 / onHand <= tol / 2 && il.item.unitCost <= 20;
    count = { daysAgo: rng.float(1, 30), delta: small ? rng.pick([-1, 1]) : 0 };
  }
  const sourceAgeMin = sourceAgeMinutes(rng, SITES[il.siteIdx].source);
  // Drawn last so the draws above (and every existing document) stay as they were.
  const lastIssueDaysAgo = d >= 1 ? rng.float(0.05, 2) : rng.float(1, 20);
  return { so, po, closedPo, hold, releasedHold, count, onHand, allocated, sourceAgeMin, lastIssueDaysAgo };
}

/** Balance row of a background item-location. */
export function backgroundBalance(il: ItemLoc, plan: ItemLocPlan, asOf: Date, inTransit: number): DemoRows["balances"] {
  const poTotal = plan.po.reduce((s, q) => s + q, 0);
  return {
    id: il.id, itemId: il.item.id, locationId: SITES[il.siteIdx].id,
    onHand: plan.onHand, allocated: plan.allocated, qualityHold: plan.hold?.qty ?? 0, inTransit,
    safetyStock: il.safetyStock, maxStock: plan.onHand + poTotal + inTransit + Math.ceil(il.avgDailyDemand * 30),
    avgDailyDemand: il.avgDailyDemand, demandStdDev: il.demandStdDev,
    sourceUpdatedAt: addMinutes(asOf, -plan.sourceAgeMin), sourceSystem: SITES[il.siteIdx].source,
    lastIssueAt: addDays(asOf, -plan.lastIssueDaysAgo),
  };
}

/**
 * Lots of a lot-controlled background item-location: on hand split FEFO-safe into an older lot
 * (40%) and a newer one, both received recently, so forecast consumes each long before it expires.
 */
export function backgroundLots(il: ItemLoc, onHand: number, asOf: Date): DemoRows["lotBalances"][] {
  const shelf = il.item.shelfLifeDays;
  if (shelf === null || onHand <= 0) return [];
  const older = Math.floor(onHand * 0.4);
  const site = SITES[il.siteIdx];
  const lot = (suffix: string, qty: number, receivedDaysAgo: number): DemoRows["lotBalances"] => ({
    id: `lot_${il.id}_${suffix}`, itemId: il.item.id, locationId: site.id, lot: `L${pad(il.idx, 6)}${suffix}`, qty,
    receivedAt: addDays(asOf, -receivedDaysAgo), expiresAt: addDays(asOf, shelf - receivedDaysAgo), sourceSystem: site.source,
  });
  return [lot("A", older, 40), lot("B", onHand - older, 8)].filter((l) => l.qty > 0);
}

/** Healthy hub → DC transfers (in memory; small). Returns rows and in-transit qty per item-location id. */
export function backgroundTransfers(
  seed: number, master: MasterData, reserved: Set<string>, asOf: Date, cfg: ScaleConfig, counters: DocCounters,
): { tables: Pick<DemoTables, "transferOrders" | "transferOrderLines">; inTransit: Map<string, number> } {
  const rng = new Rng(deriveSeed(seed, "transfers"));
  const hubItems = new Set(master.itemLocs.filter((il) => il.siteIdx === HUB_INDEX && !reserved.has(il.id)).map((il) => il.item.idx));
  const candidates = new Map<number, ItemLoc[]>();
  for (const il of master.itemLocs) {
    if (il.siteIdx === HUB_INDEX || reserved.has(il.id) || !hubItems.has(il.item.idx)) continue;
    const list = candidates.get(il.siteIdx) ?? [];
    list.push(il);
    candidates.set(il.siteIdx, list);
  }
  const dcs = [...candidates.keys()].sort((a, b) => a - b);
  const transferOrders: DemoRows["transferOrders"][] = [];
  const transferOrderLines: DemoRows["transferOrderLines"][] = [];
  const inTransit = new Map<string, number>();
  for (let t = 0; t < cfg.transfers; t++) {
    const siteIdx = rng.pick(dcs);
    const n = ++counters.to;
    const id = `to_${n}`;
    const inFlight = rng.chance(0.4);
    const shippedAt = inFlight ? addDays(asOf, -rng.float(0.3, 1.5)) : addDays(asOf, -rng.float(8, 25));
    const expectedAt = addDays(shippedAt, rng.float(3, 4));
    transferOrders.push({
      id, number: `TO-${n}`, fromLocationId: SITES[HUB_INDEX].id, toLocationId: SITES[siteIdx].id,
      status: inFlight ? "OPEN" : "CLOSED", shippedAt, expectedAt, receivedAt: inFlight ? null : addDays(expectedAt, rng.float(-0.4, 0.4)),
      carrier: carrierFor(n),
    });
    const lines = rng.sample(candidates.get(siteIdx)!, rng.int(1, 4));
    lines.forEach((il, k) => {
      const qty = Math.max(2, Math.round(il.avgDailyDemand * rng.float(3, 8)));
      transferOrderLines.push({ id: `tol_${n}_${k + 1}`, transferOrderId: id, itemId: il.item.id, qtyShipped: qty, qtyReceived: inFlight ? 0 : qty });
      if (inFlight) inTransit.set(il.id, (inTransit.get(il.id) ?? 0) + qty);
    });
  }
  return { tables: { transferOrders, transferOrderLines }, inTransit };
}

interface OrderCtx {
  seed: number;
  asOf: Date;
  cfg: ScaleConfig;
  master: MasterData;
  reserved: Set<string>;
  counters: DocCounters;
}

/** Streams background orders chunk by chunk, each chunk's tables in FK-safe order. */
export function* backgroundOrderBatches(ctx: OrderCtx): Generator<DemoBatch> {
  const { master, cfg } = ctx;
  const customers = master.customerRows.filter((c) => !c.creditHold);
  for (let start = 0, chunk = 0; start < master.itemLocs.length; start += cfg.chunkSize, chunk++) {
    const slice = master.itemLocs.slice(start, start + cfg.chunkSize).filter((il) => !ctx.reserved.has(il.id));
    const t = buildChunk(ctx, new Rng(deriveSeed(ctx.seed, "chunk", chunk)), slice, customers);
    for (const table of ["lotBalances", "purchaseOrders", "purchaseOrderLines", "asns", "asnLines", "receipts", "receiptLines", "salesOrders", "salesOrderLines", "cycleCounts", "holds"] as const) {
      if (t[table].length) yield { table, rows: t[table] } as DemoBatch;
    }
  }
}

function buildChunk(ctx: OrderCtx, rng: Rng, slice: ItemLoc[], customers: DemoRows["customers"][]): DemoTables {
  const { asOf, counters } = ctx;
  const t = emptyTables();
  const soBySite = new Map<number, { il: ItemLoc; qty: number; daysOut: number; allocated: number }[]>();
  const poGroups = new Map<string, { il: ItemLoc; qty: number }[]>();
  const closedGroups = new Map<string, { il: ItemLoc; qty: number }[]>();
  const push = <T>(m: Map<string | number, T[]>, k: string | number, v: T) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const il of slice) {
    const plan = planItemLoc(ctx.seed, il, ctx.cfg);
    const loc = SITES[il.siteIdx].id;
    t.lotBalances.push(...backgroundLots(il, plan.onHand, asOf));
    for (const l of plan.so) push(soBySite, il.siteIdx, { il, ...l });
    const key = `${il.siteIdx}:${il.item.supplierIdx}`;
    for (const q of plan.po) push(poGroups, key, { il, qty: q });
    if (plan.closedPo !== null) push(closedGroups, key, { il, qty: plan.closedPo });
    if (plan.count) {
      const systemQty = plan.onHand;
      t.cycleCounts.push({ id: `cc_${++counters.cc}`, itemId: il.item.id, locationId: loc, countedAt: addDays(asOf, -plan.count.daysAgo), systemQty, countedQty: systemQty + plan.count.delta });
    }
    if (plan.hold) {
      t.holds.push({ id: `hold_${++counters.hold}`, kind: "QUALITY", itemId: il.item.id, locationId: loc, qty: plan.hold.qty, lot: `L${pad(il.idx, 6)}A`, reason: "Inbound QA inspection", placedAt: addDays(asOf, -plan.hold.hoursAgo / 24), releasedAt: null });
    }
    if (plan.releasedHold) {
      const placedAt = addDays(asOf, -plan.releasedHold.daysAgo);
      t.holds.push({ id: `hold_${++counters.hold}`, kind: "QUALITY", itemId: il.item.id, locationId: loc, qty: plan.releasedHold.qty, lot: `L${pad(il.idx, 6)}R`, reason: "Packaging damage inspection", placedAt, releasedAt: addDays(placedAt, rng.float(1, 5)) });
    }
  }
  for (const [siteIdx, lines] of soBySite) {
    for (let i = 0; i < lines.length; ) {
      const size = Math.min(lines.length - i, rng.int(1, 5));
      const cust = rng.pick(customers);
      const n = ++counters.so;
      t.salesOrders.push({ id: `so_${n}`, number: `SO-${n}`, customerId: cust.id!, locationId: SITES[siteIdx].id, status: "OPEN", orderedAt: addDays(asOf, -rng.float(0.5, 12)) });
      const priority = cust.tier === "STRATEGIC" ? 1 : cust.tier === "KEY" ? 2 : rng.int(3, 5);
      lines.slice(i, i + size).forEach((l, k) => {
        t.salesOrderLines.push({
          id: `sol_${n}_${k + 1}`, salesOrderId: `so_${n}`, lineNo: k + 1, itemId: l.il.item.id, qtyOrdered: l.qty, qtyShipped: 0,
          qtyAllocated: l.allocated, unitPrice: l.il.item.unitPrice, promisedShipDate: addDays(asOf, l.daysOut), priority,
        });
      });
      i += size;
    }
  }
  emitPurchaseOrders(ctx, rng, t, poGroups, false);
  emitPurchaseOrders(ctx, rng, t, closedGroups, true);
  return t;
}

function emitPurchaseOrders(ctx: OrderCtx, rng: Rng, t: DemoTables, groups: Map<string, { il: ItemLoc; qty: number }[]>, closed: boolean): void {
  const { asOf, master, counters } = ctx;
  for (const [key, lines] of groups) {
    const [siteIdx, supIdx] = key.split(":").map(Number);
    const sup = master.suppliers[supIdx];
    const site = SITES[siteIdx];
    for (let i = 0; i < lines.length; ) {
      const size = Math.min(lines.length - i, rng.int(1, 6));
      const n = ++counters.po;
      const poId = `po_${n}`;
      const lt = sup.leadTimeDays;
      // Open: promised ≥ asOf + 0.5 d, never past due. Closed: fully received in the past.
      const orderedAt = closed ? addDays(asOf, -(lt + rng.float(4, 30))) : addDays(asOf, -rng.float(0.1, lt - 0.5));
      const ageDays = (asOf.getTime() - orderedAt.getTime()) / 86_400_000;
      const acked = closed || ageDays > 1.5 || rng.chance(0.5);
      const promised = addDays(orderedAt, lt);
      t.purchaseOrders.push({
        id: poId, number: `PO-${n}`, supplierId: sup.id, locationId: site.id, status: closed ? "CLOSED" : "OPEN", orderedAt,
        acknowledgedAt: acked ? addDays(orderedAt, Math.min(rng.float(0.1, 1.2), ageDays * 0.9)) : null, ackStatus: acked ? "ACCEPTED" : "NONE",
        sourceSystem: site.source,
      });
      const group = lines.slice(i, i + size);
      group.forEach((l, k) => {
        t.purchaseOrderLines.push({
          id: `pol_${n}_${k + 1}`, purchaseOrderId: poId, lineNo: k + 1, itemId: l.il.item.id, qtyOrdered: l.qty,
          qtyReceived: closed ? l.qty : 0, unitCost: l.il.item.unitCost, promisedDate: promised, originalPromisedDate: promised,
        });
      });
      // Once the ship date (promise − 3 d transit) has passed, the supplier has sent an ASN.
      if (closed || promised.getTime() < addDays(asOf, 3).getTime()) {
        const an = ++counters.asn;
        const asnId = `asn_${an}`;
        const shippedAt = addDays(promised, -3).getTime() < orderedAt.getTime() ? orderedAt : addDays(promised, -3);
        t.asns.push({ id: asnId, number: `ASN-${an}`, purchaseOrderId: poId, supplierId: sup.id, locationId: site.id, shippedAt, eta: promised, status: closed ? "RECEIVED" : "IN_TRANSIT", carrier: carrierFor(an) });
        group.forEach((l, k) => t.asnLines.push({ id: `asnl_${an}_${k + 1}`, asnId, purchaseOrderLineId: `pol_${n}_${k + 1}`, itemId: l.il.item.id, qtyShipped: l.qty }));
        if (closed) {
          const rn = ++counters.rcpt;
          const receivedAt = addDays(promised, Math.min(rng.float(-0.5, sup.medianLatenessDays + 0.5), (asOf.getTime() - promised.getTime()) / 86_400_000 - 1));
          t.receipts.push({ id: `rcpt_${rn}`, number: `RCV-${rn}`, locationId: site.id, purchaseOrderId: poId, asnId, receivedAt });
          group.forEach((l, k) => t.receiptLines.push({ id: `rcptl_${rn}_${k + 1}`, receiptId: `rcpt_${rn}`, purchaseOrderLineId: `pol_${n}_${k + 1}`, itemId: l.il.item.id, qtyReceived: l.qty }));
        }
      }
      i += size;
    }
  }
}
