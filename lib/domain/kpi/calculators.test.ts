import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { approvalTurnaroundHours, countBy, mean, median, medianOpenCaseAgeHours, openUsdAtRisk, pendingApprovals, percentile, ratio, sumBy, usdAtRiskWithApprovedAction } from "@/lib/domain/kpi/calculators";
import { KPI_DEFINITIONS } from "@/lib/domain/kpi/definitions";

const t = (h: number) => new Date(Date.UTC(2026, 10, 25) + h * 3_600_000);

describe("calculators", () => {
  it("returns null, not 0, for empty input", () => {
    assert.equal(median([]), null);
    assert.equal(percentile([], 90), null);
    assert.equal(mean([NaN]), null);
    assert.equal(sumBy([], () => 1), null);
    assert.equal(ratio(0, 0), null);
    assert.equal(openUsdAtRisk([]), null);
    assert.equal(approvalTurnaroundHours([{ status: "PENDING_APPROVAL", requestedAt: t(0), decidedAt: null }]), null);
  });
  it("interpolates percentiles and medians", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(percentile([10, 20, 30, 40, 50], 90), 46);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([1, 2], 150), 2);
  });
  it("computes case and action KPIs", () => {
    const cases = [
      { status: "OPEN", severity: "HIGH", serviceExposure: 100, financialExposure: 50, openedAt: t(0) },
      { status: "ACTION_APPROVED", severity: "LOW", serviceExposure: 10, financialExposure: 0, openedAt: t(10) },
      { status: "RESOLVED", severity: "LOW", serviceExposure: 999, financialExposure: 0, openedAt: t(0) },
    ];
    assert.equal(openUsdAtRisk(cases), 160);
    assert.equal(usdAtRiskWithApprovedAction(cases), 10);
    assert.equal(medianOpenCaseAgeHours(cases, t(20)), 15);
    assert.deepEqual(countBy(cases, (c) => c.severity as "HIGH" | "LOW" | "CRITICAL", ["CRITICAL", "HIGH", "LOW"]), { CRITICAL: 0, HIGH: 1, LOW: 2 });
    const actions = [
      { status: "APPROVED", requestedAt: t(0), decidedAt: t(2) },
      { status: "REJECTED", requestedAt: t(0), decidedAt: t(6) },
      { status: "PENDING_APPROVAL", requestedAt: t(0), decidedAt: null },
    ];
    assert.equal(approvalTurnaroundHours(actions), 4);
    assert.equal(pendingApprovals(actions), 1);
  });
  it("defines each required KPI once", () => {
    const ids = KPI_DEFINITIONS.map((k) => k.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ["detection_latency", "mttr", "backlog_aging", "sla_breach_rate", "first_touch_resolution", "touches_per_case", "auto_routed_rate", "recommendation_acceptance", "dismissal_rate", "fill_rate", "otif", "supplier_on_time", "inventory_record_accuracy", "at_risk_resolved_in_time", "open_cases_by_severity", "open_usd_at_risk", "usd_at_risk_with_approved_action", "pending_approvals", "median_open_case_age", "approval_turnaround"]) assert.ok(ids.includes(id), id);
  });
});
