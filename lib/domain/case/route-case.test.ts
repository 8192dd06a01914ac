import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRoutingConditions, routeCase, ruleMatches, type RoutingRuleDef } from "@/lib/domain/case/route-case";

const rule = (over: Partial<RoutingRuleDef> & Pick<RoutingRuleDef, "id" | "position" | "team">): RoutingRuleDef => ({
  name: over.id,
  enabled: true,
  conditions: {},
  assigneeId: null,
  ...over,
});

const poCase = { primaryType: "PO_NO_ASN", siteId: "loc_atl", supplierId: "sup_1", score: 12_000 };

test("the first enabled matching rule by position wins, whatever the array order", () => {
  const rules = [
    rule({ id: "catch-all", position: 99, team: "planning" }),
    rule({ id: "procurement", position: 10, team: "procurement", assigneeId: "usr_buyer", conditions: { types: ["PO_NO_ASN", "PO_PAST_DUE"] } }),
    rule({ id: "disabled", position: 1, team: "nobody", enabled: false }),
  ];
  assert.deepEqual(routeCase(rules, poCase), { team: "procurement", assigneeId: "usr_buyer", autoRouted: true, ruleId: "procurement" });
  assert.equal(routeCase(rules, { ...poCase, primaryType: "STOCKOUT_NOW" }).team, "planning");
});

test("every present condition must hold: types, sites, suppliers and minimum score", () => {
  const c = { types: ["PO_NO_ASN"], siteIds: ["loc_atl"], supplierIds: ["sup_1"], minScore: 10_000 };
  assert.equal(ruleMatches(c, poCase), true);
  assert.equal(ruleMatches(c, { ...poCase, siteId: "loc_dal" }), false);
  assert.equal(ruleMatches(c, { ...poCase, supplierId: null }), false);
  assert.equal(ruleMatches(c, { ...poCase, score: 9_999.99 }), false);
  assert.equal(ruleMatches(c, { ...poCase, primaryType: "ASN_OVERDUE" }), false);
  assert.equal(ruleMatches({}, poCase), true, "no conditions = matches everything");
});

test("no matching rule sends the case to triage, not auto-routed", () => {
  const rules = [rule({ id: "big", position: 1, team: "escalations", conditions: { minScore: 50_000 } })];
  assert.deepEqual(routeCase(rules, poCase), { team: "triage", assigneeId: null, autoRouted: false, ruleId: null });
  assert.deepEqual(routeCase([], poCase).team, "triage");
});

test("stored conditions are parsed strictly: a malformed rule never matches", () => {
  assert.deepEqual(parseRoutingConditions({ types: ["PO_NO_ASN"], minScore: 5 }), { types: ["PO_NO_ASN"], minScore: 5 });
  assert.deepEqual(parseRoutingConditions({}), {});
  assert.equal(parseRoutingConditions({ types: "PO_NO_ASN" }), null);
  assert.equal(parseRoutingConditions({ minScore: "5000" }), null);
  assert.equal(parseRoutingConditions(null), null);
  assert.equal(parseRoutingConditions([1, 2]), null);
});
