/** KPI catalogue shown on the KPI page: what each number means and which direction is good. */

export type KpiUnit = "count" | "USD" | "hours" | "percent";

export interface KpiDefinition {
  id: string;
  label: string;
  unit: KpiUnit;
  better: "up" | "down";
  formula: string;
  /** Which timestamp puts a row in the selected period. */
  dateBasis?: string;
  /** Tolerances and exclusions that change the number. */
  notes?: string;
  /** Section (e) of docs/domain.md names this KPI; dashboard cards refer to it by id. */
  domain?: boolean;
}

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  { id: "open_cases_by_severity", label: "Open cases by severity", unit: "count", better: "down", formula: "count(cases with status ≠ RESOLVED) grouped by severity" },
  { id: "open_usd_at_risk", label: "Open $ at risk", unit: "USD", better: "down", formula: "Σ (serviceExposure + financialExposure) over cases with status ≠ RESOLVED" },
  { id: "usd_at_risk_with_approved_action", label: "$ at risk with an approved action", unit: "USD", better: "up", formula: "Σ exposure over open cases with status = ACTION_APPROVED" },
  { id: "pending_approvals", label: "Pending approvals", unit: "count", better: "down", formula: "count(actions with status = PENDING_APPROVAL)" },
  { id: "median_open_case_age", label: "Median age of open cases", unit: "hours", better: "down", formula: "median(now − openedAt) over cases with status ≠ RESOLVED" },
  { id: "approval_turnaround", label: "Approval turnaround (P50)", unit: "hours", better: "down", formula: "median(decidedAt − requestedAt) over decided actions" },
  {
    id: "detection_latency",
    label: "Detection latency",
    unit: "hours",
    better: "down",
    domain: true,
    formula: "P50 and P90 of (Exception.detectedAt − Exception.eventAt), overall and per source",
    dateBasis: "exception detectedAt in the period",
    notes: "eventAt is the source timestamp of the condition (ETA passed, count posted…). Source = the finding's sourceSystem, else the item's.",
  },
  {
    id: "mttr",
    label: "Time to resolution (mean / P50 / P90)",
    unit: "hours",
    better: "down",
    domain: true,
    formula: "Σ(resolvedAt − openedAt) / n_resolved in business hours; also median and P90; by type, severity, site",
    dateBasis: "case resolvedAt in the period",
    notes: "Business hours = elapsed hours without Saturdays and Sundays (UTC); the workbench runs 24×5. Full resolution: a reopened case counts from its first opening to its last resolution.",
  },
  {
    id: "backlog_aging",
    label: "Backlog and aging",
    unit: "count",
    better: "down",
    domain: true,
    formula: "cases open at the period end by age bucket 0–2 d, 3–7 d, 8–14 d, >14 d; backlog ÷ mean daily intake (cases opened in the period ÷ its days)",
    dateBasis: "opened before the period end and not resolved by it",
  },
  {
    id: "sla_breach_rate",
    label: "SLA breach rate",
    unit: "percent",
    better: "down",
    domain: true,
    formula: "cases not resolved by slaDueAt ÷ cases whose SLA fell due",
    dateBasis: "case slaDueAt in the period (and already passed)",
  },
  {
    id: "first_touch_resolution",
    label: "First-touch resolution",
    unit: "percent",
    better: "up",
    domain: true,
    formula: "closed cases with exactly one human action ÷ closed cases with at least one",
    dateBasis: "case resolvedAt in the period",
    notes: "Auto-closed cases (no human action: detection cleared them) are left out; a REOPENED event within 14 days of a resolution is a failure.",
  },
  {
    id: "touches_per_case",
    label: "Planner touches per case",
    unit: "count",
    better: "down",
    domain: true,
    formula: "Σ human actions (timeline events with a person as actor: assign, acknowledge, snooze, comment, propose, approve, resolve, reopen…) ÷ cases closed",
    dateBasis: "case resolvedAt in the period",
  },
  {
    id: "auto_routed_rate",
    label: "% auto-routed / no-touch",
    unit: "percent",
    better: "up",
    domain: true,
    formula: "cases routed by a rule without manual triage (Case.autoRouted) ÷ cases opened; no-touch = cases closed with no human action ÷ cases closed",
    dateBasis: "openedAt (auto-routed) / resolvedAt (no-touch) in the period",
  },
  {
    id: "recommendation_acceptance",
    label: "Recommendation acceptance",
    unit: "percent",
    better: "up",
    domain: true,
    formula: "accepted ÷ (accepted + rejected + modified); override rate = approved actions of a type the engine did not recommend ÷ decided actions",
    dateBasis: "action decidedAt in the period",
    notes: "Only cases with an executable recommendation. Accepted = approved, the top recommendation's type, never edited; modified = approved, a lower-ranked recommended type or edited; rejected = approver rejected.",
  },
  {
    id: "dismissal_rate",
    label: "Dismissal rate per rule",
    unit: "percent",
    better: "down",
    domain: true,
    formula: "cases closed as NOT_AN_ISSUE ÷ cases closed, per rule (the case's primary type)",
    dateBasis: "case resolvedAt in the period",
  },
  {
    id: "fill_rate",
    label: "Unit / line / order fill rate",
    unit: "percent",
    better: "up",
    domain: true,
    formula: "unit = Σ min(shipped, ordered) ÷ Σ ordered; line = lines shipped complete ÷ lines; order = orders with every line complete ÷ orders",
    dateBasis: "sales-order line promisedShipDate in the period (and passed)",
    notes: "Fill as of now: the canonical model keeps shipped quantity per line, not each shipment, so it is not first-time fill.",
  },
  {
    id: "otif",
    label: "OTIF (inbound, per PO line)",
    unit: "percent",
    better: "up",
    domain: true,
    formula: "PO lines with qty received inside [due − 3 d, due + 1 d] within ±2 % of ordered ÷ eligible lines",
    dateBasis: "due day = last-confirmed promise (PurchaseOrderLine.promisedDate); first-confirmed (originalPromisedDate) on request; window closed by now",
    notes: "Measured on supplier deliveries: outbound deliveries carry no delivery date in the canonical model.",
  },
  {
    id: "supplier_on_time",
    label: "Supplier on-time rate (12-month rolling)",
    unit: "percent",
    better: "up",
    domain: true,
    formula: "Σ qty received on or before the promised day ÷ Σ qty ordered, received qty capped at ordered",
    dateBasis: "PO line promisedDate in the 12 months before the period end",
  },
  {
    id: "inventory_record_accuracy",
    label: "Inventory record accuracy",
    unit: "percent",
    better: "up",
    domain: true,
    formula: "counts with |counted − system| ≤ tol × system ÷ counts; tol A ±1 %, B ±3 %, C ±5 %; a zero system qty needs an exact count",
    dateBasis: "cycle count countedAt in the period",
    notes: "Each count is judged on its own: + and − variances are never netted. Target ≥ 95 %, best ≥ 99 %.",
  },
  {
    id: "at_risk_resolved_in_time",
    label: "$ at risk resolved in time",
    unit: "percent",
    better: "up",
    domain: true,
    formula: "Σ exposure of cases resolved before t* ÷ Σ exposure of cases opened",
    dateBasis: "case openedAt in the period",
    notes: "t* = first shortage date in the score's explanation vector; cases without one use their SLA due date.",
  },
];

/** Looks up a KPI definition by id. */
export function kpiDefinition(id: string): KpiDefinition | undefined {
  return KPI_DEFINITIONS.find((k) => k.id === id);
}
