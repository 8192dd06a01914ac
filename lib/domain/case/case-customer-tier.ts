/**
 * The queue's customer-tier column: the highest tier among the customers whose sales orders the
 * case's findings name. Order-level findings (orders at risk, allocation conflicts, credit holds,
 * demand spikes) carry `customerTier` in their evidence, and a shortage case holds the
 * CUSTOMER_ORDER_AT_RISK finding of its item-location, so the evidence already says which
 * customers the case hurts; no extra query per case.
 */
import type { Finding } from "@/lib/domain/model/case-draft";
import type { CustomerTier } from "@/lib/domain/model/snapshot";

const RANK: Record<CustomerTier, number> = { STRATEGIC: 3, KEY: 2, STANDARD: 1 };

function isTier(v: unknown): v is CustomerTier {
  return typeof v === "string" && Object.hasOwn(RANK, v);
}

function scan(value: unknown, depth: number, best: { tier: CustomerTier | null }): void {
  if (depth > 6 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) scan(v, depth + 1, best);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === "customerTier" && isTier(v)) {
      if (!best.tier || RANK[v] > RANK[best.tier]) best.tier = v;
    } else scan(v, depth + 1, best);
  }
}

/** Highest customer tier named in the findings' evidence; null when the case affects no customer order. */
export function caseCustomerTier(findings: readonly Pick<Finding, "evidence">[]): CustomerTier | null {
  const best: { tier: CustomerTier | null } = { tier: null };
  for (const f of findings) scan(f.evidence, 0, best);
  return best.tier;
}
