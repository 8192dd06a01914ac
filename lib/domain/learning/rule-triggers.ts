/**
 * The threshold comparisons behind a case, kept so past cases can be replayed against another
 * threshold. Detection rules with one numeric threshold put a FindingTrigger on each finding
 * (value > threshold fires it); persistence stores one StoredTrigger per finding fingerprint on the
 * case (`Case.ruleTriggers`) and keeps the peak value over the case's open life: a case was raised
 * under threshold T' iff, at some detection run while it was open, one of its findings had
 * value > T' (or fired through another condition). Cases detected before triggers existed are read
 * from their exceptions' evidence instead (`triggerFromEvidence`).
 */
import type { Finding } from "@/lib/domain/model/case-draft";
import type { RuleThresholdKey } from "@/lib/domain/score/rule-threshold";
import { DAY_MS } from "@/lib/domain/util/dates";

/** A rule the learning loop can retune: the threshold it compares and the grid proposals use. */
export interface TunableRule {
  key: RuleThresholdKey;
  /** Proposals are multiples of this step (whole days, 1 %, $50…). */
  step: number;
  /** Never propose above this. */
  max: number;
}

/** Every rule whose findings carry a trigger (value > threshold), with its threshold and proposal grid. */
export const TUNABLE_RULES: Readonly<Record<string, TunableRule>> = {
  PO_NOT_ACKNOWLEDGED: { key: "poAckDays", step: 1, max: 30 },
  PO_NO_ASN: { key: "poNoAsnGraceDays", step: 1, max: 30 },
  ASN_OVERDUE: { key: "asnGraceDays", step: 1, max: 30 },
  SUPPLIER_PROMISE_SLIP: { key: "promiseSlipDays", step: 1, max: 60 },
  STOCKOUT_DESPITE_INBOUND: { key: "inboundToleranceDays", step: 1, max: 30 },
  RECEIPT_QTY_VARIANCE: { key: "receiptQtyTolerance", step: 0.01, max: 0.5 },
  TRANSFER_IN_TRANSIT_AGED: { key: "transferGraceDays", step: 1, max: 30 },
  TRANSFER_RECEIPT_VARIANCE: { key: "transferReceiptTolerance", step: 0.01, max: 0.5 },
  CYCLE_COUNT_VARIANCE: { key: "cycleCountUsdThreshold", step: 50, max: 100_000 },
  EXCESS_STOCK: { key: "excessDaysOfCover", step: 5, max: 730 },
  DEMAND_SPIKE: { key: "demandSpikeK", step: 0.5, max: 50 },
  OBSOLETE_DEAD_STOCK: { key: "obsoleteMinValueUsd", step: 100, max: 1_000_000 },
  QUALITY_LOT_HOLD_BLOCKING: { key: "qualityHoldMaxAgeDays", step: 1, max: 90 },
};

/** One finding's comparison as stored on its case. `key: null` = the finding has no replayable threshold. */
export interface StoredTrigger {
  type: string;
  key: string | null;
  /** Peak compared value while the case was open; null when the threshold did not decide. */
  value: number | null;
  threshold: number | null;
  /** Another condition fired at some run: no threshold value suppresses the finding. */
  also: boolean;
  siteId: string;
  itemId: string | null;
}

export type StoredTriggers = Record<string, StoredTrigger>;

/** The triggers of a case's findings by fingerprint (what persistence writes; merged with the stored peaks). */
export function caseRuleTriggers(findings: readonly Finding[]): StoredTriggers {
  const out: StoredTriggers = {};
  for (const f of findings) {
    const t = f.trigger;
    out[f.fingerprint] = {
      type: f.type,
      key: t?.key ?? null,
      value: t && Number.isFinite(t.value) ? t.value : null,
      threshold: t?.threshold ?? null,
      also: t?.also ?? false,
      siteId: f.siteId,
      itemId: f.itemId,
    };
  }
  return out;
}

/**
 * Peak merge of stored and new triggers (the SQL function learning_merge_rule_triggers does the
 * same in persistence): per fingerprint the higher value, `also` if either had it, a null value if
 * either was not replayable; findings no longer detected keep their stored peak.
 */
export function mergeRuleTriggers(prev: StoredTriggers, next: StoredTriggers): StoredTriggers {
  const out: StoredTriggers = { ...prev };
  for (const [fp, n] of Object.entries(next)) {
    const p = prev[fp];
    if (!p) out[fp] = n;
    else out[fp] = { ...n, value: p.value === null || n.value === null ? null : Math.max(p.value, n.value), also: p.also || n.also };
  }
  return out;
}

/** Reads a stored `Case.ruleTriggers` value defensively (malformed entries are dropped). */
export function readStoredTriggers(value: unknown): StoredTrigger[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  const out: StoredTrigger[] = [];
  for (const raw of Object.values(value as Record<string, unknown>)) {
    if (!raw || typeof raw !== "object") continue;
    const r = raw as Record<string, unknown>;
    if (typeof r.type !== "string" || typeof r.siteId !== "string") continue;
    out.push({
      type: r.type,
      key: typeof r.key === "string" ? r.key : null,
      value: typeof r.value === "number" && Number.isFinite(r.value) ? r.value : null,
      threshold: typeof r.threshold === "number" ? r.threshold : null,
      also: r.also === true,
      siteId: r.siteId,
      itemId: typeof r.itemId === "string" ? r.itemId : null,
    });
  }
  return out;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const daysSince = (iso: unknown, at: Date): number | null => {
  if (typeof iso !== "string") return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : (at.getTime() - t) / DAY_MS;
};
const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);

/**
 * The trigger of a stored exception from its evidence, for cases persisted before triggers were
 * stored. `lastSeenOpen` is the case's last detection run (Case.lastScoredAt): ages are measured
 * to it. Evidence dates are calendar days (midnight), so ages come out up to a day longer than the
 * rule saw — a proposal built on them claims fewer suppressed cases, never more.
 */
export function triggerFromEvidence(type: string, evidence: Record<string, unknown>, lastSeenOpen: Date): Pick<StoredTrigger, "key" | "value" | "threshold" | "also"> | null {
  const rule = TUNABLE_RULES[type];
  if (!rule) return null;
  const e = evidence;
  const pick = (value: number | null, threshold: unknown, also = false) => ({ key: rule.key, value, threshold: num(threshold), also });
  switch (type) {
    case "PO_NOT_ACKNOWLEDGED":
      return pick(daysSince(e.orderedAt, lastSeenOpen), e.ackDays);
    case "PO_NO_ASN":
      return pick(daysSince(e.promisedShipDate, lastSeenOpen), e.graceDays);
    case "ASN_OVERDUE":
      return pick(daysSince(e.eta, lastSeenOpen), e.graceDays);
    case "TRANSFER_IN_TRANSIT_AGED":
      return pick(daysSince(e.expectedAt, lastSeenOpen), e.graceDays);
    case "SUPPLIER_PROMISE_SLIP":
      return pick(num(e.slipDays), e.slipLimitDays, e.ackStatus === "CHANGED" || e.ackStatus === "REJECTED");
    case "STOCKOUT_DESPITE_INBOUND":
      return pick(num(e.gap_days), e.toleranceDays);
    case "RECEIPT_QTY_VARIANCE": {
      const delta = num(e.delta);
      return pick(delta === null ? null : ratio(Math.abs(delta), num(e.expectedQty)), e.tolerancePct);
    }
    case "TRANSFER_RECEIPT_VARIANCE": {
      const shipped = num(e.qtyShipped);
      const received = num(e.qtyReceived);
      return pick(shipped !== null && received !== null ? ratio(Math.abs(received - shipped), shipped) : null, e.tolerancePct);
    }
    case "CYCLE_COUNT_VARIANCE": {
      const pct = num(e.variancePct);
      const tol = num(e.tolerancePct);
      return pick(num(e.varianceUsd), e.usdThreshold, pct !== null && tol !== null && pct > tol);
    }
    case "EXCESS_STOCK": {
      const available = num(e.available);
      const max = num(e.maxStock);
      return pick(ratio(available, num(e.avgDailyDemand)), e.excessDaysOfCover, available !== null && max !== null && available > max);
    }
    case "DEMAND_SPIKE":
      return pick(ratio(num(e.qtyOrdered), num(e.avgDailyDemand)), e.k);
    case "OBSOLETE_DEAD_STOCK": {
      const onHand = num(e.onHand);
      const cost = num(e.unitCost);
      return pick(onHand !== null && cost !== null ? onHand * cost : null, e.minValueUsd);
    }
    case "QUALITY_LOT_HOLD_BLOCKING":
      return pick(num(e.ageDays), e.maxAgeDays, e.blocksDemand === true);
    default:
      return null;
  }
}
