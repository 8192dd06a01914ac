import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { hasPermission, landingPath, PERMISSIONS, seesAllSites } from "@/lib/domain/auth/permissions";

describe("permissions", () => {
  it("matches the role matrix", () => {
    const granted = (role: string) => PERMISSIONS.filter((p) => hasPermission(role, p));
    assert.deepEqual(granted("planner"), ["cases.read", "cases.triage", "cases.propose", "cases.comment"]);
    assert.deepEqual(granted("supervisor"), ["cases.read", "cases.triage", "cases.propose", "cases.comment", "actions.approve", "cases.close", "writeback.retry", "kpi.read", "audit.read"]);
    assert.deepEqual(granted("finance"), ["cases.read", "cases.comment", "actions.approve", "kpi.read", "audit.read"]);
    assert.deepEqual(granted("executive"), ["cases.read", "kpi.read", "audit.read"]);
    assert.deepEqual(granted("admin"), [...PERMISSIONS]);
  });
  it("fails closed on unknown roles and permissions", () => {
    assert.equal(hasPermission("superuser", "cases.read"), false);
    assert.equal(hasPermission(undefined, "cases.read"), false);
    assert.equal(hasPermission("admin", "cases.delete"), false);
    assert.equal(seesAllSites("superuser"), false);
  });
  it("site visibility and landing pages", () => {
    assert.deepEqual(["planner", "supervisor", "finance", "executive", "admin"].map(seesAllSites), [false, false, true, true, true]);
    assert.deepEqual(["planner", "supervisor", "finance", "executive", "admin", "x"].map(landingPath), ["/cases", "/approvals", "/approvals", "/kpi", "/admin", "/login"]);
  });
});
