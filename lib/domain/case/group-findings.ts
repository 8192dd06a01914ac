/**
 * One case per root cause. Findings sharing a causeKey form a case, then two rules join causes:
 * 1. PO chain: when an item-location's shortage is covered first by a PO line that has its own
 *    execution finding (PO_NOT_ACKNOWLEDGED / SUPPLIER_PROMISE_SLIP / PO_NO_ASN / ASN_OVERDUE /
 *    PO_PAST_DUE / RECEIPT_QTY_VARIANCE), every finding about that shortage (the findings keyed
 *    `shortage:<item>:<loc>`) moves into the PO line's case.
 * 2. Links: a finding's `links` (cause keys or impact keys) merge the cases holding them with its
 *    own, e.g. a credit hold with the at-risk lines of its order, a family demand spike with the
 *    shortages it causes, a short receipt with the orders it leaves uncovered. The merged case
 *    takes the most specific cause key (order > lane > family spike > PO line > …).
 * Within a case findings are ordered by causal rank, so chainOrder 0 is the root cause.
 */
import type { Finding } from "@/lib/domain/model/case-draft";

export const PO_EXECUTION_TYPES: readonly string[] = ["PO_NOT_ACKNOWLEDGED", "SUPPLIER_PROMISE_SLIP", "PO_NO_ASN", "ASN_OVERDUE", "PO_PAST_DUE", "RECEIPT_QTY_VARIANCE"];

/** Causal rank: upstream causes first, consequences last. Unknown types sort after known ones. */
const CHAIN_RANK: readonly string[] = [
  "DATA_FEED_STALE",
  "MASTER_DATA_INVALID",
  ...PO_EXECUTION_TYPES,
  "TRANSFER_IN_TRANSIT_AGED",
  "TRANSFER_RECEIPT_VARIANCE",
  "NEGATIVE_ON_HAND",
  "CYCLE_COUNT_VARIANCE",
  "QUALITY_LOT_HOLD_BLOCKING",
  "CREDIT_HOLD_BLOCKING",
  "DEMAND_SPIKE",
  "ALLOCATION_CONFLICT",
  "STOCKOUT_NOW",
  "PROJECTED_STOCKOUT_NO_SUPPLY",
  "STOCKOUT_DESPITE_INBOUND",
  "BELOW_SAFETY_STOCK",
  "CUSTOMER_ORDER_AT_RISK",
  "SURPLUS_ON_ORDER",
  "EXCESS_STOCK",
  "EXPIRY_RISK",
  "OBSOLETE_DEAD_STOCK",
];

/** Which cause key names a merged case: lower index wins, then alphabetical. */
const CAUSE_PRECEDENCE = ["so:", "lane:", "spike:", "poline:", "receipt:", "transfer:", "itemloc:", "item:", "source:"];

function causePrecedence(key: string): number {
  const i = CAUSE_PRECEDENCE.findIndex((p) => key.startsWith(p));
  return i === -1 ? CAUSE_PRECEDENCE.length : i;
}

const CHAIN_INDEX = new Map(CHAIN_RANK.map((t, i) => [t, i]));
const PO_EXECUTION = new Set(PO_EXECUTION_TYPES);

/** Position of a type in the causal chain (lower = closer to the root). */
export function chainRank(type: string): number {
  return CHAIN_INDEX.get(type) ?? CHAIN_RANK.length;
}

export interface FindingGroup {
  causeKey: string;
  /** Ordered root first, chainOrder set to the position. */
  findings: Finding[];
}

/** Minimal union-find over cause keys; the representative is the preferred cause key. */
class CauseUnion {
  private parent = new Map<string, string>();
  find(k: string): string {
    let r = k;
    while (this.parent.has(r) && this.parent.get(r) !== r) r = this.parent.get(r) as string;
    // Path compression keeps repeated merges linear.
    let c = k;
    while (c !== r) {
      const next = this.parent.get(c) as string;
      this.parent.set(c, r);
      c = next;
    }
    return r;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const keepA = causePrecedence(ra) < causePrecedence(rb) || (causePrecedence(ra) === causePrecedence(rb) && ra < rb);
    if (keepA) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

/** Groups findings into cases (PO chain rule, then links), sorted by causeKey; input is not mutated. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const poCauseKeys = new Set<string>();
  for (const f of findings) if (PO_EXECUTION.has(f.type)) poCauseKeys.add(f.causeKey);
  // shortage key → PO line cause key, from the finding that names the first covering inbound.
  const chainTo = new Map<string, string>();
  for (const f of findings) {
    if (f.type !== "STOCKOUT_DESPITE_INBOUND" || !f.impact) continue;
    const poLineId = f.evidence.poLineId;
    if (typeof poLineId === "string" && poCauseKeys.has(`poline:${poLineId}`)) chainTo.set(f.impact.key, `poline:${poLineId}`);
  }
  const initialKey = (f: Finding) => (f.impact && chainTo.get(f.impact.key)) || f.causeKey;

  const union = new CauseUnion();
  if (findings.some((f) => f.links && f.links.length > 0)) {
    // Which initial cases hold each cause key / impact key, to resolve links.
    const holders = new Map<string, string[]>();
    const hold = (k: string, cause: string) => {
      const list = holders.get(k);
      if (!list) holders.set(k, [cause]);
      else if (!list.includes(cause)) list.push(cause);
    };
    for (const f of findings) {
      const cause = initialKey(f);
      hold(cause, cause);
      if (f.impact) hold(f.impact.key, cause);
    }
    for (const f of findings) {
      if (!f.links) continue;
      const own = initialKey(f);
      for (const link of f.links) for (const other of holders.get(link) ?? []) union.union(own, other);
    }
  }

  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = union.find(initialKey(f));
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }

  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([causeKey, list]) => ({
      causeKey,
      findings: [...list]
        .sort((a, b) => chainRank(a.type) - chainRank(b.type) || a.eventAt.getTime() - b.eventAt.getTime() || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0))
        .map((f, i) => ({ ...f, causeKey, chainOrder: i })),
    }));
}
