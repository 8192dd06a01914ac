import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_APPROVAL_POLICY as P, type ApprovalPolicy } from "@/lib/domain/approval/policy";
import { diffPolicies } from "@/lib/domain/approval/policy-diff";

describe("diffPolicies", () => {
  it("finds nothing between equal versions (the version number is not a change)", () => {
    assert.deepEqual(diffPolicies(P, { ...structuredClone(P), version: 7 }), []);
  });

  it("lists changed settings, rule fields by rule id, added and removed rules, and a reorder", () => {
    const next: ApprovalPolicy = structuredClone(P);
    next.version = 2;
    next.expiryHours = 48;
    next.autoApprove.types = ["HOLD", "RECOUNT"];
    next.rules[1].when.valueAboveUsd = 20_000;
    next.rules.splice(2, 1);
    next.rules.unshift({ id: "any-over-100k", name: "Anything over $100k", when: { types: [], valueAboveUsd: 100_000, quantityAbove: null, siteCodes: [], fromCustomerTiers: [] }, levels: ["supervisor", "finance"] });
    const changes = diffPolicies(P, next);
    const byPath = new Map(changes.map((c) => [c.path, c]));
    assert.deepEqual(byPath.get("expiryHours"), { path: "expiryHours", kind: "changed", before: 72, after: 48 });
    assert.deepEqual(byPath.get("autoApprove.types")?.after, ["HOLD", "RECOUNT"]);
    assert.deepEqual(byPath.get("rules.adjust-over-25k.when.valueAboveUsd"), { path: "rules.adjust-over-25k.when.valueAboveUsd", kind: "changed", before: 25_000, after: 20_000 });
    assert.equal(byPath.get("rules.reallocate-from-strategic")?.kind, "removed");
    assert.equal(byPath.get("rules.any-over-100k")?.kind, "added");
    assert.equal(byPath.has("rules.order"), false, "adding a rule in front does not reorder the others");
    assert.equal(changes.length, 5);

    const swapped: ApprovalPolicy = { ...structuredClone(P), rules: [P.rules[1], P.rules[0], P.rules[2]] };
    assert.deepEqual(diffPolicies(P, swapped), [{ path: "rules.order", kind: "changed", before: ["adjust-over-5k", "adjust-over-25k", "reallocate-from-strategic"], after: ["adjust-over-25k", "adjust-over-5k", "reallocate-from-strategic"] }]);
  });
});
