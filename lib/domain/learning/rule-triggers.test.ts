/**
 * The stored comparison must replay exactly what the rule does: for every tunable rule, a finding's
 * trigger names the rule's threshold, the rule stops firing when that threshold is raised to the
 * trigger value and fires just below it; the evidence fallback reads the same value back.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Finding } from "@/lib/domain/model/case-draft";
import type { Snapshot, SnapshotReceiptLine } from "@/lib/domain/model/snapshot";
import { buildDetectionContext } from "@/lib/domain/detect/context";
import { DETECTION_RULES } from "@/lib/domain/detect/rules";
import { DEFAULT_SCORING_PARAMS, type ScoringParams } from "@/lib/domain/score/config";
import type { RuleThresholdKey } from "@/lib/domain/score/rule-threshold";
import { AS_OF, asnLine, balance, day, item, poLine, snapshot, soLine, transferLine } from "@/lib/domain/testing/fixtures";
import { caseRuleTriggers, mergeRuleTriggers, readStoredTriggers, triggerFromEvidence, TUNABLE_RULES } from "@/lib/domain/learning/rule-triggers";

const run = (type: string, snap: Snapshot, params: ScoringParams = DEFAULT_SCORING_PARAMS) => DETECTION_RULES[type](buildDetectionContext(snap, params));
const withGlobal = (key: RuleThresholdKey, value: number): ScoringParams => ({ ...DEFAULT_SCORING_PARAMS, rules: { ...DEFAULT_SCORING_PARAMS.rules, [key]: value } });

const receipt = (over: Partial<SnapshotReceiptLine> = {}): SnapshotReceiptLine => ({
  receiptId: "R1", receiptNumber: "REC-1", asnId: "ASN1", asnNumber: "ASN-5001", purchaseOrderLineId: "POL1", supplierId: "S1", itemId: "I1", locationId: "L1", qtyReceived: 92, receivedAt: day(-1), ...over,
});
const hours8 = 8 / 24; // AS_OF is 08:00 UTC; fixture dates are midnight

/** One firing fixture per tunable rule, with the value the rule compared (worked out by hand). */
const FIXTURES: { type: string; snap: Snapshot; value: number | null; also: boolean }[] = [
  { type: "PO_NOT_ACKNOWLEDGED", snap: snapshot({ poLines: [poLine({ acknowledgedAt: null, ackStatus: "NONE", orderedAt: day(-4) })] }), value: 4 + hours8, also: false },
  // promised day(1) − 3 transit days = promised ship day(-2).
  { type: "PO_NO_ASN", snap: snapshot({ poLines: [poLine({ promisedDate: day(1) })] }), value: 2 + hours8, also: false },
  { type: "ASN_OVERDUE", snap: snapshot({ poLines: [poLine()], asnLines: [asnLine({ eta: day(-3) })] }), value: 3 + hours8, also: false },
  { type: "SUPPLIER_PROMISE_SLIP", snap: snapshot({ poLines: [poLine({ originalPromisedDate: day(10), promisedDate: day(16) })] }), value: 6, also: false },
  { type: "SUPPLIER_PROMISE_SLIP", snap: snapshot({ poLines: [poLine({ originalPromisedDate: day(10), promisedDate: day(11), ackStatus: "CHANGED" })] }), value: 1, also: true },
  // 30 on hand, 5/day: short from day 6; the PO lands day 11 → 5 days late.
  { type: "STOCKOUT_DESPITE_INBOUND", snap: snapshot({ balances: [balance({ onHand: 30, avgDailyDemand: 5 })], poLines: [poLine({ promisedDate: day(11), qtyOrdered: 200 })] }), value: 5, also: false },
  { type: "RECEIPT_QTY_VARIANCE", snap: snapshot({ poLines: [poLine({ qtyReceived: 92 })], asnLines: [asnLine({ status: "RECEIVED" })], receiptLines: [receipt()] }), value: 0.08, also: false },
  { type: "TRANSFER_IN_TRANSIT_AGED", snap: snapshot({ transferLines: [transferLine({ expectedAt: day(-4) })] }), value: 4 + hours8, also: false },
  { type: "TRANSFER_RECEIPT_VARIANCE", snap: snapshot({ transferLines: [transferLine({ qtyReceived: 45, receivedAt: day(-1), expectedAt: day(-1) })] }), value: 0.1, also: false },
  // 0.5 % off (inside class A's 1 %) but 5 × $200 = $1,000 > $500: raised by the $ test alone.
  { type: "CYCLE_COUNT_VARIANCE", snap: snapshot({ items: [item({ unitCost: 200 })], cycleCounts: [{ id: "CC1", itemId: "I1", locationId: "L1", countedAt: day(-1), systemQty: 1000, countedQty: 995 }] }), value: 1000, also: false },
  // 10 % off: the % test fires on its own.
  { type: "CYCLE_COUNT_VARIANCE", snap: snapshot({ cycleCounts: [{ id: "CC1", itemId: "I1", locationId: "L1", countedAt: day(-1), systemQty: 100, countedQty: 90 }] }), value: 100, also: true },
  { type: "EXCESS_STOCK", snap: snapshot({ balances: [balance({ onHand: 1000, avgDailyDemand: 5 })] }), value: 200, also: false },
  { type: "EXCESS_STOCK", snap: snapshot({ balances: [balance({ onHand: 1000, avgDailyDemand: 5, maxStock: 500 })] }), value: 200, also: true },
  { type: "DEMAND_SPIKE", snap: snapshot({ balances: [balance({ avgDailyDemand: 2 })], soLines: [soLine({ qtyOrdered: 20 })] }), value: 10, also: false },
  { type: "OBSOLETE_DEAD_STOCK", snap: snapshot({ balances: [balance({ onHand: 200, lastIssueAt: day(-200) })] }), value: 2000, also: false },
  { type: "QUALITY_LOT_HOLD_BLOCKING", snap: snapshot({ holds: [{ id: "H1", kind: "QUALITY", itemId: "I1", locationId: "L1", qty: 5, lot: "L-1", reason: "QA", placedAt: day(-10) }] }), value: 10, also: false },
];

const near = (a: number | null, b: number | null, msg: string) => {
  assert.ok(a !== null && b !== null, msg);
  assert.ok(Math.abs(a - b) < 1e-9, `${msg}: ${a} vs ${b}`);
};
const only = (fs: Finding[], type: string) => fs.filter((f) => f.type === type);

describe("every tunable rule stores the comparison it made", () => {
  it("covers every rule in TUNABLE_RULES", () => {
    assert.deepEqual([...new Set(FIXTURES.map((f) => f.type))].sort(), Object.keys(TUNABLE_RULES).sort());
  });
  for (const fx of FIXTURES) {
    it(`${fx.type}${fx.also ? " (another condition fires)" : ""}: trigger = the value compared; the rule agrees at the boundary`, () => {
      const [f] = only(run(fx.type, fx.snap), fx.type);
      assert.ok(f, "the fixture fires");
      const rule = TUNABLE_RULES[fx.type];
      assert.equal(f.trigger?.key, rule.key);
      near(f.trigger!.value, fx.value, "value");
      assert.equal(f.trigger!.also ?? false, fx.also);
      const v = f.trigger!.value!;
      // Threshold raised to the value: the rule is silent unless another condition fires.
      assert.equal(only(run(fx.type, fx.snap, withGlobal(rule.key, v)), fx.type).length, fx.also ? 1 : 0);
      // Just below the value it fires.
      assert.equal(only(run(fx.type, fx.snap, withGlobal(rule.key, Math.max(0, v - 1e-6))), fx.type).length, 1);
      // The evidence fallback reads the same comparison (fixture dates are midnight, so ages are exact).
      const back = triggerFromEvidence(fx.type, f.evidence, AS_OF);
      assert.equal(back?.key, rule.key);
      near(back!.value, fx.value, "value from evidence");
      assert.equal(back!.also, fx.also);
      assert.equal(back!.threshold, f.trigger!.threshold);
    });
  }
  it("rules without a single numeric threshold carry no trigger and have no fallback", () => {
    const [f] = run("NEGATIVE_ON_HAND", snapshot({ balances: [balance({ onHand: -3 })] }));
    assert.equal(f.trigger, undefined);
    assert.equal(triggerFromEvidence("NEGATIVE_ON_HAND", f.evidence, AS_OF), null);
  });
});

describe("stored triggers", () => {
  const finding = (fingerprint: string, type: string, trigger?: Finding["trigger"]): Finding => ({
    type, fingerprint, causeKey: "c", siteId: "L1", itemId: "I1", supplierId: null, summary: "", evidence: {}, eventAt: AS_OF, chainOrder: 0, exposure: 0, trigger,
  });
  it("one entry per finding; findings without a trigger are stored as not replayable", () => {
    const t = caseRuleTriggers([finding("ASN_OVERDUE:a", "ASN_OVERDUE", { key: "asnGraceDays", value: 2.5, threshold: 1 }), finding("STOCKOUT_NOW:x", "STOCKOUT_NOW")]);
    assert.deepEqual(t, {
      "ASN_OVERDUE:a": { type: "ASN_OVERDUE", key: "asnGraceDays", value: 2.5, threshold: 1, also: false, siteId: "L1", itemId: "I1" },
      "STOCKOUT_NOW:x": { type: "STOCKOUT_NOW", key: null, value: null, threshold: null, also: false, siteId: "L1", itemId: "I1" },
    });
  });
  it("merging keeps the peak value, any `also`, null when either is not replayable, and findings no longer detected", () => {
    const prev = caseRuleTriggers([finding("a", "ASN_OVERDUE", { key: "asnGraceDays", value: 4, threshold: 1 }), finding("b", "ASN_OVERDUE", { key: "asnGraceDays", value: 2, threshold: 1, also: true }), finding("gone", "ASN_OVERDUE", { key: "asnGraceDays", value: 9, threshold: 1 })]);
    const next = caseRuleTriggers([finding("a", "ASN_OVERDUE", { key: "asnGraceDays", value: 3, threshold: 2 }), finding("b", "ASN_OVERDUE", { key: "asnGraceDays", value: 5, threshold: 2 }), finding("c", "ASN_OVERDUE", { key: "asnGraceDays", value: null, threshold: 2 })]);
    const m = mergeRuleTriggers(prev, next);
    assert.equal(m.a.value, 4);
    assert.equal(m.a.threshold, 2);
    assert.equal(m.b.value, 5);
    assert.equal(m.b.also, true);
    assert.equal(m.c.value, null);
    assert.equal(m.gone.value, 9);
    assert.equal(mergeRuleTriggers({ a: { ...prev.a, value: null } }, next).a.value, null);
  });
  it("reads stored JSON defensively", () => {
    assert.deepEqual(readStoredTriggers(null), []);
    assert.deepEqual(readStoredTriggers([1, 2]), []);
    const rows = readStoredTriggers({ ok: { type: "ASN_OVERDUE", key: "asnGraceDays", value: 3, threshold: 1, also: false, siteId: "L1", itemId: null }, bad: { key: "x" }, nan: { type: "X", siteId: "L1", value: "3" } });
    assert.deepEqual(rows, [
      { type: "ASN_OVERDUE", key: "asnGraceDays", value: 3, threshold: 1, also: false, siteId: "L1", itemId: null },
      { type: "X", key: null, value: null, threshold: null, also: false, siteId: "L1", itemId: null },
    ]);
  });
  it("the evidence fallback measures ages to the case's last detection run", () => {
    const t = triggerFromEvidence("ASN_OVERDUE", { eta: "2026-11-20", graceDays: 1 }, new Date("2026-11-23T12:00:00Z"));
    assert.deepEqual(t, { key: "asnGraceDays", value: 3.5, threshold: 1, also: false });
    assert.equal(triggerFromEvidence("ASN_OVERDUE", { eta: "not a date", graceDays: 1 }, AS_OF)?.value, null);
  });
});
