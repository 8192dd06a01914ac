/**
 * Time-phased projected available balance (PAB) for one item-location, day by day (UTC):
 *   PAB_{-1} = onHand − allocated − qualityHold
 *   PAB_t    = PAB_{t−1} + receipts_t − demand_t          (t = 0 is the asOf day)
 * Demand rule: demand_t = max(firm_t, avgDailyDemand), where firm_t is the unallocated open
 * SO quantity promised on day t (allocated stock is already deducted from PAB_{-1}); firm orders
 * consume the forecast instead of adding to it. Past-due orders land on day 0.
 */
import type {
  SnapshotAsnLine,
  SnapshotBalance,
  SnapshotPoLine,
  SnapshotSoLine,
  SnapshotSupplier,
  SnapshotTransferLine,
} from "@/lib/domain/model/snapshot";
import { addDays, calendarDaysBetween, isoDate, maxDate, startOfUtcDay } from "@/lib/domain/util/dates";

export type EtaBasis =
  | "ASN_ETA"
  | "ASN_OVERDUE"
  | "PROMISE_PLUS_LATENESS"
  | "NOT_SHIPPED_TRANSIT"
  | "TRANSFER_EXPECTED"
  | "TRANSFER_OVERDUE";

export interface ScheduledReceipt {
  source: "PO" | "ASN" | "TRANSFER";
  qty: number;
  /** Midnight UTC of the arrival day. */
  eta: Date;
  /** Days from the asOf day (may exceed the horizon). */
  day: number;
  etaBasis: EtaBasis;
  poLineId: string | null;
  poNumber: string | null;
  lineNo: number | null;
  supplierId: string | null;
  asnNumber: string | null;
  transferNumber: string | null;
}

export interface ProjectionPoint {
  day: number;
  /** YYYY-MM-DD */
  date: string;
  projected: number;
  demand: number;
  firmDemand: number;
  receipts: number;
  safetyStock: number;
}

export interface Projection {
  itemId: string;
  locationId: string;
  asOfDay: Date;
  horizonDays: number;
  startingAvailable: number;
  points: ProjectionPoint[];
  /** All open receipts, also those beyond the horizon, sorted by ETA. */
  receipts: ScheduledReceipt[];
  /** t*: first day with PAB < 0 inside the horizon. */
  shortageDate: Date | null;
  shortageDay: number | null;
  /** Q_short = max(0, −min PAB). */
  shortageQty: number;
  minProjected: number;
  belowSafetyDate: Date | null;
  belowSafetyDay: number | null;
}

export interface ProjectionInput {
  asOf: Date;
  balance: SnapshotBalance;
  /** Item (or supplier) lead time; the horizon is max(leadTimeDays, minHorizonDays). */
  leadTimeDays: number;
  minHorizonDays?: number;
  /** Open PO lines at this item-location. */
  poLines: SnapshotPoLine[];
  asnLinesByPoLine: ReadonlyMap<string, SnapshotAsnLine[]>;
  suppliersById: ReadonlyMap<string, SnapshotSupplier>;
  /** Open SO lines at this item-location. */
  soLines: SnapshotSoLine[];
  /** Transfers shipped to this location and not fully received. */
  inboundTransfers: SnapshotTransferLine[];
  /** Transit days for PO quantity not yet shipped (no ASN). */
  poTransitDays: number;
}

/** Unallocated open quantity of an SO line (allocated stock is already out of PAB_0). */
export function unallocatedOpenQty(line: SnapshotSoLine): number {
  return Math.max(0, line.qtyOrdered - line.qtyShipped - line.qtyAllocated);
}

/**
 * Open supply of the item-location with ETAs:
 * - in-transit ASN quantity arrives at the ASN eta (an overdue eta moves to tomorrow);
 * - unshipped PO quantity arrives at max(promisedDate + ceil(supplier medianLatenessDays),
 *   asOf + transit days), because goods not yet shipped cannot arrive sooner than one transit;
 * - inbound transfers arrive at expectedAt (an overdue one moves to tomorrow).
 */
export function scheduleReceipts(input: ProjectionInput): ScheduledReceipt[] {
  const today = startOfUtcDay(input.asOf);
  const tomorrow = addDays(today, 1);
  const out: ScheduledReceipt[] = [];
  const push = (r: Omit<ScheduledReceipt, "day">) => {
    if (r.qty > 0) out.push({ ...r, day: calendarDaysBetween(today, r.eta) });
  };

  for (const po of input.poLines) {
    let open = Math.max(0, po.qtyOrdered - po.qtyReceived);
    const asns = (input.asnLinesByPoLine.get(po.id) ?? []).filter((a) => a.status === "IN_TRANSIT");
    const base = { poLineId: po.id, poNumber: po.poNumber, lineNo: po.lineNo, supplierId: po.supplierId, transferNumber: null };
    for (const asn of [...asns].sort((a, b) => a.eta.getTime() - b.eta.getTime() || a.asnNumber.localeCompare(b.asnNumber))) {
      const qty = Math.min(open, asn.qtyShipped);
      open -= qty;
      const etaDay = startOfUtcDay(asn.eta);
      const overdue = etaDay.getTime() < today.getTime();
      push({ ...base, source: "ASN", qty, eta: overdue ? tomorrow : etaDay, etaBasis: overdue ? "ASN_OVERDUE" : "ASN_ETA", asnNumber: asn.asnNumber });
    }
    if (open > 0) {
      const lateness = Math.ceil(Math.max(0, input.suppliersById.get(po.supplierId)?.medianLatenessDays ?? 0));
      const promised = addDays(startOfUtcDay(po.promisedDate), lateness);
      const earliest = addDays(today, input.poTransitDays);
      const eta = maxDate(promised, earliest);
      const basis: EtaBasis = eta === promised ? "PROMISE_PLUS_LATENESS" : "NOT_SHIPPED_TRANSIT";
      push({ ...base, source: "PO", qty: open, eta, etaBasis: basis, asnNumber: null });
    }
  }

  for (const tr of input.inboundTransfers) {
    const etaDay = startOfUtcDay(tr.expectedAt);
    const overdue = etaDay.getTime() < today.getTime();
    push({
      source: "TRANSFER",
      qty: Math.max(0, tr.qtyShipped - tr.qtyReceived),
      eta: overdue ? tomorrow : etaDay,
      etaBasis: overdue ? "TRANSFER_OVERDUE" : "TRANSFER_EXPECTED",
      poLineId: null,
      poNumber: null,
      lineNo: null,
      supplierId: null,
      asnNumber: null,
      transferNumber: tr.transferNumber,
    });
  }

  // Stable order: by day, then document key, so equal inputs give equal outputs.
  const key = (r: ScheduledReceipt) => `${r.poNumber ?? ""}|${r.lineNo ?? ""}|${r.asnNumber ?? ""}|${r.transferNumber ?? ""}`;
  return out.sort((a, b) => a.day - b.day || key(a).localeCompare(key(b)));
}

/** Projects PAB day by day over max(lead time, minHorizonDays) days (inclusive of day 0). */
export function projectBalance(input: ProjectionInput): Projection {
  const { balance } = input;
  const today = startOfUtcDay(input.asOf);
  const horizonDays = Math.max(Math.ceil(input.leadTimeDays), input.minHorizonDays ?? 28);
  const receipts = scheduleReceipts(input);

  const firm = new Array<number>(horizonDays + 1).fill(0);
  for (const so of input.soLines) {
    const day = Math.max(0, calendarDaysBetween(today, so.promisedShipDate));
    if (day <= horizonDays) firm[day] += unallocatedOpenQty(so);
  }
  const supply = new Array<number>(horizonDays + 1).fill(0);
  for (const r of receipts) if (r.day <= horizonDays) supply[Math.max(0, r.day)] += r.qty;

  const startingAvailable = balance.onHand - balance.allocated - balance.qualityHold;
  const points: ProjectionPoint[] = [];
  let pab = startingAvailable;
  let shortageDay: number | null = null;
  let belowSafetyDay: number | null = null;
  let minProjected = Number.POSITIVE_INFINITY;
  for (let t = 0; t <= horizonDays; t++) {
    const demand = Math.max(firm[t], balance.avgDailyDemand);
    pab = pab + supply[t] - demand;
    if (pab < 0 && shortageDay === null) shortageDay = t;
    if (pab < balance.safetyStock && belowSafetyDay === null) belowSafetyDay = t;
    minProjected = Math.min(minProjected, pab);
    points.push({
      day: t,
      date: isoDate(addDays(today, t)),
      projected: pab,
      demand,
      firmDemand: firm[t],
      receipts: supply[t],
      safetyStock: balance.safetyStock,
    });
  }

  return {
    itemId: balance.itemId,
    locationId: balance.locationId,
    asOfDay: today,
    horizonDays,
    startingAvailable,
    points,
    receipts,
    shortageDate: shortageDay === null ? null : addDays(today, shortageDay),
    shortageDay,
    shortageQty: Math.max(0, -minProjected),
    minProjected,
    belowSafetyDate: belowSafetyDay === null ? null : addDays(today, belowSafetyDay),
    belowSafetyDay,
  };
}

/** First receipt arriving on or after t* (the inbound that would cover the shortage), if any. */
export function firstCoveringReceipt(p: Projection): ScheduledReceipt | null {
  if (p.shortageDay === null) return null;
  const day = p.shortageDay;
  return p.receipts.find((r) => r.day >= day) ?? null;
}
