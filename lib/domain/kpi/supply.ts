/**
 * Supply-chain service KPIs (domain.md section (e)), pure: fill rates, OTIF, supplier on-time, inventory record
 * accuracy. Inputs are canonical order/receipt/count facts; the SQL in lib/server/dal/kpi-sql.ts mirrors each one.
 */
import { DAY_MS, startOfUtcDay } from "@/lib/domain/util/dates";
import { ratio } from "@/lib/domain/kpi/calculators";
import { inPeriod, type Period } from "@/lib/domain/kpi/exception-ops";

export interface SalesLineFact {
  orderId: string;
  qtyOrdered: number;
  qtyShipped: number;
  promisedShipDate: Date;
}

/**
 * Fill rates over sales-order lines promised to ship in the period (and by `now`). Unit = Σ min(shipped, ordered) ÷
 * Σ ordered; line = lines shipped complete ÷ lines; order = orders whose every due line shipped complete ÷ orders.
 * The canonical model keeps shipped quantity, not each shipment, so this is the fill as of now, not first-time fill.
 */
export function fillRates(lines: readonly SalesLineFact[], p: Period, now: Date) {
  const due = lines.filter((l) => inPeriod(l.promisedShipDate, p) && l.promisedShipDate.getTime() <= now.getTime() && l.qtyOrdered > 0);
  const ordered = due.reduce((n, l) => n + l.qtyOrdered, 0);
  const shipped = due.reduce((n, l) => n + Math.min(l.qtyShipped, l.qtyOrdered), 0);
  const complete = due.filter((l) => l.qtyShipped >= l.qtyOrdered).length;
  const orders = new Map<string, boolean>();
  for (const l of due) orders.set(l.orderId, (orders.get(l.orderId) ?? true) && l.qtyShipped >= l.qtyOrdered);
  const ordersComplete = [...orders.values()].filter(Boolean).length;
  return {
    lines: due.length,
    orders: orders.size,
    unitFillRate: ratio(shipped, ordered),
    lineFillRate: ratio(complete, due.length),
    orderFillRate: ratio(ordersComplete, orders.size),
  };
}

export interface PoLineFact {
  supplier: string;
  qtyOrdered: number;
  /** Last-confirmed promise (PurchaseOrderLine.promisedDate). */
  promisedDate: Date;
  /** First-confirmed promise (PurchaseOrderLine.originalPromisedDate). */
  originalPromisedDate: Date;
  receipts: readonly { receivedAt: Date; qty: number }[];
}

export type OtifBasis = "last_confirmed" | "first_confirmed";
export interface OtifTolerance {
  /** Receipts up to this many days before the due day count as on time. */
  earlyDays: number;
  /** …and up to this many days after it. */
  lateDays: number;
  /** In full = received within ±qtyPct % of ordered. */
  qtyPct: number;
}
export const DEFAULT_OTIF_TOLERANCE: OtifTolerance = { earlyDays: 3, lateDays: 1, qtyPct: 2 };

const dueDay = (l: PoLineFact, basis: OtifBasis) => startOfUtcDay(basis === "first_confirmed" ? l.originalPromisedDate : l.promisedDate);

/**
 * Inbound OTIF over PO lines whose due day (by `basis`) is in the period and whose window has closed by `now`:
 * a line is OTIF when the quantity received inside [due − earlyDays, due + lateDays + 1 day) is within ±qtyPct % of
 * the ordered quantity. Outbound deliveries carry no delivery date in the canonical model, so OTIF is measured on
 * supplier deliveries (the DCs' inbound), where both dates and quantities are real.
 */
export function otif(lines: readonly PoLineFact[], p: Period, now: Date, basis: OtifBasis = "last_confirmed", tol: OtifTolerance = DEFAULT_OTIF_TOLERANCE) {
  let eligible = 0;
  let hits = 0;
  for (const l of lines) {
    const due = dueDay(l, basis);
    const start = due.getTime() - tol.earlyDays * DAY_MS;
    const end = due.getTime() + (tol.lateDays + 1) * DAY_MS;
    if (!inPeriod(due, p) || end > now.getTime() || l.qtyOrdered <= 0) continue;
    eligible++;
    const qty = l.receipts.filter((r) => r.receivedAt.getTime() >= start && r.receivedAt.getTime() < end).reduce((n, r) => n + r.qty, 0);
    if (Math.abs(qty - l.qtyOrdered) <= (l.qtyOrdered * tol.qtyPct) / 100) hits++;
  }
  return { eligible, otif: hits, rate: ratio(hits, eligible), basis, tolerance: tol };
}

/**
 * Supplier on-time rate (Odoo's on_time_rate): Σ qty received on or before the promised day ÷ Σ qty ordered, over PO
 * lines promised in the 12 months up to `asOf` (and by `now`). Received quantity is capped at the ordered quantity.
 */
export function supplierOnTime(lines: readonly PoLineFact[], asOf: Date) {
  const from = asOf.getTime() - 365 * DAY_MS;
  const m = new Map<string, { ordered: number; onTime: number; lines: number }>();
  for (const l of lines) {
    const t = l.promisedDate.getTime();
    if (t < from || t >= asOf.getTime() || l.qtyOrdered <= 0) continue;
    const cutoff = startOfUtcDay(l.promisedDate).getTime() + DAY_MS;
    const onTime = Math.min(l.qtyOrdered, l.receipts.filter((r) => r.receivedAt.getTime() < cutoff).reduce((n, r) => n + r.qty, 0));
    const g = m.get(l.supplier) ?? { ordered: 0, onTime: 0, lines: 0 };
    g.ordered += l.qtyOrdered;
    g.onTime += onTime;
    g.lines++;
    m.set(l.supplier, g);
  }
  const rows = [...m.entries()].map(([supplier, g]) => ({ supplier, ...g, rate: ratio(g.onTime, g.ordered) })).sort((a, b) => a.supplier.localeCompare(b.supplier));
  const ordered = rows.reduce((n, r) => n + r.ordered, 0);
  const onTime = rows.reduce((n, r) => n + r.onTime, 0);
  return { ordered, onTime, rate: ratio(onTime, ordered), rows };
}

export interface CountFact {
  abcClass: string;
  systemQty: number;
  countedQty: number;
  countedAt: Date;
}

/** Tolerance per ABC class (fraction of the system quantity); unknown classes use C's. */
export const IRA_TOLERANCE: Readonly<Record<string, number>> = { A: 0.01, B: 0.03, C: 0.05 };
export const iraTolerance = (abc: string) => IRA_TOLERANCE[abc.trim().toUpperCase()] ?? IRA_TOLERANCE.C;

/** A count is a hit when |counted − system| ≤ tolerance × system (a zero system quantity needs an exact count). */
export function isCountHit(c: CountFact): boolean {
  return Math.abs(c.countedQty - c.systemQty) <= iraTolerance(c.abcClass) * Math.abs(c.systemQty);
}

/** Inventory record accuracy: count hits ÷ counts in the period, overall and per ABC class. Variances are never netted. */
export function inventoryRecordAccuracy(counts: readonly CountFact[], p: Period) {
  const inP = counts.filter((c) => inPeriod(c.countedAt, p));
  const byClass = ["A", "B", "C"].map((abc) => {
    const cs = inP.filter((c) => (IRA_TOLERANCE[c.abcClass.trim().toUpperCase()] ? c.abcClass.trim().toUpperCase() : "C") === abc);
    const hits = cs.filter(isCountHit).length;
    return { abc, counted: cs.length, hits, rate: ratio(hits, cs.length) };
  });
  const hits = inP.filter(isCountHit).length;
  return { counted: inP.length, hits, rate: ratio(hits, inP.length), byClass };
}
