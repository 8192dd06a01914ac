import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { DEFAULT_SCORING_PARAMS } from "@/lib/domain/score/config";
import { AS_OF, balance, day, item, poLine, snapshot, soLine, supplier } from "@/lib/domain/testing/fixtures";

// OH 10, 5/day, a STRATEGIC order of 20 on day 2 → PAB 5, 0, −20, −25, −30 (t* = day 2, Q_short 30).
// PO promised day 1, no ASN, supplier 4 days late on median → ETA day 5, gap 3 > tolerance 2.
function chainSnapshot() {
  return snapshot({
    suppliers: [supplier({ medianLatenessDays: 4 })],
    balances: [balance({ onHand: 10, avgDailyDemand: 5 })],
    poLines: [poLine({ promisedDate: day(1), qtyOrdered: 300 })],
    soLines: [soLine({ promisedShipDate: day(2), qtyOrdered: 20, customerTier: "STRATEGIC" })],
  });
}

describe("runDetection", () => {
  it("folds PO_NO_ASN → STOCKOUT_DESPITE_INBOUND → CUSTOMER_ORDER_AT_RISK into one case", () => {
    const drafts = runDetection(chainSnapshot(), DEFAULT_SCORING_PARAMS);
    assert.equal(drafts.length, 1);
    const c = drafts[0];
    assert.equal(c.causeKey, "poline:POL1");
    assert.equal(c.primaryType, "PO_NO_ASN");
    assert.deepEqual(c.findings.map((f) => [f.type, f.chainOrder]), [
      ["PO_NO_ASN", 0],
      ["STOCKOUT_DESPITE_INBOUND", 1],
      ["CUSTOMER_ORDER_AT_RISK", 2],
    ]);
    assert.equal(c.title, "PO-10001 no ASN → stockout at DC-ATL for SKU-00001 on 2026-11-27");
    // Shortage counted once: 30 × (margin 10 + penalty 5) × 2; the PO's $300 proxy is dropped.
    assert.equal(c.score.serviceExposure, 900);
    assert.equal(c.score.financialExposure, 0);
    assert.equal(c.score.urgency, 1);
    assert.equal(c.score.total, 900);
    assert.equal(c.score.vector.Q_short, 30);
    assert.equal(c.score.vector.gap_days, 3);
    assert.equal(c.score.vector.eta, "2026-11-30");
    assert.equal(c.score.severity, "LOW");
    assert.equal(c.slaDueAt.getTime(), AS_OF.getTime() + 168 * 3_600_000);
  });

  it("keeps shortage findings in the item-location case when the covering PO has no execution problem", () => {
    const snap = { ...chainSnapshot(), poLines: [poLine({ promisedDate: day(5), qtyOrdered: 300 })] };
    const drafts = runDetection(snap);
    assert.deepEqual(drafts.map((d) => d.causeKey), ["itemloc:I1:L1"]);
    assert.equal(drafts[0].primaryType, "STOCKOUT_DESPITE_INBOUND");
  });

  it("lowers confidence for stale sources and invalid master data, and floors NEGATIVE_ON_HAND at HIGH", () => {
    const snap = snapshot({
      items: [item({ leadTimeDays: null })],
      balances: [balance({ onHand: -1, sourceUpdatedAt: day(-2) })],
    });
    const drafts = runDetection(snap);
    const neg = drafts.find((d) => d.primaryType === "NEGATIVE_ON_HAND");
    assert.ok(neg);
    assert.equal(neg.score.confidence, 0.7 * 0.8);
    assert.equal(neg.score.severity, "HIGH");
    assert.equal(neg.dataAsOf.toISOString(), day(-2).toISOString());
    const mdi = drafts.find((d) => d.primaryType === "MASTER_DATA_INVALID");
    assert.equal(mdi?.score.confidence, 1);
  });

  it("is deterministic and sorted by score descending", () => {
    const snap = snapshot({
      items: [item(), item({ id: "I2", sku: "SKU-00002", unitPrice: 200, unitCost: 100 })],
      balances: [balance({ onHand: -3 }), balance({ itemId: "I2", onHand: 0, avgDailyDemand: 4 })],
      poLines: [poLine({ acknowledgedAt: null, orderedAt: day(-5) })],
    });
    const a = runDetection(snap);
    const b = runDetection(snap);
    assert.deepEqual(a, b);
    assert.ok(a.length >= 3);
    for (let i = 1; i < a.length; i++) assert.ok(a[i - 1].score.total >= a[i].score.total);
  });
});

describe("runDetection on a seeded random network", () => {
  it("produces well-formed drafts: finite scores, known sites, contiguous chain orders, eventAt ≤ asOf", () => {
    let s = 7;
    const rnd = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const int = (n: number) => Math.floor(rnd() * n);
    const items = Array.from({ length: 12 }, (_, i) => item({ id: `I${i}`, sku: `SKU-${i}`, leadTimeDays: i % 5 === 0 ? null : 5 + int(20), unitCost: 5 + int(50), unitPrice: 10 + int(100) }));
    const locs = ["L1", "L2"];
    const snap = snapshot({
      items,
      balances: items.flatMap((it) => locs.map((l) => balance({ itemId: it.id, locationId: l, onHand: int(300) - 20, allocated: int(30), safetyStock: int(50), avgDailyDemand: int(12), demandStdDev: int(5) }))),
      poLines: items.map((it, i) => poLine({ id: `P${i}`, poNumber: `PO-${i}`, itemId: it.id, locationId: locs[i % 2], qtyOrdered: 50 + int(400), promisedDate: day(int(30) - 5), acknowledgedAt: i % 3 ? day(-9) : null })),
      soLines: items.flatMap((it, i) => [soLine({ id: `S${i}`, soNumber: `SO-${i}`, itemId: it.id, locationId: locs[i % 2], qtyOrdered: 1 + int(80), promisedShipDate: day(int(20) - 2), customerTier: (["STANDARD", "KEY", "STRATEGIC"] as const)[i % 3] })]),
      cycleCounts: items.map((it, i) => ({ id: `C${i}`, itemId: it.id, locationId: "L1", countedAt: day(-2), systemQty: 100, countedQty: 90 + int(20) })),
    });
    const drafts = runDetection(snap);
    assert.ok(drafts.length > 5);
    const fingerprints = new Set<string>();
    for (const d of drafts) {
      assert.ok(Number.isFinite(d.score.total) && d.score.total >= 0, d.title);
      assert.ok(["L1", "L2"].includes(d.siteId));
      assert.deepEqual(d.findings.map((f) => f.chainOrder), d.findings.map((_, i) => i));
      assert.equal(d.primaryType, d.findings[0].type);
      for (const f of d.findings) {
        assert.ok(f.eventAt <= snap.asOf);
        assert.ok(!fingerprints.has(f.fingerprint), `duplicate ${f.fingerprint}`);
        fingerprints.add(f.fingerprint);
      }
    }
    assert.deepEqual(runDetection(snap), drafts);
  });
});
