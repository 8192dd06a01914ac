import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decideApproval } from "@/lib/domain/approval/policy";

const action = (over = {}) => ({ requestedById: "u1", valueUsd: 10_000, status: "PENDING_APPROVAL", ...over });

describe("decideApproval", () => {
  it("lets a supervisor approve someone else's action within the limit", () => {
    assert.deepEqual(decideApproval({ action: action(), approver: { id: "u2", role: "supervisor" } }), { allowed: true });
    assert.deepEqual(decideApproval({ action: action({ valueUsd: 50_000 }), approver: { id: "u2", role: "supervisor" } }), { allowed: true });
  });
  it("never allows self-approval, even for admins", () => {
    const d = decideApproval({ action: action(), approver: { id: "u1", role: "admin" } });
    assert.equal(d.allowed === false && d.code, "SELF_APPROVAL");
  });
  it("rejects non-approver roles and unknown roles", () => {
    for (const role of ["planner", "executive", "root"]) {
      const d = decideApproval({ action: action(), approver: { id: "u2", role } });
      assert.equal(d.allowed === false && d.code, "ROLE", role);
    }
  });
  it("enforces the supervisor limit but not for admins", () => {
    const d = decideApproval({ action: action({ valueUsd: 50_000.01 }), approver: { id: "u2", role: "supervisor" } });
    assert.equal(d.allowed === false && d.code, "LIMIT");
    assert.equal(decideApproval({ action: action({ valueUsd: 5_000_000 }), approver: { id: "u2", role: "admin" } }).allowed, true);
  });
  it("only decides pending actions", () => {
    const d = decideApproval({ action: action({ status: "APPROVED" }), approver: { id: "u2", role: "admin" } });
    assert.equal(d.allowed === false && d.code, "STATUS");
  });
});
