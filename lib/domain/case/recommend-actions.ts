/**
 * Ranked candidate actions for a case, each with its expected impact {units recovered, $ recovered,
 * days gained} and, where the workbench can execute it, an ActionType and a payload that
 * proposeActionSchema accepts (quantity, fromLocationId, targetDate). Shortage actions are valued
 * by a what-if on the item-location's projection (units of Q_short removed × the shortage's
 * per-unit service value); record, hold and supplier actions by the exposure they address.
 * Ranked by $ recovered, then days gained, then code (deterministic).
 */
import type { Finding, Recommendation } from "@/lib/domain/model/case-draft";
import type { SnapshotSoLine } from "@/lib/domain/model/snapshot";
import { itemLocKey, projectionOf, type DetectionContext } from "@/lib/domain/detect/context";
import { locCode, skuOf } from "@/lib/domain/detect/finding";
import { compareOrderRank, heldAllocation } from "@/lib/domain/detect/orders";
import { firstCoveringReceipt, unallocatedOpenQty, type Projection } from "@/lib/domain/projection/projected-balance";
import { recovery } from "@/lib/domain/case/what-if";
import { addDays, calendarDaysBetween, isoDate } from "@/lib/domain/util/dates";
import { fmtQty, fmtUsd, round } from "@/lib/domain/util/numbers";

type Candidate = Omit<Recommendation, "rank">;

interface Shortage {
  itemId: string;
  locationId: string;
  p: Projection;
  /** (margin + penalty) × tier weight. */
  perUnit: number;
  penalty: number;
  tierWeight: number;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const lead = (ctx: DetectionContext, a: keyof DetectionContext["params"]["actionLeadTimeDays"]) => Math.ceil(ctx.params.actionLeadTimeDays[a]);

/** Distinct item-location shortages the case holds (from findings keyed shortage:<item>:<loc>). */
function caseShortages(ctx: DetectionContext, findings: readonly Finding[]): Shortage[] {
  const seen = new Map<string, Shortage>();
  for (const f of findings) {
    const im = f.impact;
    if (!im || !im.key.startsWith("shortage:") || im.proxy) continue;
    const key = im.key.slice("shortage:".length);
    if (seen.has(key)) continue;
    const p = projectionOf(ctx, key);
    if (!p || p.shortageQty <= 0) continue;
    const perUnit = ((im.unitMargin ?? 0) + (im.penalty ?? 0)) * (im.tierWeight ?? 1);
    seen.set(key, { itemId: p.itemId, locationId: p.locationId, p, perUnit, penalty: im.penalty ?? 0, tierWeight: im.tierWeight ?? 1 });
  }
  return [...seen.values()];
}

/** Transfer from the other site with the most stock it will not need over its own horizon. */
function transferCandidate(ctx: DetectionContext, s: Shortage): Candidate | null {
  const arrival = lead(ctx, "TRANSFER");
  let best: { locationId: string; qty: number; units: number; days: number; surplus: number } | null = null;
  for (const other of ctx.balancesByItem.get(s.itemId) ?? []) {
    if (other.locationId === s.locationId) continue;
    const po = projectionOf(ctx, itemLocKey(other.itemId, other.locationId));
    if (!po) continue;
    // Surplus = what stays above safety stock all horizon long, and is on the shelf today.
    const surplus = Math.floor(Math.min(po.minProjected, po.startingAvailable) - other.safetyStock);
    if (surplus < 1) continue;
    const qty = Math.min(surplus, Math.ceil(s.p.shortageQty));
    const r = recovery(s.p, [{ fromDay: arrival, qty }]);
    const better = !best || r.units > best.units || (r.units === best.units && (surplus > best.surplus || (surplus === best.surplus && locCode(ctx, other.locationId) < locCode(ctx, best.locationId))));
    if (r.units > 0 && better) best = { locationId: other.locationId, qty, units: r.units, days: r.days, surplus };
  }
  if (!best) return null;
  const from = locCode(ctx, best.locationId);
  return {
    code: "TRANSFER_FROM_SURPLUS",
    label: `Transfer ${fmtQty(best.qty)} ${skuOf(ctx, s.itemId)} from ${from} to ${locCode(ctx, s.locationId)}`,
    actionType: "TRANSFER",
    payload: { quantity: best.qty, fromLocationId: best.locationId },
    impact: { unitsRecovered: round(best.units, 2), usdRecovered: round(best.units * s.perUnit), daysGained: best.days },
    reason: `${from} holds ${fmtQty(best.surplus)} units above its safety stock for its whole horizon; arriving in ${arrival} days it removes ${fmtQty(round(best.units, 1))} of ${fmtQty(round(s.p.shortageQty, 1))} units short`,
  };
}

/** Expedite the PO/ASN receipt that first lands after t* to the earliest feasible day. */
function expediteCandidate(ctx: DetectionContext, s: Shortage): Candidate | null {
  const r = firstCoveringReceipt(s.p);
  if (!r || !r.poLineId) return null;
  const newDay = Math.max(lead(ctx, "EXPEDITE"), 0);
  if (newDay >= r.day) return null;
  const gain = recovery(s.p, [{ fromDay: newDay, untilDay: r.day, qty: r.qty }]);
  if (gain.units <= 0) return null;
  const target = isoDate(addDays(s.p.asOfDay, newDay));
  // An expedite depends on the supplier/carrier delivering on the new date: value it at their on-time rate.
  const pOnTime = r.supplierId ? (ctx.suppliersById.get(r.supplierId)?.onTimeRate ?? 0) : 0;
  return {
    code: "EXPEDITE_PO",
    label: `Expedite ${r.poNumber} line ${r.lineNo}${r.asnNumber ? ` (${r.asnNumber})` : ""} from ${isoDate(r.eta)} to ${target}`,
    actionType: "EXPEDITE",
    payload: { quantity: Math.max(1, Math.ceil(r.qty)), targetDate: target },
    impact: { unitsRecovered: round(gain.units * pOnTime, 2), usdRecovered: round(gain.units * s.perUnit * pOnTime), daysGained: gain.days },
    reason: `the covering receipt (${fmtQty(r.qty)} units, ETA ${isoDate(r.eta)} by ${r.etaBasis}) lands ${r.day - (s.p.shortageDay ?? 0)} days after the shortage starts; pulled in to ${target} it removes ${fmtQty(round(gain.units, 1))} units short, valued at the supplier's ${round(pOnTime * 100)}% on-time rate`,
  };
}

/** Move allocations from lower-ranked orders to the higher-ranked order lines that are short. */
function reallocateCandidate(ctx: DetectionContext, s: Shortage): Candidate | null {
  const lines = ctx.soLinesByKey.get(itemLocKey(s.itemId, s.locationId)) ?? [];
  const negative = new Set(s.p.points.filter((x) => x.projected < 0).map((x) => x.day));
  const short = lines.filter((l) => unallocatedOpenQty(l) > 0 && negative.has(Math.max(0, calendarDaysBetween(ctx.asOf, l.promisedShipDate))));
  if (short.length === 0) return null;
  const top = [...short].sort((a, b) => compareOrderRank(b, a))[0];
  const holders = lines.filter((l) => heldAllocation(l) > 0 && !l.customerCreditHold && compareOrderRank(top, l) > 0).sort((a, b) => compareOrderRank(a, b));
  if (holders.length === 0) return null;
  const need = Math.min(s.p.shortageQty, short.filter((l) => compareOrderRank(l, holders[holders.length - 1]) > 0).reduce((n, l) => n + unallocatedOpenQty(l), 0));
  let left = need;
  let usd = 0;
  const taken: SnapshotSoLine[] = [];
  const sv = (tier: SnapshotSoLine["customerTier"]) => ctx.params.tierWeights[tier];
  for (const h of holders) {
    if (left <= 0) break;
    const q = Math.min(left, heldAllocation(h));
    left -= q;
    taken.push(h);
    // The shortage moves to the lower-ranked order: the gain is the difference in tier weight.
    usd += q * (s.perUnit / s.tierWeight) * Math.max(0, sv(top.customerTier) - sv(h.customerTier));
  }
  const units = need - Math.max(0, left);
  if (units <= 0) return null;
  const firstShort = s.p.shortageDay ?? 0;
  const cover = firstCoveringReceipt(s.p);
  return {
    code: "REALLOCATE_FROM_LOWER_TIER",
    label: `Reallocate ${fmtQty(units)} ${skuOf(ctx, s.itemId)} at ${locCode(ctx, s.locationId)} from ${taken.map((h) => h.soNumber).join(", ")} to ${top.soNumber}`,
    actionType: "REALLOCATE",
    payload: { quantity: Math.max(1, Math.ceil(units)) },
    impact: { unitsRecovered: round(units, 2), usdRecovered: round(usd), daysGained: Math.max(0, (cover ? cover.day : s.p.horizonDays + 1) - firstShort) },
    reason: `${top.soNumber} (${top.customerTier}, priority ${top.priority}) is short while ${taken.map((h) => `${h.soNumber} (${h.customerTier})`).join(", ")} hold allocated stock`,
  };
}

/** Ship the part of an at-risk line that is on hand now, rest later (advice: the ERP splits the delivery). */
function splitCandidate(ctx: DetectionContext, s: Shortage): Candidate | null {
  const lines = ctx.soLinesByKey.get(itemLocKey(s.itemId, s.locationId)) ?? [];
  const byDay = new Map(s.p.points.map((x) => [x.day, x.projected]));
  let best: { line: SnapshotSoLine; units: number; day: number } | null = null;
  for (const l of lines) {
    const open = unallocatedOpenQty(l);
    if (open <= 0) continue;
    const d = Math.max(0, calendarDaysBetween(ctx.asOf, l.promisedShipDate));
    const after = byDay.get(d);
    if (after === undefined || after >= 0) continue;
    const before = d === 0 ? s.p.startingAvailable : (byDay.get(d - 1) ?? 0);
    const units = Math.min(open, Math.max(0, before));
    if (units >= 1 && (!best || units > best.units)) best = { line: l, units, day: d };
  }
  if (!best) return null;
  const cover = firstCoveringReceipt(s.p);
  return {
    code: "SPLIT_SHIPMENT",
    label: `Ship ${fmtQty(best.units)} of ${best.line.soNumber} line ${best.line.lineNo} now, backorder the rest`,
    actionType: null,
    payload: null,
    // Shipping part on time avoids the stock-out penalty on that part; the margin is earned either way.
    impact: { unitsRecovered: round(best.units, 2), usdRecovered: round(best.units * s.penalty * s.tierWeight), daysGained: Math.max(0, (cover ? cover.day : s.p.horizonDays + 1) - best.day) },
    reason: `${fmtQty(best.units)} units are available on ${isoDate(addDays(s.p.asOfDay, best.day))} before the line runs short`,
  };
}

/** Findings-driven candidates (records, holds, suppliers, data). */
function findingCandidates(ctx: DetectionContext, findings: readonly Finding[], shortages: readonly Shortage[]): Candidate[] {
  const out: Candidate[] = [];
  const byType = (t: string) => findings.filter((f) => f.type === t);
  const shortageOf = (itemId: string | null, siteId: string) => shortages.find((s) => s.itemId === itemId && s.locationId === siteId);

  const counts = [...byType("CYCLE_COUNT_VARIANCE"), ...byType("NEGATIVE_ON_HAND")];
  if (counts.length > 0) {
    const units = counts.reduce((n, f) => n + (f.impact?.units ?? 0), 0);
    const last = counts[counts.length - 1];
    out.push({
      code: "RECOUNT",
      label: `Recount ${String(last.evidence.sku ?? "the item")} at ${String(last.evidence.locationCode ?? locCode(ctx, last.siteId))}${counts.length > 1 ? ` (${counts.length} record errors)` : ""}`,
      actionType: "RECOUNT",
      payload: { quantity: Math.max(1, Math.ceil(units)) },
      impact: { unitsRecovered: round(units, 2), usdRecovered: round(counts.reduce((n, f) => n + f.exposure, 0)), daysGained: 0 },
      reason: counts.length > 1 ? `${counts.length} count variances at the same item-location point to a process error in that pick face` : "the stock record is off; a recount confirms before adjusting",
    });
  }
  for (const f of byType("QUALITY_LOT_HOLD_BLOCKING")) {
    const qty = num(f.evidence.qty);
    const s = shortageOf(f.itemId, f.siteId);
    if (f.evidence.blocksDemand === true && s) {
      const r = recovery(s.p, [{ fromDay: lead(ctx, "HOLD"), qty }]);
      out.push({
        code: "RELEASE_HOLD",
        label: `Expedite QA disposition and release ${fmtQty(qty)} held${f.evidence.lot ? ` lot ${String(f.evidence.lot)}` : ""}`,
        actionType: "HOLD",
        payload: { quantity: Math.max(1, Math.ceil(qty)) },
        impact: { unitsRecovered: round(r.units, 2), usdRecovered: round(r.units * s.perUnit), daysGained: r.days },
        reason: `the held stock covers ${fmtQty(round(r.units, 1))} units of the shortage if released within ${lead(ctx, "HOLD")} days`,
      });
    } else {
      out.push({
        code: "EXTEND_HOLD",
        label: `Decide the ${num(f.evidence.ageDays)}-day-old hold: release, extend or scrap ${fmtQty(qty)} units`,
        actionType: "HOLD",
        payload: { quantity: Math.max(1, Math.ceil(qty)) },
        impact: { unitsRecovered: 0, usdRecovered: 0, daysGained: 0 },
        reason: `held beyond the ${num(f.evidence.maxAgeDays)}-day limit without a disposition`,
      });
    }
  }
  for (const f of byType("CREDIT_HOLD_BLOCKING")) {
    const blocking = num(f.evidence.blockingAllocatedUnits);
    out.push({
      code: "ESCALATE_CREDIT_HOLD",
      label: `Ask AR to release or confirm the credit hold on ${String(f.evidence.soNumber)}`,
      actionType: null,
      payload: null,
      impact: { unitsRecovered: f.impact?.units ?? 0, usdRecovered: round(f.exposure), daysGained: 0 },
      reason: `${String(f.evidence.customerTier)} order due within ${num(f.evidence.horizonDays)} days cannot ship while on credit hold`,
    });
    const s = shortageOf(f.itemId, f.siteId) ?? shortages[0];
    if (blocking > 0 && s) {
      const r = recovery(s.p, [{ fromDay: lead(ctx, "REALLOCATE"), qty: blocking }]);
      out.push({
        code: "RELEASE_CREDIT_RESERVATION",
        label: `Release ${fmtQty(blocking)} units reserved for credit-held ${String(f.evidence.soNumber)} to other orders`,
        actionType: "REALLOCATE",
        payload: { quantity: Math.max(1, Math.ceil(blocking)) },
        impact: { unitsRecovered: round(r.units, 2), usdRecovered: round(r.units * s.perUnit), daysGained: r.days },
        reason: "stock reserved for an order that cannot ship is needed by orders that can",
      });
    }
  }
  const poTypes = ["PO_NOT_ACKNOWLEDGED", "SUPPLIER_PROMISE_SLIP", "PO_NO_ASN", "ASN_OVERDUE", "PO_PAST_DUE"];
  const poFindings = findings.filter((f) => poTypes.includes(f.type));
  if (poFindings.length > 0) {
    const f = poFindings[0];
    out.push({
      code: "CHASE_SUPPLIER",
      label: `Chase ${String(f.evidence.supplierCode ?? "the supplier")} for ${String(f.evidence.poNumber ?? "the PO")} line ${String(f.evidence.lineNo ?? "")}: confirm ship date`.replace(/ line : /, ": "),
      actionType: null,
      payload: null,
      impact: { unitsRecovered: num(f.evidence.qtyOpen), usdRecovered: round(Math.max(...poFindings.map((x) => x.exposure))), daysGained: 0 },
      reason: poFindings.map((x) => x.type).join(", "),
    });
  }
  for (const f of byType("RECEIPT_QTY_VARIANCE")) {
    const delta = num(f.evidence.delta);
    out.push({
      code: delta < 0 ? "CLAIM_SHORT_RECEIPT" : "CONFIRM_OVER_RECEIPT",
      label: delta < 0 ? `Claim ${fmtQty(-delta)} units short on ${String(f.evidence.asnNumber ?? f.evidence.poNumber ?? "the receipt")} or backorder them` : `Confirm ${fmtQty(delta)} units over-received and adjust`,
      actionType: null,
      payload: null,
      impact: { unitsRecovered: Math.abs(delta), usdRecovered: round(f.exposure), daysGained: 0 },
      reason: `received ${fmtQty(num(f.evidence.receivedQty))} vs ${fmtQty(num(f.evidence.expectedQty))} expected (${String(f.evidence.expectedBasis)})`,
    });
  }
  const transfers = [...byType("TRANSFER_IN_TRANSIT_AGED"), ...byType("TRANSFER_RECEIPT_VARIANCE")];
  if (transfers.length > 0) {
    const carrier = transfers.map((f) => f.evidence.carrier).find((c) => typeof c === "string");
    out.push({
      code: "TRACE_CARRIER",
      label: `Trace ${transfers.length} transfer(s) with ${carrier ?? "the carrier"} and claim losses`,
      actionType: null,
      payload: null,
      impact: { unitsRecovered: round(transfers.reduce((n, f) => n + (f.impact?.units ?? 0), 0), 2), usdRecovered: round(transfers.reduce((n, f) => n + f.exposure, 0)), daysGained: 0 },
      reason: transfers.length > 1 ? `${transfers.length} problem transfers on the same lane point at the carrier, not the sites` : "the transfer is overdue or arrived short",
    });
    for (const f of byType("TRANSFER_RECEIPT_VARIANCE")) {
      out.push({
        code: "ADJUST_TRANSFER_VARIANCE",
        label: `Post ${fmtQty(Math.abs(num(f.evidence.delta)))} units of ${String(f.evidence.transferNumber)} as lost in transit`,
        actionType: "ADJUST",
        payload: { quantity: Math.max(1, Math.ceil(Math.abs(num(f.evidence.delta)))) },
        impact: { unitsRecovered: 0, usdRecovered: 0, daysGained: 0 },
        reason: "keeps sender and receiver on-hand true while the claim runs",
      });
    }
  }
  for (const f of byType("MASTER_DATA_INVALID")) {
    out.push({ code: "FIX_MASTER_DATA", label: `Fix master data of ${String(f.evidence.sku)}: ${Array.isArray(f.evidence.problems) ? f.evidence.problems.join(", ") : "incomplete"}`, actionType: null, payload: null, impact: { unitsRecovered: 0, usdRecovered: round(f.exposure), daysGained: 0 }, reason: "replenishment and scoring are blind without it" });
  }
  for (const f of byType("DATA_FEED_STALE")) {
    out.push({ code: "FIX_INTEGRATION", label: `Restore the ${String(f.evidence.sourceCode)} feed`, actionType: null, payload: null, impact: { unitsRecovered: 0, usdRecovered: round(f.exposure), daysGained: 0 }, reason: "cases that depend on it are scored with low confidence" });
  }
  const spikes = byType("DEMAND_SPIKE");
  if (spikes.length > 0) {
    out.push({ code: "VERIFY_DEMAND", label: `Verify ${spikes.length} spiking order line(s) with the customer(s) before allocating`, actionType: null, payload: null, impact: { unitsRecovered: round(spikes.reduce((n, f) => n + (f.impact?.units ?? 0), 0), 2), usdRecovered: round(spikes.reduce((n, f) => n + f.exposure, 0)), daysGained: 0 }, reason: "orders far above daily demand are often errors or one-off events" });
  }
  for (const f of byType("SURPLUS_ON_ORDER")) {
    const lines = Array.isArray(f.evidence.poLines) ? (f.evidence.poLines as { poNumber: string | null }[]) : [];
    out.push({ code: "POSTPONE_PO", label: `Postpone or cancel ${lines.map((l) => l.poNumber).join(", ")} (${fmtQty(num(f.evidence.surplusUnits))} units surplus)`, actionType: null, payload: null, impact: { unitsRecovered: num(f.evidence.surplusUnits), usdRecovered: round(f.exposure), daysGained: 0 }, reason: "the receipts lift stock above its maximum" });
  }
  for (const f of [...byType("EXCESS_STOCK"), ...byType("EXPIRY_RISK"), ...byType("OBSOLETE_DEAD_STOCK")]) {
    const c = rebalanceCandidate(ctx, f);
    if (c) out.push(c);
  }
  return out;
}

/** Move excess / expiring / dead stock to the site of the same item that needs it most. */
function rebalanceCandidate(ctx: DetectionContext, f: Finding): Candidate | null {
  if (!f.itemId || !f.impact || f.impact.units <= 0) return null;
  let best: { locationId: string; need: number } | null = null;
  for (const other of ctx.balancesByItem.get(f.itemId) ?? []) {
    if (other.locationId === f.siteId) continue;
    const p = projectionOf(ctx, itemLocKey(other.itemId, other.locationId));
    // Need = its projected shortage, else a month of its demand it has no stock for.
    const need = Math.max(p?.shortageQty ?? 0, Math.max(0, other.avgDailyDemand * 30 - Math.max(0, p?.startingAvailable ?? 0)));
    if (need >= 1 && (!best || need > best.need)) best = { locationId: other.locationId, need };
  }
  if (!best) return null;
  const units = Math.floor(Math.min(f.impact.units, best.need));
  if (units < 1) return null;
  return {
    code: `REBALANCE_${f.type}`,
    label: `Transfer ${fmtQty(units)} ${skuOf(ctx, f.itemId)} from ${locCode(ctx, f.siteId)} to ${locCode(ctx, best.locationId)}`,
    actionType: "TRANSFER",
    payload: { quantity: units, fromLocationId: f.siteId },
    impact: { unitsRecovered: units, usdRecovered: round(f.exposure * (units / f.impact.units)), daysGained: 0 },
    reason: `${locCode(ctx, best.locationId)} needs ${fmtQty(round(best.need, 1))} units this item has in excess here (${fmtUsd(f.exposure)} at stake)`,
  };
}

/** All candidates for a case, ranked by $ recovered, then days gained, then code. */
export function recommendActions(ctx: DetectionContext, findings: readonly Finding[]): Recommendation[] {
  const shortages = caseShortages(ctx, findings);
  const candidates: Candidate[] = [];
  for (const s of shortages) {
    for (const c of [transferCandidate(ctx, s), expediteCandidate(ctx, s), reallocateCandidate(ctx, s), splitCandidate(ctx, s)]) if (c) candidates.push(c);
  }
  candidates.push(...findingCandidates(ctx, findings, shortages));
  return candidates
    .sort((a, b) => b.impact.usdRecovered - a.impact.usdRecovered || b.impact.daysGained - a.impact.daysGained || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.label < b.label ? -1 : 1))
    .map((c, i) => ({ ...c, rank: i + 1 }));
}
