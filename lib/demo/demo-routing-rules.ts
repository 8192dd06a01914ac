/**
 * Default routing rules of the demo (first enabled match by position wins; no match → triage).
 * Supplier trouble goes to procurement (the big ones to its lead), stock-record trouble to inventory
 * control, and the West sites' remaining cases to their planner.
 */
import type { RoutingConditions } from "@/lib/domain/case/route-case";

export interface DemoRoutingRule {
  id: string;
  position: number;
  name: string;
  conditions: RoutingConditions;
  team: string;
  assigneeId: string | null;
}

const SUPPLIER_TYPES = ["PO_NOT_ACKNOWLEDGED", "SUPPLIER_PROMISE_SLIP", "PO_NO_ASN", "ASN_OVERDUE", "PO_PAST_DUE", "RECEIPT_QTY_VARIANCE", "SURPLUS_ON_ORDER"];
const STOCK_RECORD_TYPES = ["NEGATIVE_ON_HAND", "CYCLE_COUNT_VARIANCE", "TRANSFER_IN_TRANSIT_AGED", "TRANSFER_RECEIPT_VARIANCE", "QUALITY_LOT_HOLD_BLOCKING", "EXPIRY_RISK"];

export const DEMO_ROUTING_RULES: readonly DemoRoutingRule[] = [
  { id: "rr_supplier_major", position: 10, name: "Major supplier failures → procurement lead", conditions: { types: SUPPLIER_TYPES, minScore: 25_000 }, team: "procurement", assigneeId: "usr_supervisor" },
  { id: "rr_supplier", position: 20, name: "Supplier execution → procurement", conditions: { types: SUPPLIER_TYPES }, team: "procurement", assigneeId: null },
  { id: "rr_stock_records", position: 30, name: "Stock records and movements → inventory control", conditions: { types: STOCK_RECORD_TYPES }, team: "inventory-control", assigneeId: null },
  { id: "rr_west", position: 40, name: "West sites → West planner", conditions: { siteIds: ["loc_dc_lax", "loc_dc_sea"] }, team: "planning-west", assigneeId: "usr_planner_west" },
];
