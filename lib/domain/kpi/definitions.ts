/** KPI catalogue shown on the KPI page: what each number means and which direction is good. */

export type KpiUnit = "count" | "USD" | "hours" | "percent";

export interface KpiDefinition {
  id: string;
  label: string;
  unit: KpiUnit;
  better: "up" | "down";
  formula: string;
}

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  { id: "open_cases_by_severity", label: "Open cases by severity", unit: "count", better: "down", formula: "count(cases with status ≠ RESOLVED) grouped by severity" },
  { id: "open_usd_at_risk", label: "Open $ at risk", unit: "USD", better: "down", formula: "Σ (serviceExposure + financialExposure) over cases with status ≠ RESOLVED" },
  { id: "usd_at_risk_with_approved_action", label: "$ at risk with an approved action", unit: "USD", better: "up", formula: "Σ exposure over open cases with status = ACTION_APPROVED" },
  { id: "pending_approvals", label: "Pending approvals", unit: "count", better: "down", formula: "count(actions with status = PENDING_APPROVAL)" },
  { id: "median_open_case_age", label: "Median age of open cases", unit: "hours", better: "down", formula: "median(now − openedAt) over cases with status ≠ RESOLVED" },
  { id: "approval_turnaround", label: "Approval turnaround (P50)", unit: "hours", better: "down", formula: "median(decidedAt − requestedAt) over decided actions" },
  { id: "mttr", label: "Mean time to resolve", unit: "hours", better: "down", formula: "Σ(resolvedAt − openedAt) / n_resolved" },
  { id: "detection_latency", label: "Detection latency (P50)", unit: "hours", better: "down", formula: "median(detectedAt − eventAt) over exceptions" },
  { id: "sla_breach_rate", label: "SLA breach rate", unit: "percent", better: "down", formula: "cases resolved after slaDueAt (or open past it) ÷ cases due" },
];

/** Looks up a KPI definition by id. */
export function kpiDefinition(id: string): KpiDefinition | undefined {
  return KPI_DEFINITIONS.find((k) => k.id === id);
}
