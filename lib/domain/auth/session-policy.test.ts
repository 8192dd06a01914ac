import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { sessionMaxAgeHours, sessionProblem } from "@/lib/domain/auth/session-policy";

const now = new Date("2026-12-06T12:00:00Z");
const at = (hoursAgo: number) => Math.floor(now.getTime() / 1000) - hoursAgo * 3600;
const user = { active: true, sessionVersion: 3 };

describe("session policy", () => {
  it("accepts a current session of an active user", () => {
    assert.equal(sessionProblem({ userId: "u", sessionVersion: 3, authTime: at(1) }, user, now, 12), null);
  });
  it("ends sessions at an absolute lifetime counted from sign-in", () => {
    assert.equal(sessionProblem({ userId: "u", sessionVersion: 3, authTime: at(11.9) }, user, now, 12), null);
    assert.equal(sessionProblem({ userId: "u", sessionVersion: 3, authTime: at(12.1) }, user, now, 12), "expired");
    assert.equal(sessionProblem({ userId: "u", sessionVersion: 3, authTime: at(2) }, user, now, 1), "expired");
  });
  it("refuses a session issued before the user's sessions were revoked", () => {
    assert.equal(sessionProblem({ userId: "u", sessionVersion: 2, authTime: at(1) }, user, now, 12), "revoked");
  });
  it("refuses deactivated users whatever the token says", () => {
    assert.equal(sessionProblem({ userId: "u", sessionVersion: 3, authTime: at(1) }, { active: false, sessionVersion: 3 }, now, 12), "inactive");
  });
  it("fails closed on tokens without the claims (issued before they existed) or from the future", () => {
    assert.equal(sessionProblem({ userId: "u", sessionVersion: null, authTime: at(1) }, user, now, 12), "revoked");
    assert.equal(sessionProblem({ userId: "u", sessionVersion: 3, authTime: null }, user, now, 12), "expired");
    assert.equal(sessionProblem({ userId: "u", sessionVersion: 3, authTime: at(-1) }, user, now, 12), "expired");
  });
  it("reads SESSION_MAX_AGE_HOURS leniently", () => {
    assert.equal(sessionMaxAgeHours(undefined), 12);
    assert.equal(sessionMaxAgeHours("abc"), 12);
    assert.equal(sessionMaxAgeHours("0"), 12);
    assert.equal(sessionMaxAgeHours("8"), 8);
    assert.equal(sessionMaxAgeHours("0.5"), 0.5);
  });
});
