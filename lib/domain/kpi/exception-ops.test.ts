import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  agingBucket,
  atRiskResolvedInTime,
  autoRoutedRate,
  backlogAging,
  businessHoursBetween,
  detectionLatency,
  dismissalRateByRule,
  recommendationAcceptance,
  slaBreachRate,
  timeToResolution,
  touchKpis,
  type CaseFact,
} from "@/lib/domain/kpi/exception-ops";

// 2026-11-02 is a Monday.
const d = (day: number, hour = 0) => new Date(Date.UTC(2026, 10, day, hour));
const NOV = { from: d(1), to: d(31) };

const base: CaseFact = {
  id: "x",
  type: "PO_PAST_DUE",
  severity: "HIGH",
  site: "DC1",
  supplier: null,
  openedAt: d(2),
  resolvedAt: null,
  slaDueAt: d(3),
  autoRouted: false,
  resolutionCode: null,
  exposure: 0,
  tStar: null,
  touches: 0,
  reopenedWithin14d: false,
};
const c = (o: Partial<CaseFact>): CaseFact => ({ ...base, ...o });

describe("business hours", () => {
  it("leaves weekends out", () => {
    assert.equal(businessHoursBetween(d(2, 9), d(2, 17)), 8); // Monday
    assert.equal(businessHoursBetween(d(6, 12), d(9, 12)), 24); // Fri noon → Mon noon
    assert.equal(businessHoursBetween(d(7, 10), d(8, 20)), 0); // Sat → Sun
    assert.equal(businessHoursBetween(d(2), d(16)), 240); // two whole weeks
  });
});

describe("detection latency", () => {
  it("takes P50/P90 of detectedAt − eventAt, per source, within the period", () => {
    const rows = [
      { source: "odoo", eventAt: d(2, 0), detectedAt: d(2, 1) }, // 1 h
      { source: "odoo", eventAt: d(2, 0), detectedAt: d(2, 3) }, // 3 h
      { source: "x12", eventAt: d(2, 0), detectedAt: d(2, 10) }, // 10 h
      { source: "x12", eventAt: d(2, 0), detectedAt: d(2, 6) }, // 6 h
      { source: "x12", eventAt: d(1, 0), detectedAt: d(31, 0) }, // outside [from, to)
    ];
    const r = detectionLatency(rows, NOV);
    assert.equal(r.overall.n, 4);
    assert.equal(r.overall.p50, 4.5); // 1 3 6 10 → (3+6)/2
    assert.equal(r.overall.p90, 8.8); // pos 2.7 → 6 + 0.7·4
    assert.deepEqual(r.bySource.map((g) => [g.key, g.dist.p50]), [["odoo", 2], ["x12", 8]]);
    assert.equal(detectionLatency([], NOV).overall.p50, null);
  });
});

describe("resolution time, backlog, SLA", () => {
  const cases = [
    c({ id: "a", type: "T1", openedAt: d(2, 0), resolvedAt: d(2, 10), slaDueAt: d(2, 12) }), // 10 bh, in SLA
    c({ id: "b", type: "T1", openedAt: d(6, 12), resolvedAt: d(9, 12), slaDueAt: d(7) }), // 24 bh (weekend), breached
    c({ id: "c", type: "T2", severity: "LOW", openedAt: d(3), resolvedAt: d(5), slaDueAt: d(4) }), // 48 bh, breached
    c({ id: "d", type: "T2", openedAt: d(20), slaDueAt: d(21) }), // open, breached
    c({ id: "e", type: "T2", openedAt: d(25), slaDueAt: d(30) }), // open, not yet due at now = 28th
    c({ id: "f", type: "T1", openedAt: d(1), resolvedAt: d(27), slaDueAt: d(40) }), // due outside the period
  ];
  it("reports mean/P50/P90 business hours by a dimension", () => {
    const r = timeToResolution(cases.slice(0, 3), NOV, "type");
    assert.deepEqual(r.overall, { n: 3, mean: 82 / 3, p50: 24, p90: 43.2 });
    assert.deepEqual(r.groups.map((g) => [g.key, g.dist.mean]), [["T1", 17], ["T2", 48]]);
  });
  it("buckets the backlog by age", () => {
    assert.deepEqual([0, 71.9, 72, 191.9, 192, 359.9, 360].map(agingBucket), ["0-2d", "0-2d", "3-7d", "3-7d", "8-14d", "8-14d", ">14d"]);
    const r = backlogAging(cases, NOV, d(28));
    // open at the 28th: d (8 days old), e (3 days); f resolved on the 27th
    assert.equal(r.backlog, 2);
    assert.deepEqual(r.buckets, { "0-2d": 0, "3-7d": 1, "8-14d": 1, ">14d": 0 });
    assert.equal(r.dailyIntake, 6 / 30);
    assert.equal(r.backlogPctOfDailyIntake, 2 / (6 / 30));
  });
  it("counts SLA breaches among cases that fell due", () => {
    assert.deepEqual(slaBreachRate(cases, NOV, d(28)), { due: 4, breached: 3, rate: 0.75 });
  });
});

describe("touches, first touch, routing, dismissals, $ in time", () => {
  const cases = [
    c({ id: "a", resolvedAt: d(5), touches: 1, autoRouted: true, resolutionCode: "FIXED" }), // first touch
    c({ id: "b", resolvedAt: d(5), touches: 1, reopenedWithin14d: true, resolutionCode: "FIXED" }), // reopened → failure
    c({ id: "c", resolvedAt: d(5), touches: 3, autoRouted: true, resolutionCode: "NOT_AN_ISSUE" }),
    c({ id: "d", type: "DEMAND_SPIKE", resolvedAt: d(5), touches: 0, resolutionCode: "CONDITION_CLEARED" }), // auto-closed
    c({ id: "e", type: "DEMAND_SPIKE", resolvedAt: d(6), touches: 2, resolutionCode: "NOT_AN_ISSUE" }),
    c({ id: "f", touches: 4 }), // open: not in the closed set
  ];
  it("computes first-touch resolution, touches per case and no-touch", () => {
    const r = touchKpis(cases, NOV);
    assert.equal(r.closed, 5);
    assert.equal(r.humanClosed, 4);
    assert.equal(r.firstTouchResolved, 1);
    assert.equal(r.firstTouchRate, 0.25);
    assert.equal(r.touchesPerCase, 7 / 5);
    assert.equal(r.noTouchRate, 1 / 5);
  });
  it("computes auto-routed share of cases opened", () => {
    assert.deepEqual(autoRoutedRate(cases, NOV), { opened: 6, autoRouted: 2, rate: 1 / 3 });
  });
  it("computes the dismissal rate per rule", () => {
    const r = dismissalRateByRule(cases, NOV);
    assert.equal(r.rate, 2 / 5);
    assert.deepEqual(r.rows, [
      { rule: "DEMAND_SPIKE", closed: 2, dismissed: 1, rate: 0.5 },
      { rule: "PO_PAST_DUE", closed: 3, dismissed: 1, rate: 1 / 3 },
    ]);
  });
  it("weights cases resolved before t* (else the SLA) by exposure", () => {
    const r = atRiskResolvedInTime(
      [
        c({ exposure: 100, openedAt: d(2), tStar: d(10), resolvedAt: d(9) }), // in time
        c({ exposure: 300, openedAt: d(2), tStar: d(10), resolvedAt: d(11) }), // late
        c({ exposure: 50, openedAt: d(2), slaDueAt: d(4), resolvedAt: d(3) }), // no t*: SLA, in time
        c({ exposure: 50, openedAt: d(2) }), // open
        c({ exposure: 999, openedAt: d(31), resolvedAt: d(31, 1) }), // opened outside
      ],
      NOV,
    );
    assert.deepEqual(r, { openedUsd: 500, resolvedInTimeUsd: 150, rate: 0.3 });
  });
});

describe("recommendation acceptance", () => {
  it("classifies decided actions against the case's recommendations", () => {
    const rec = ["EXPEDITE", "TRANSFER"];
    const r = recommendationAcceptance(
      [
        { type: "EXPEDITE", status: "APPROVED", revision: 1, decidedAt: d(3), recommendedTypes: rec }, // accepted
        { type: "EXPEDITE", status: "APPROVED", revision: 2, decidedAt: d(3), recommendedTypes: rec }, // modified (edited)
        { type: "TRANSFER", status: "APPROVED", revision: 1, decidedAt: d(3), recommendedTypes: rec }, // modified (rank 2)
        { type: "EXPEDITE", status: "REJECTED", revision: 1, decidedAt: d(3), recommendedTypes: rec }, // rejected
        { type: "ADJUST", status: "APPROVED", revision: 1, decidedAt: d(3), recommendedTypes: rec }, // override
        { type: "EXPEDITE", status: "APPROVED", revision: 1, decidedAt: d(3), recommendedTypes: [] }, // no recommendation
        { type: "EXPEDITE", status: "PENDING_APPROVAL", revision: 1, decidedAt: null, recommendedTypes: rec }, // undecided
      ],
      NOV,
    );
    assert.deepEqual(r, { decided: 5, accepted: 1, modified: 2, rejected: 1, override: 1, acceptanceRate: 0.25, overrideRate: 0.2 });
  });
});
