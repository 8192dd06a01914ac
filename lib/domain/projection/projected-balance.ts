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
 *   asOf + transit days), because goods not yet shipped cannot arrive sooner than one transit
 *   (ETA_adj = promise + median lateness, domain.md §d);
 * - open quantity of a line whose ASNs already shipped the full order is not scheduled: the
 *   dock received less than was shipped, so it is a receipt variance, not future supply;
 * - inbound transfers arrive at expectedAt (an overdue one moves to tomorrow).
 */
export function scheduleReceipts(input: ProjectionInput): ScheduledReceipt[] {
  const today = startOfUtcDay(input.asOf);
  const todayMs = today.getTime();
  const tomorrow = addDays(today, 1);
  const out: ScheduledReceipt[] = [];
  // Built field by field (no object spreads): this runs for every open line of every item-location.
  const receipt = (source: ScheduledReceipt["source"], qty: number, eta: Date, etaBasis: EtaBasis, po: SnapshotPoLine | null, asnNumber: string | null, transferNumber: string | null): void => {
    if (qty <= 0) return;
    out.push({
      source,
      qty,
      eta,
      day: calendarDaysBetween(today, eta),
      etaBasis,
      poLineId: po ? po.id : null,
      poNumber: po ? po.poNumber : null,
      lineNo: po ? po.lineNo : null,
      supplierId: po ? po.supplierId : null,
      asnNumber,
      transferNumber,
    });
  };

  for (const po of input.poLines) {
    let open = Math.max(0, po.qtyOrdered - po.qtyReceived);
    const allAsns = input.asnLinesByPoLine.get(po.id);
    let shippedTotal = 0;
    if (allAsns) {
      const asns = allAsns.filter((a) => a.status === "IN_TRANSIT");
      if (asns.length > 1) asns.sort((a, b) => a.eta.getTime() - b.eta.getTime() || (a.asnNumber < b.asnNumber ? -1 : a.asnNumber > b.asnNumber ? 1 : 0));
      for (const asn of asns) {
        const qty = Math.min(open, asn.qtyShipped);
        open -= qty;
        const etaDay = startOfUtcDay(asn.eta);
        const overdue = etaDay.getTime() < todayMs;
        receipt("ASN", qty, overdue ? tomorrow : etaDay, overdue ? "ASN_OVERDUE" : "ASN_ETA", po, asn.asnNumber, null);
      }
      for (const a of allAsns) shippedTotal += a.qtyShipped;
    }
    // Shipped in full per ASN but counted short at the dock: the difference is a claim, not supply.
    if (open > 0 && shippedTotal < po.qtyOrdered) {
      const lateness = Math.ceil(Math.max(0, input.suppliersById.get(po.supplierId)?.medianLatenessDays ?? 0));
      const promised = addDays(startOfUtcDay(po.promisedDate), lateness);
      const earliest = addDays(today, input.poTransitDays);
      const eta = maxDate(promised, earliest);
      receipt("PO", open, eta, eta === promised ? "PROMISE_PLUS_LATENESS" : "NOT_SHIPPED_TRANSIT", po, null, null);
    }
  }

  for (const tr of input.inboundTransfers) {
    const etaDay = startOfUtcDay(tr.expectedAt);
    const overdue = etaDay.getTime() < todayMs;
    receipt("TRANSFER", Math.max(0, tr.qtyShipped - tr.qtyReceived), overdue ? tomorrow : etaDay, overdue ? "TRANSFER_OVERDUE" : "TRANSFER_EXPECTED", null, null, tr.transferNumber);
  }

  // Stable order: by day, then document key, so equal inputs give equal outputs.
  if (out.length < 2) return out;
  const key = (r: ScheduledReceipt) => `${r.poNumber ?? ""}|${r.lineNo ?? ""}|${r.asnNumber ?? ""}|${r.transferNumber ?? ""}`;
  return out.sort((a, b) => {
    if (a.day !== b.day) return a.day - b.day;
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

// Every projection of a run shares its day labels; building them once saves millions of Date/strings.
let labelCache: { key: number; labels: string[] } | null = null;
function dayLabels(today: Date, horizonDays: number): string[] {
  if (!labelCache || labelCache.key !== today.getTime()) labelCache = { key: today.getTime(), labels: [] };
  const labels = labelCache.labels;
  for (let t = labels.length; t <= horizonDays; t++) labels.push(isoDate(addDays(today, t)));
  return labels;
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
  const labels = dayLabels(today, horizonDays);
  const points: ProjectionPoint[] = new Array(horizonDays + 1);
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
    points[t] = {
      day: t,
      date: labels[t],
      projected: pab,
      demand,
      firmDemand: firm[t],
      receipts: supply[t],
      safetyStock: balance.safetyStock,
    };
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
