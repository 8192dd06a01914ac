/**
 * One case per root cause. Findings sharing a causeKey form a case. Chain rule: when an
 * item-location's shortage is covered first by a PO line that has its own execution finding
 * (PO_NOT_ACKNOWLEDGED / PO_NO_ASN / ASN_OVERDUE / PO_PAST_DUE), every finding about that
 * shortage (STOCKOUT_NOW, STOCKOUT_DESPITE_INBOUND, CUSTOMER_ORDER_AT_RISK, a demand-blocking
 * quality hold: the findings keyed `shortage:<item>:<loc>`) moves into the PO line's case.
 * Within a case findings are ordered by causal rank, so chainOrder 0 is the root cause.
 */
import type { Finding } from "@/lib/domain/model/case-draft";

export const PO_EXECUTION_TYPES: readonly string[] = ["PO_NOT_ACKNOWLEDGED", "SUPPLIER_PROMISE_SLIP", "PO_NO_ASN", "ASN_OVERDUE", "PO_PAST_DUE"];

/** Causal rank: upstream causes first, consequences last. Unknown types sort after known ones. */
const CHAIN_RANK: readonly string[] = [
  "DATA_FEED_STALE",
  "MASTER_DATA_INVALID",
  ...PO_EXECUTION_TYPES,
  "TRANSFER_IN_TRANSIT_AGED",
  "NEGATIVE_ON_HAND",
  "CYCLE_COUNT_VARIANCE",
  "QUALITY_LOT_HOLD_BLOCKING",
  "CREDIT_HOLD_BLOCKING",
  "DEMAND_SPIKE",
  "STOCKOUT_NOW",
  "PROJECTED_STOCKOUT_NO_SUPPLY",
  "STOCKOUT_DESPITE_INBOUND",
  "BELOW_SAFETY_STOCK",
  "CUSTOMER_ORDER_AT_RISK",
  "EXCESS_STOCK",
];

/** Position of a type in the causal chain (lower = closer to the root). */
export function chainRank(type: string): number {
  const i = CHAIN_RANK.indexOf(type);
  return i === -1 ? CHAIN_RANK.length : i;
}

export interface FindingGroup {
  causeKey: string;
  /** Ordered root first, chainOrder set to the position. */
  findings: Finding[];
}

/** Groups findings into cases (applying the PO chain rule), sorted by causeKey; input is not mutated. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const poCauseKeys = new Set(findings.filter((f) => PO_EXECUTION_TYPES.includes(f.type)).map((f) => f.causeKey));
  // shortage key → PO line cause key, from the finding that names the first covering inbound.
  const chainTo = new Map<string, string>();
  for (const f of findings) {
    if (f.type !== "STOCKOUT_DESPITE_INBOUND" || !f.impact) continue;
    const poLineId = f.evidence.poLineId;
    if (typeof poLineId === "string" && poCauseKeys.has(`poline:${poLineId}`)) chainTo.set(f.impact.key, `poline:${poLineId}`);
  }

  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = (f.impact && chainTo.get(f.impact.key)) || f.causeKey;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }

  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([causeKey, list]) => ({
      causeKey,
      findings: [...list]
        .sort((a, b) => chainRank(a.type) - chainRank(b.type) || a.eventAt.getTime() - b.eventAt.getTime() || a.fingerprint.localeCompare(b.fingerprint))
        .map((f, i) => ({ ...f, causeKey, chainOrder: i })),
    }));
}
