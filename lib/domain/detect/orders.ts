/** Order-priority helpers shared by the allocation and credit-hold rules. */
import type { SnapshotSoLine } from "@/lib/domain/model/snapshot";
import { TIER_RANK } from "@/lib/domain/detect/context";

/** Open quantity of an SO line (ordered − shipped). */
export function openSoQty(s: SnapshotSoLine): number {
  return Math.max(0, s.qtyOrdered - s.qtyShipped);
}

/** Allocated quantity that still counts (never above the open quantity). */
export function heldAllocation(s: SnapshotSoLine): number {
  return Math.max(0, Math.min(s.qtyAllocated, openSoQty(s)));
}

/** > 0 when `a` outranks `b`: higher customer tier first, then lower priority number (1 = most urgent). */
export function compareOrderRank(a: SnapshotSoLine, b: SnapshotSoLine): number {
  return TIER_RANK[a.customerTier] - TIER_RANK[b.customerTier] || b.priority - a.priority;
}

/** A priority order: a STRATEGIC or KEY customer, or priority 1. */
export function isPriorityOrder(s: SnapshotSoLine): boolean {
  return s.customerTier !== "STANDARD" || s.priority <= 1;
}
