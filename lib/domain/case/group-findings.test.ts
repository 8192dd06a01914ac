import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Finding } from "@/lib/domain/model/case-draft";
import { groupFindings } from "@/lib/domain/case/group-findings";
import { day } from "@/lib/domain/testing/fixtures";

function f(type: string, causeKey: string, over: Partial<Finding> = {}): Finding {
  return { type, fingerprint: `${type}:${causeKey}`, causeKey, siteId: "L1", itemId: "I1", supplierId: null, summary: type, evidence: {}, eventAt: day(-1), chainOrder: 0, exposure: 0, ...over };
}
const impact = (key: string) => ({ kind: "SERVICE" as const, key, units: 1, tStar: day(2), eta: null, gapDays: null, unitMargin: 1, penalty: 1, tierWeight: 1, unitCost: 1, suggestedAction: "EXPEDITE" });

describe("groupFindings", () => {
  it("moves an item-location's shortage findings under the PO line that covers it", () => {
    const groups = groupFindings([
      f("CUSTOMER_ORDER_AT_RISK", "itemloc:I1:L1", { impact: impact("shortage:I1:L1") }),
      f("STOCKOUT_DESPITE_INBOUND", "itemloc:I1:L1", { impact: impact("shortage:I1:L1"), evidence: { poLineId: "P9" } }),
      f("CYCLE_COUNT_VARIANCE", "itemloc:I1:L1", { impact: { ...impact("count:1"), kind: "FINANCIAL" } }),
      f("PO_PAST_DUE", "poline:P9", { eventAt: day(-1) }),
      f("PO_NO_ASN", "poline:P9", { eventAt: day(-3) }),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.causeKey, g.findings.map((x) => `${x.chainOrder}:${x.type}`)]),
      [
        ["itemloc:I1:L1", ["0:CYCLE_COUNT_VARIANCE"]],
        ["poline:P9", ["0:PO_NO_ASN", "1:PO_PAST_DUE", "2:STOCKOUT_DESPITE_INBOUND", "3:CUSTOMER_ORDER_AT_RISK"]],
      ],
    );
    assert.ok(groups[1].findings.every((x) => x.causeKey === "poline:P9"));
  });

  it("does not chain when the covering PO line has no execution finding", () => {
    const groups = groupFindings([f("STOCKOUT_DESPITE_INBOUND", "itemloc:I1:L1", { impact: impact("shortage:I1:L1"), evidence: { poLineId: "P9" } }), f("PO_NO_ASN", "poline:OTHER")]);
    assert.deepEqual(groups.map((g) => g.causeKey), ["itemloc:I1:L1", "poline:OTHER"]);
  });

  it("does not mutate its input", () => {
    const input = [f("STOCKOUT_NOW", "itemloc:I1:L1"), f("NEGATIVE_ON_HAND", "itemloc:I1:L1")];
    const [g] = groupFindings(input);
    assert.deepEqual(g.findings.map((x) => x.type), ["NEGATIVE_ON_HAND", "STOCKOUT_NOW"]);
    assert.equal(input[0].chainOrder, 0);
    assert.equal(input[1].chainOrder, 0);
    assert.notEqual(g.findings[1], input[0]);
  });
});
