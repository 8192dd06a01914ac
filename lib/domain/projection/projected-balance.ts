/**
 * Time-phased projected available balance (PAB) for one item-location, day by day (UTC):
 *   PAB_{-1} = onHand − allocated − qualityHold
 *   PAB_t    = PAB_{t−1} + receipts_t − demand_t          (t = 0 is the asOf day)
 * Demand rule: demand_t = max(firm_t, avgDailyDemand), where firm_t is the unallocated open
 * SO quantity promised on day t (allocated stock is already deducted from PAB_{-1}); firm orders
 * consume the forecast instead of adding to it. Past-due orders land on day 0.
 *
 * Detection projects every item-location of the network, so the summary (t*, Q_short, min PAB,
 * first day below safety stock) is computed in one allocation-free pass over scratch arrays, and
 * the day-by-day `points` are built only when something reads them (a case's evidence, a what-if).
 */
import type {
  SnapshotAsnLine,
  SnapshotBalance,
  SnapshotPoLine,
  SnapshotSoLine,
  SnapshotSupplier,
  SnapshotTransferLine,
} from "@/lib/domain/model/snapshot";
import { DAY_MS, isoDate } from "@/lib/domain/util/dates";

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
  if (input.poLines.length === 0 && input.inboundTransfers.length === 0) return [];
  // Epoch milliseconds throughout (no intermediate Date objects): this runs for every open line.
  const todayMs = startOfDayMs(input.asOf.getTime());
  const todayIndex = Math.floor(todayMs / DAY_MS);
  const tomorrowMs = todayMs + DAY_MS;
  const out: ScheduledReceipt[] = [];
  const receipt = (source: ScheduledReceipt["source"], qty: number, etaMs: number, etaBasis: EtaBasis, po: SnapshotPoLine | null, asnNumber: string | null, transferNumber: string | null): void => {
    if (qty <= 0) return;
    out.push({
      source,
      qty,
      eta: new Date(etaMs),
      day: Math.floor(etaMs / DAY_MS) - todayIndex,
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
        const etaDayMs = startOfDayMs(asn.eta.getTime());
        const overdue = etaDayMs < todayMs;
        receipt("ASN", qty, overdue ? tomorrowMs : etaDayMs, overdue ? "ASN_OVERDUE" : "ASN_ETA", po, asn.asnNumber, null);
      }
      for (const a of allAsns) shippedTotal += a.qtyShipped;
    }
    // Shipped in full per ASN but counted short at the dock: the difference is a claim, not supply.
    if (open > 0 && shippedTotal < po.qtyOrdered) {
      const lateness = Math.ceil(Math.max(0, input.suppliersById.get(po.supplierId)?.medianLatenessDays ?? 0));
      const promisedMs = startOfDayMs(po.promisedDate.getTime()) + lateness * DAY_MS;
      const earliestMs = todayMs + input.poTransitDays * DAY_MS;
      const promiseWins = promisedMs >= earliestMs;
      receipt("PO", open, promiseWins ? promisedMs : earliestMs, promiseWins ? "PROMISE_PLUS_LATENESS" : "NOT_SHIPPED_TRANSIT", po, null, null);
    }
  }

  for (const tr of input.inboundTransfers) {
    const etaDayMs = startOfDayMs(tr.expectedAt.getTime());
    const overdue = etaDayMs < todayMs;
    receipt("TRANSFER", Math.max(0, tr.qtyShipped - tr.qtyReceived), overdue ? tomorrowMs : etaDayMs, overdue ? "TRANSFER_OVERDUE" : "TRANSFER_EXPECTED", null, null, tr.transferNumber);
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

/** Midnight UTC (epoch ms) of the day of an instant (epoch ms). */
function startOfDayMs(t: number): number {
  return t - (((t % DAY_MS) + DAY_MS) % DAY_MS);
}

// Every projection of a run shares its day labels; building them once saves millions of Date/strings.
let labelCache: { key: number; labels: string[] } | null = null;
function dayLabels(todayMs: number, horizonDays: number): string[] {
  if (!labelCache || labelCache.key !== todayMs) labelCache = { key: todayMs, labels: [] };
  const labels = labelCache.labels;
  for (let t = labels.length; t <= horizonDays; t++) labels.push(isoDate(new Date(todayMs + t * DAY_MS)));
  return labels;
}

// Per-day firm demand and supply of the projection being computed. Reused by every projection
// (detection is synchronous), so projecting 100k item-locations allocates no per-day arrays.
let firmScratch = new Float64Array(128);
let supplyScratch = new Float64Array(128);

/** Fills the scratch arrays for days 0..horizonDays; the sums run in input order (same floats every time). */
function fillDays(todayMs: number, horizonDays: number, soLines: readonly SnapshotSoLine[], receipts: readonly ScheduledReceipt[]): void {
  if (firmScratch.length <= horizonDays) {
    firmScratch = new Float64Array(horizonDays + 1);
    supplyScratch = new Float64Array(horizonDays + 1);
  }
  firmScratch.fill(0, 0, horizonDays + 1);
  supplyScratch.fill(0, 0, horizonDays + 1);
  const todayIndex = Math.floor(todayMs / DAY_MS);
  for (const so of soLines) {
    const day = Math.max(0, Math.floor(so.promisedShipDate.getTime() / DAY_MS) - todayIndex);
    if (day <= horizonDays) firmScratch[day] += unallocatedOpenQty(so);
  }
  for (const r of receipts) if (r.day <= horizonDays) supplyScratch[Math.max(0, r.day)] += r.qty;
}

/**
 * A projection whose summary is computed up front and whose day-by-day points are built on first
 * read. The points replay exactly the arithmetic of the summary pass, so both always agree.
 */
class LazyProjection implements Projection {
  readonly itemId: string;
  readonly locationId: string;
  readonly horizonDays: number;
  readonly startingAvailable: number;
  readonly receipts: ScheduledReceipt[];
  readonly shortageDate: Date | null;
  readonly shortageDay: number | null;
  readonly shortageQty: number;
  readonly minProjected: number;
  readonly belowSafetyDate: Date | null;
  readonly belowSafetyDay: number | null;
  readonly #todayMs: number;
  readonly #balance: SnapshotBalance;
  readonly #soLines: readonly SnapshotSoLine[];
  #asOfDay: Date | null = null;
  #points: ProjectionPoint[] | null = null;

  constructor(input: ProjectionInput) {
    const { balance } = input;
    this.#todayMs = startOfDayMs(input.asOf.getTime());
    this.#balance = balance;
    this.#soLines = input.soLines;
    this.itemId = balance.itemId;
    this.locationId = balance.locationId;
    const horizonDays = Math.max(Math.ceil(input.leadTimeDays), input.minHorizonDays ?? 28);
    this.horizonDays = horizonDays;
    this.receipts = scheduleReceipts(input);
    this.startingAvailable = balance.onHand - balance.allocated - balance.qualityHold;

    fillDays(this.#todayMs, horizonDays, input.soLines, this.receipts);
    const firm = firmScratch;
    const supply = supplyScratch;
    let pab = this.startingAvailable;
    let shortageDay: number | null = null;
    let belowSafetyDay: number | null = null;
    let minProjected = Number.POSITIVE_INFINITY;
    for (let t = 0; t <= horizonDays; t++) {
      const demand = Math.max(firm[t], balance.avgDailyDemand);
      pab = pab + supply[t] - demand;
      if (pab < 0 && shortageDay === null) shortageDay = t;
      if (pab < balance.safetyStock && belowSafetyDay === null) belowSafetyDay = t;
      minProjected = Math.min(minProjected, pab);
    }
    this.shortageDay = shortageDay;
    this.shortageDate = shortageDay === null ? null : new Date(this.#todayMs + shortageDay * DAY_MS);
    this.shortageQty = Math.max(0, -minProjected);
    this.minProjected = minProjected;
    this.belowSafetyDay = belowSafetyDay;
    this.belowSafetyDate = belowSafetyDay === null ? null : new Date(this.#todayMs + belowSafetyDay * DAY_MS);
  }

  get asOfDay(): Date {
    return (this.#asOfDay ??= new Date(this.#todayMs));
  }

  get points(): ProjectionPoint[] {
    if (this.#points) return this.#points;
    const balance = this.#balance;
    const horizonDays = this.horizonDays;
    fillDays(this.#todayMs, horizonDays, this.#soLines, this.receipts);
    const labels = dayLabels(this.#todayMs, horizonDays);
    const points: ProjectionPoint[] = new Array(horizonDays + 1);
    let pab = this.startingAvailable;
    for (let t = 0; t <= horizonDays; t++) {
      const firmDemand = firmScratch[t];
      const receipts = supplyScratch[t];
      const demand = Math.max(firmDemand, balance.avgDailyDemand);
      pab = pab + receipts - demand;
      points[t] = { day: t, date: labels[t], projected: pab, demand, firmDemand, receipts, safetyStock: balance.safetyStock };
    }
    return (this.#points = points);
  }

  /** PAB at the end of `day` (0 ≤ day ≤ horizonDays) without building the points. */
  projectedAt(day: number): number {
    if (this.#points) return this.#points[day].projected;
    const balance = this.#balance;
    fillDays(this.#todayMs, day, this.#soLines, this.receipts);
    let pab = this.startingAvailable;
    for (let t = 0; t <= day; t++) pab = pab + supplyScratch[t] - Math.max(firmScratch[t], balance.avgDailyDemand);
    return pab;
  }
}

/** Projects PAB day by day over max(lead time, minHorizonDays) days (inclusive of day 0). */
export function projectBalance(input: ProjectionInput): Projection {
  return new LazyProjection(input);
}

/** PAB at the end of a day inside the horizon (cheaper than reading `points` on a fresh projection). */
export function projectedOn(p: Projection, day: number): number {
  return p instanceof LazyProjection ? p.projectedAt(day) : p.points[day].projected;
}

/** First receipt arriving on or after t* (the inbound that would cover the shortage), if any. */
export function firstCoveringReceipt(p: Projection): ScheduledReceipt | null {
  if (p.shortageDay === null) return null;
  const day = p.shortageDay;
  return p.receipts.find((r) => r.day >= day) ?? null;
}
