import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_APPROVAL_POLICY,
  approvalPolicySchema,
  decideApproval,
  expiresAtFor,
  parsePolicy,
  readRequiredLevels,
  requiredApprovals,
  type ActionContext,
  type ActionFacts,
  type ApprovalPolicy,
  type DecideApprovalInput,
  type DecisionAction,
} from "@/lib/domain/approval/policy";

const P = DEFAULT_APPROVAL_POLICY;
const ctx = (over: Partial<ActionContext> = {}): ActionContext => ({ siteCode: "DC-ATL", caseConfidence: 1, fromCustomerTiers: [], ...over });
const act = (over: Partial<ActionFacts> = {}): ActionFacts => ({ type: "EXPEDITE", valueUsd: 1_000, quantity: 10, ...over });
const roles = (r: { levels: { role: string }[] }) => r.levels.map((l) => l.role);

describe("requiredApprovals: thresholds and levels", () => {
  it("needs a supervisor by default", () => {
    const r = requiredApprovals(P, act(), ctx());
    assert.deepEqual(r.levels, [{ level: 1, role: "supervisor" }]);
    assert.equal(r.autoApproved, false);
    assert.match(r.reason, /No rule matched: default approval by supervisor/);
  });

  it("ADJUST: ≤ $5,000 default, > $5,000 supervisor by rule, > $25,000 supervisor then finance", () => {
    assert.deepEqual(requiredApprovals(P, act({ type: "ADJUST", valueUsd: 5_000 }), ctx()).matchedRuleIds, [], "the threshold is strictly greater");
    const mid = requiredApprovals(P, act({ type: "ADJUST", valueUsd: 5_000.01 }), ctx());
    assert.deepEqual(roles(mid), ["supervisor"]);
    assert.deepEqual(mid.matchedRuleIds, ["adjust-over-5k"]);
    assert.match(mid.reason, /Stock adjustment over \$5,000/);
    const big = requiredApprovals(P, act({ type: "ADJUST", valueUsd: 30_000 }), ctx());
    assert.deepEqual(big.levels, [
      { level: 1, role: "supervisor" },
      { level: 2, role: "finance" },
    ]);
    assert.deepEqual(big.matchedRuleIds, ["adjust-over-5k", "adjust-over-25k"]);
    assert.match(big.reason, /over \$25,000.*value \$30,000 > \$25,000.*supervisor, then finance/);
    assert.match(big.reason, /the strictest applies/);
  });

  it("REALLOCATE away from a STRATEGIC customer needs a supervisor even when small; other tiers follow the default", () => {
    const r = requiredApprovals(P, act({ type: "REALLOCATE", valueUsd: 10 }), ctx({ fromCustomerTiers: ["KEY", "STRATEGIC"] }));
    assert.deepEqual(r.matchedRuleIds, ["reallocate-from-strategic"]);
    assert.match(r.reason, /takes stock from STRATEGIC customer orders/);
    assert.deepEqual(requiredApprovals(P, act({ type: "REALLOCATE", valueUsd: 10 }), ctx({ fromCustomerTiers: ["KEY"] })).matchedRuleIds, []);
    // Tiers only mean something for a reallocation.
    assert.deepEqual(requiredApprovals(P, act({ type: "TRANSFER" }), ctx({ fromCustomerTiers: ["STRATEGIC"] })).matchedRuleIds, []);
  });

  it("matches on quantity and site, and the rule with the most levels wins", () => {
    const policy: ApprovalPolicy = {
      ...P,
      rules: [
        { id: "atl-big-qty", name: "Big quantity at Atlanta", when: { types: [], valueAboveUsd: null, quantityAbove: 500, siteCodes: ["DC-ATL"], fromCustomerTiers: [] }, levels: ["supervisor", "finance"] },
        { id: "any-transfer", name: "Any transfer", when: { types: ["TRANSFER"], valueAboveUsd: null, quantityAbove: null, siteCodes: [], fromCustomerTiers: [] }, levels: ["supervisor"] },
      ],
    };
    assert.deepEqual(roles(requiredApprovals(policy, act({ type: "TRANSFER", quantity: 501 }), ctx())), ["supervisor", "finance"]);
    assert.deepEqual(requiredApprovals(policy, act({ type: "TRANSFER", quantity: 500 }), ctx()).matchedRuleIds, ["any-transfer"]);
    assert.deepEqual(requiredApprovals(policy, act({ type: "TRANSFER", quantity: 501 }), ctx({ siteCode: "DC-NJ" })).matchedRuleIds, ["any-transfer"]);
  });

  it("adds a final level when the last role's limit is below the value", () => {
    const r = requiredApprovals(P, act({ valueUsd: 60_000 }), ctx());
    assert.deepEqual(roles(r), ["supervisor", "finance"]);
    assert.match(r.reason, /above the supervisor limit of \$50,000, so finance gives the final approval/);
    // Nobody but an admin can cover it when finance is limited too.
    const capped: ApprovalPolicy = { ...P, approverLimitsUsd: { supervisor: 50_000, finance: 100_000 } };
    assert.deepEqual(roles(requiredApprovals(capped, act({ valueUsd: 200_000 }), ctx())), ["supervisor", "admin"]);
    assert.deepEqual(roles(requiredApprovals(capped, act({ valueUsd: 80_000 }), ctx())), ["supervisor", "finance"]);
  });
});

describe("requiredApprovals: auto-approve", () => {
  it("auto-approves low-risk, high-confidence actions and says why", () => {
    const r = requiredApprovals(P, act({ type: "HOLD", valueUsd: 0 }), ctx({ caseConfidence: 0.95 }));
    assert.equal(r.autoApproved, true);
    assert.deepEqual(r.levels, []);
    assert.match(r.reason, /Auto-approved by policy v1: a hold of \$0 \(≤ \$1,000\) on a case with confidence 0\.95 \(≥ 0\.90\)/);
  });

  it("does not auto-approve below the confidence, above the value, for other types, when disabled, or when a rule matches", () => {
    const low = requiredApprovals(P, act({ type: "HOLD", valueUsd: 0 }), ctx({ caseConfidence: 0.7 }));
    assert.equal(low.autoApproved, false);
    assert.match(low.reason, /Not auto-approved: case confidence 0\.70 < 0\.90/);
    const policy: ApprovalPolicy = { ...P, autoApprove: { ...P.autoApprove, types: ["HOLD", "RECOUNT"] } };
    assert.equal(requiredApprovals(policy, act({ type: "RECOUNT", valueUsd: 1_000.01 }), ctx()).autoApproved, false);
    assert.equal(requiredApprovals(policy, act({ type: "RECOUNT", valueUsd: 1_000 }), ctx()).autoApproved, true);
    assert.equal(requiredApprovals(P, act({ type: "RECOUNT", valueUsd: 0 }), ctx()).autoApproved, false);
    assert.equal(requiredApprovals({ ...P, autoApprove: { ...P.autoApprove, enabled: false } }, act({ type: "HOLD", valueUsd: 0 }), ctx()).autoApproved, false);
    const ruled: ApprovalPolicy = {
      ...P,
      rules: [{ id: "atl-holds", name: "Holds at Atlanta", when: { types: ["HOLD"], valueAboveUsd: null, quantityAbove: null, siteCodes: ["DC-ATL"], fromCustomerTiers: [] }, levels: ["supervisor"] }],
    };
    assert.equal(requiredApprovals(ruled, act({ type: "HOLD", valueUsd: 0 }), ctx()).autoApproved, false, "a rule always wins over auto-approval");
  });
});

describe("policy document", () => {
  it("the default policy passes its own schema", () => {
    assert.equal(approvalPolicySchema.safeParse(P).success, true);
  });

  it("names the field of every problem", () => {
    const bad = parsePolicy({
      ...P,
      expiryHours: 0,
      rules: [
        { ...P.rules[0], id: "Bad Id" },
        { ...P.rules[1], id: "adjust-over-25k", levels: [] },
        { ...P.rules[1], id: "adjust-over-25k", when: { ...P.rules[1].when, fromCustomerTiers: ["STRATEGIC"] } },
      ],
    });
    assert.equal(bad.success, false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    for (const p of ["expiryHours", "rules.0.id", "rules.1.levels", "rules.2.id", "rules.2.when.fromCustomerTiers"]) assert.ok(paths.includes(p), `${p} in ${paths.join(", ")}`);
  });

  it("takes the version from the stored row and defaults omitted conditions", () => {
    const parsed = parsePolicy({ ...P, version: 99, rules: [{ id: "x", name: "All expedites", when: { types: ["EXPEDITE"] }, levels: ["finance"] }] }, 4);
    assert.ok(parsed.success);
    assert.equal(parsed.data.version, 4);
    assert.deepEqual(parsed.data.rules[0].when, { types: ["EXPEDITE"], valueAboveUsd: null, quantityAbove: null, siteCodes: [], fromCustomerTiers: [] });
  });

  it("reads stored levels defensively and computes expiry", () => {
    assert.deepEqual(readRequiredLevels([{ level: 2, role: "finance" }, { level: 1, role: "supervisor" }, { level: 3, role: "root" }, null]), [
      { level: 1, role: "supervisor" },
      { level: 2, role: "finance" },
    ]);
    assert.deepEqual(readRequiredLevels("nope"), []);
    assert.equal(expiresAtFor(P, new Date("2030-01-01T00:00:00Z")).toISOString(), "2030-01-04T00:00:00.000Z");
  });
});

// ───────────────────────────── decideApproval ─────────────────────────────

const NOW = new Date("2030-01-01T12:00:00Z");
const twoLevels = [
  { level: 1, role: "supervisor" as const },
  { level: 2, role: "finance" as const },
];
const action = (over: Partial<DecisionAction> = {}): DecisionAction => ({
  status: "PENDING_APPROVAL",
  requestedById: "planner",
  editedByIds: [],
  valueUsd: 10_000,
  requiredLevels: [{ level: 1, role: "supervisor" }],
  currentLevel: 1,
  expiresAt: new Date("2030-01-02T00:00:00Z"),
  otherLevelDeciderIds: [],
  ...over,
});
const decide = (over: Partial<DecideApprovalInput> & { action?: DecisionAction } = {}) =>
  decideApproval(P, { action: action(), approver: { id: "sup", role: "supervisor" }, level: 1, decision: "APPROVE", now: NOW, ...over });
const code = (v: ReturnType<typeof decideApproval>) => (v.allowed ? "ALLOWED" : v.code);

describe("decideApproval", () => {
  it("lets a supervisor approve someone else's single-level request within the limit", () => {
    assert.deepEqual(decide(), { allowed: true, actingAs: "supervisor", final: true, nextStatus: "APPROVED", nextLevel: 2 });
    assert.equal(code(decide({ action: action({ valueUsd: 50_000 }) })), "ALLOWED");
  });

  it("walks a two-level request: supervisor passes it on, finance signs off", () => {
    const first = decide({ action: action({ requiredLevels: twoLevels, valueUsd: 80_000 }) });
    assert.deepEqual(first, { allowed: true, actingAs: "supervisor", final: false, nextStatus: "PENDING_APPROVAL", nextLevel: 2 }, "the limit binds the final approver only");
    const second = decide({ action: action({ requiredLevels: twoLevels, valueUsd: 80_000, currentLevel: 2, otherLevelDeciderIds: ["sup"] }), approver: { id: "fin", role: "finance" }, level: 2 });
    assert.deepEqual(second, { allowed: true, actingAs: "finance", final: true, nextStatus: "APPROVED", nextLevel: 3 });
  });

  it("requester ≠ approver for every role, admins included, and for every decision", () => {
    for (const role of ["supervisor", "admin"]) {
      for (const decision of ["APPROVE", "REJECT", "REQUEST_CHANGES"] as const) {
        const v = decide({ action: action({ requestedById: "me" }), approver: { id: "me", role }, decision, reason: "because" });
        assert.equal(code(v), "SELF_APPROVAL", `${role} ${decision}`);
      }
    }
  });

  it("an approver who edited the action cannot decide it, admin or not", () => {
    for (const role of ["supervisor", "admin"]) assert.equal(code(decide({ action: action({ editedByIds: ["planner", "ed"] }), approver: { id: "ed", role } })), "EDITED_BY_APPROVER");
  });

  it("the same person cannot decide two levels of one action", () => {
    const v = decide({ action: action({ requiredLevels: twoLevels, currentLevel: 2, otherLevelDeciderIds: ["boss"] }), approver: { id: "boss", role: "admin" }, level: 2 });
    assert.equal(code(v), "SAME_PERSON");
  });

  it("the level's role must match; admins may act as any level", () => {
    assert.equal(code(decide({ approver: { id: "fin", role: "finance" } })), "ROLE");
    for (const role of ["planner", "executive", "root", ""]) assert.equal(code(decide({ approver: { id: "x", role } })), "ROLE", role);
    const atFinance = action({ requiredLevels: twoLevels, currentLevel: 2 });
    assert.equal(code(decide({ action: atFinance, level: 2 })), "ROLE", "a supervisor cannot decide the finance level");
    const admin = decide({ action: atFinance, level: 2, approver: { id: "adm", role: "admin" } });
    assert.ok(admin.allowed && admin.actingAs === "finance" && admin.final);
  });

  it("enforces the final approver's limit on approvals only; admins are unlimited", () => {
    const big = action({ valueUsd: 50_000.01 });
    const v = decide({ action: big });
    assert.equal(code(v), "LIMIT");
    assert.match(!v.allowed ? v.message : "", /\$50,000.01 exceeds the supervisor approval limit of \$50,000/);
    assert.equal(code(decide({ action: big, decision: "REJECT", reason: "too much" })), "ALLOWED", "anyone at the level may reject");
    assert.equal(code(decide({ action: action({ valueUsd: 5e9 }), approver: { id: "adm", role: "admin" } })), "ALLOWED");
  });

  it("only decides pending, unexpired requests at the level the approver saw", () => {
    for (const status of ["APPROVED", "REJECTED", "CHANGES_REQUESTED", "EXPIRED", "CANCELLED"]) assert.equal(code(decide({ action: action({ status }) })), "STATUS", status);
    assert.equal(code(decide({ action: action({ expiresAt: NOW }) })), "EXPIRED", "expiry is inclusive");
    assert.equal(code(decide({ action: action({ expiresAt: new Date(NOW.getTime() + 1) }) })), "ALLOWED");
    assert.equal(code(decide({ action: action({ expiresAt: null }) })), "ALLOWED", "no expiry set");
    assert.equal(code(decide({ action: action({ requiredLevels: twoLevels, currentLevel: 2 }), level: 1 })), "STALE_LEVEL");
    assert.equal(code(decide({ action: action({ requiredLevels: [], currentLevel: 1 }) })), "STALE_LEVEL", "an action with no levels has nothing to decide");
  });

  it("rejecting and requesting changes need a reason", () => {
    assert.equal(code(decide({ decision: "REJECT" })), "REASON_REQUIRED");
    assert.equal(code(decide({ decision: "REQUEST_CHANGES", reason: "  x " })), "REASON_REQUIRED");
    const rc = decide({ decision: "REQUEST_CHANGES", reason: "Halve the quantity" });
    assert.deepEqual(rc, { allowed: true, actingAs: "supervisor", final: false, nextStatus: "CHANGES_REQUESTED", nextLevel: 1 });
    const rj = decide({ action: action({ requiredLevels: twoLevels }), decision: "REJECT", reason: "Not needed" });
    assert.ok(rj.allowed && rj.nextStatus === "REJECTED");
  });
});
