import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ACCOUNT_RULES, beginAttempt, lockedMessage, recordFailure, recordSuccess, throttleKey, type ThrottleState } from "@/lib/domain/auth/login-throttle";

const t0 = new Date("2026-12-06T12:00:00Z");
const plus = (min: number) => new Date(t0.getTime() + min * 60_000);

/** n failed attempts in a row, one a minute. */
function fail(n: number, start: ThrottleState | null = null) {
  let state = start;
  const log: { allowed: boolean; lockedNow: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    const begun = beginAttempt(state, ACCOUNT_RULES, plus(i));
    state = begun.state;
    let lockedNow = begun.lockedNow;
    if (begun.allowed) {
      const f = recordFailure(state, ACCOUNT_RULES, plus(i));
      state = f.state;
      lockedNow ||= f.lockedNow;
    }
    log.push({ allowed: begun.allowed, lockedNow });
  }
  return { state: state!, log };
}

describe("login throttle", () => {
  it("checks 5 failed attempts, locks on the 5th, refuses the 6th unchecked", () => {
    const { state, log } = fail(6);
    assert.deepEqual(log.map((l) => l.allowed), [true, true, true, true, true, false]);
    assert.deepEqual(log.map((l) => l.lockedNow), [false, false, false, false, true, false]);
    assert.deepEqual(state.lockedUntil, plus(4 + 15));
  });
  it("the lock ends after 15 minutes and the count starts over", () => {
    const { state } = fail(5);
    assert.equal(beginAttempt(state, ACCOUNT_RULES, plus(18)).allowed, false);
    const after = beginAttempt(state, ACCOUNT_RULES, plus(20));
    assert.equal(after.allowed, true);
    assert.equal(after.state.failures, 1);
  });
  it("failures spread beyond the window do not add up", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 10; i++) {
      const r = beginAttempt(state, ACCOUNT_RULES, plus(i * 16));
      assert.equal(r.allowed, true, `attempt ${i}`);
      state = recordFailure(r.state, ACCOUNT_RULES, plus(i * 16)).state;
    }
  });
  it("parallel attempts are counted before checking: the one past the limit is refused and locks", () => {
    let state: ThrottleState | null = null;
    const allowed: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      const r = beginAttempt(state, ACCOUNT_RULES, t0); // all begun before any finished
      state = r.state;
      allowed.push(r.allowed);
    }
    assert.deepEqual(allowed, [true, true, true, true, true, false, false, false]);
  });
  it("a success clears the account and gives the address its attempt back", () => {
    const state = { failures: 3, windowStart: t0, lockedUntil: null };
    assert.equal(recordSuccess(state, "account"), null);
    assert.equal(recordSuccess(state, "ip")?.failures, 2);
  });
  it("keys are case-insensitive and the message says how long", () => {
    assert.equal(throttleKey("account", " Planner@Demo.local "), "account:planner@demo.local");
    assert.match(lockedMessage(plus(15), t0), /locked for 15 more minutes/);
    assert.match(lockedMessage(plus(0.2), t0), /locked for 1 more minute;/);
  });
});
