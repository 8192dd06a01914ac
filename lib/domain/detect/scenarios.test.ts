import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CaseDraft } from "@/lib/domain/model/case-draft";
import { proposeActionSchema } from "@/lib/domain/case/action-schemas";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { DEFAULT_SCORING_PARAMS } from "@/lib/domain/score/config";
import { carrierLaneScenario, compositeOrderScenario, receivingVarianceScenario, repeatCycleCountsScenario, SCENARIOS, shortReceiptScenario, weatherSpikeScenario } from "@/lib/domain/testing/scenarios";

const types = (d: CaseDraft) => d.findings.map((f) => f.type);
const byKey = (drafts: CaseDraft[], key: string) => {
  const d = drafts.find((x) => x.causeKey === key);
  assert.ok(d, `no case ${key} in ${drafts.map((x) => x.causeKey).join(", ")}`);
  return d;
};

describe("scenario a: 92% inbound receipt threatens priority orders", () => {
  const drafts = runDetection(shortReceiptScenario());
  it("forms one case on the PO line, rooted in the receipt variance, holding the shortage and the at-risk KEY order", () => {
    const c = byKey(drafts, "poline:POL-7001-1");
    assert.deepEqual(types(c), ["RECEIPT_QTY_VARIANCE", "STOCKOUT_DESPITE_INBOUND", "CUSTOMER_ORDER_AT_RISK"]);
    assert.equal(c.findings[0].evidence.receivedPct, 0.92);
    assert.deepEqual(c.findings[2].evidence.soNumbers, ["SO-8012"]);
    assert.equal(c.score.vector.Q_short, 700);
    assert.equal(c.score.vector.shortage_date, "2026-11-28");
    // No other case mentions the ATL shortage.
    assert.equal(drafts.filter((d) => d.findings.some((f) => f.impact?.key === "shortage:I-PUMP:L-ATL")).length, 1);
  });
  it("recommends a transfer from DC-DAL (the site with the most surplus) first, with a payload the action form accepts", () => {
    const top = byKey(drafts, "poline:POL-7001-1").recommendations[0];
    assert.equal(top.code, "TRANSFER_FROM_SURPLUS");
    assert.equal(top.actionType, "TRANSFER");
    assert.deepEqual(top.payload, { quantity: 700, fromLocationId: "L-DAL" });
    assert.equal(top.impact.unitsRecovered, 700);
    assert.equal(top.impact.usdRecovered, 700 * (50 + 22.5) * 2);
    assert.ok(proposeActionSchema.safeParse({ caseId: "c", type: top.actionType, note: "rebalance", ...top.payload }).success);
  });
  it("does not treat the 80 units the dock never saw as late supply (no PO_PAST_DUE)", () => {
    assert.ok(!drafts.some((d) => types(d).includes("PO_PAST_DUE")));
  });
});

describe("scenario b: transfers stuck on one carrier lane", () => {
  const drafts = runDetection(carrierLaneScenario());
  it("makes one case for the ATL→DAL XPO lane with the three aged and the short transfer", () => {
    const c = byKey(drafts, "lane:L-ATL>L-DAL:XPO");
    assert.deepEqual(types(c).sort(), ["TRANSFER_IN_TRANSIT_AGED", "TRANSFER_IN_TRANSIT_AGED", "TRANSFER_IN_TRANSIT_AGED", "TRANSFER_RECEIPT_VARIANCE"]);
    assert.deepEqual(c.findings.map((f) => f.evidence.transferNumber).sort(), ["TO-5001", "TO-5002", "TO-5003", "TO-5004"]);
    assert.equal(c.title, "Carrier XPO lane DC-ATL → DC-DAL: 4 transfers late or short");
    assert.equal(c.recommendations[0].code, "TRACE_CARRIER");
  });
  it("keeps the lone FEDEX transfer in its own case and ignores the on-time one", () => {
    assert.deepEqual(types(byKey(drafts, "transfer:TO-5009:I-BRG-50")), ["TRANSFER_IN_TRANSIT_AGED"]);
    assert.ok(!drafts.some((d) => d.findings.some((f) => f.evidence.transferNumber === "TO-5010")));
    assert.equal(drafts.length, 2);
  });
});

describe("scenario c: a priority order split over two DCs, a slipped inbound and a credit hold", () => {
  const drafts = runDetection(compositeOrderScenario());
  it("forms ONE composite case for the order with both sites' shortages", () => {
    const withOrder = drafts.filter((d) => d.findings.some((f) => JSON.stringify(f.evidence).includes("SO-9100")));
    assert.equal(withOrder.length, 1);
    const c = withOrder[0];
    assert.equal(c.causeKey, "so:SO-9100");
    for (const t of ["SUPPLIER_PROMISE_SLIP", "CREDIT_HOLD_BLOCKING", "CUSTOMER_ORDER_AT_RISK", "STOCKOUT_DESPITE_INBOUND"]) assert.ok(types(c).includes(t), t);
    assert.deepEqual([...new Set(c.findings.map((f) => f.siteId))].sort(), ["L-ATL", "L-DAL"]);
    assert.equal(c.findings[0].type, "SUPPLIER_PROMISE_SLIP");
    assert.match(c.title, /^SO-9100 \(STRATEGIC\) blocked at DC-ATL \+ DC-DAL: credit hold \+ PO-7100 promise slipped/);
    assert.equal(drafts.length, 1);
  });
  it("the credit hold names the reserved units other orders need, and recommends releasing them", () => {
    const c = drafts[0];
    const credit = c.findings.find((f) => f.type === "CREDIT_HOLD_BLOCKING");
    assert.equal(credit?.evidence.blockingAllocatedUnits, 150);
    assert.ok(c.recommendations.some((r) => r.code === "RELEASE_CREDIT_RESERVATION" && r.actionType === "REALLOCATE" && r.payload?.quantity === 150));
    assert.ok(c.recommendations.some((r) => r.code === "ESCALATE_CREDIT_HOLD" && r.actionType === null));
  });
});

describe("scenario d: weather-driven spike on one family at one site", () => {
  const drafts = runDetection(weatherSpikeScenario());
  it("groups the three filter SKUs' spikes and shortages into one family case", () => {
    const c = byKey(drafts, "spike:MAINT-FILTERS:L-CHI");
    assert.equal(c.findings.filter((f) => f.type === "DEMAND_SPIKE").length, 3);
    assert.deepEqual([...new Set(c.findings.map((f) => f.itemId))].sort(), ["I-FLT-100", "I-FLT-200", "I-FLT-300"]);
    assert.ok(types(c).includes("CUSTOMER_ORDER_AT_RISK"));
    assert.match(c.title, /^Demand spike on 3 MAINT-FILTERS SKUs at DC-CHI/);
    assert.equal(c.recommendations[0].code, "TRANSFER_FROM_SURPLUS");
    assert.equal(c.recommendations[0].payload?.fromLocationId, "L-DAL");
  });
  it("keeps the unrelated pump spike out of the family case", () => {
    const pump = drafts.find((d) => d.findings.some((f) => f.itemId === "I-PUMP-9"));
    assert.equal(pump?.causeKey, "itemloc:I-PUMP-9:L-CHI");
  });
});

describe("scenario e: receiving variance above tolerance", () => {
  const drafts = runDetection(receivingVarianceScenario());
  it("flags the 88% receipt and not the 98% one", () => {
    assert.deepEqual(drafts.map((d) => d.causeKey), ["poline:POL-7300-1"]);
    const f = drafts[0].findings[0];
    assert.equal(f.type, "RECEIPT_QTY_VARIANCE");
    assert.equal(f.evidence.delta, -60);
    assert.equal(f.exposure, 360);
    assert.equal(drafts[0].recommendations[0].code, "CLAIM_SHORT_RECEIPT");
  });
});

describe("scenario f: repeated cycle-count variances in a fast pick face", () => {
  const drafts = runDetection(repeatCycleCountsScenario());
  it("makes one case with all four counts and their history; recount first", () => {
    assert.deepEqual(drafts.map((d) => d.causeKey), ["itemloc:I-TAPE:L-ATL"]);
    const c = drafts[0];
    assert.deepEqual(types(c), ["CYCLE_COUNT_VARIANCE", "CYCLE_COUNT_VARIANCE", "CYCLE_COUNT_VARIANCE", "CYCLE_COUNT_VARIANCE"]);
    assert.equal((c.findings[3].evidence.countHistory as unknown[]).length, 4);
    assert.equal(c.recommendations[0].code, "RECOUNT");
    assert.equal(c.recommendations[0].payload?.quantity, 90 + 60 + 110 + 60);
  });
});

describe("all scenarios", () => {
  it("are deterministic and build for any asOf", () => {
    for (const [name, build] of Object.entries(SCENARIOS)) {
      assert.deepEqual(runDetection(build()), runDetection(build()), name);
      const later = new Date("2027-03-02T10:00:00Z");
      assert.equal(runDetection(build(later)).length, runDetection(build()).length, name);
    }
  });
  it("every recommendation with an action type has a payload proposeActionSchema accepts", () => {
    for (const build of Object.values(SCENARIOS)) {
      for (const d of runDetection(build(), DEFAULT_SCORING_PARAMS)) {
        for (const r of d.recommendations) {
          if (!r.actionType) continue;
          const parsed = proposeActionSchema.safeParse({ caseId: "c", type: r.actionType, note: "from recommendation", ...r.payload });
          assert.ok(parsed.success, `${r.code}: ${JSON.stringify(parsed.error?.issues)}`);
        }
        assert.deepEqual(d.recommendations.map((r) => r.rank), d.recommendations.map((_, i) => i + 1));
      }
    }
  });
});
