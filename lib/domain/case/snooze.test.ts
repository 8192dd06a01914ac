import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeSnoozeConditions, isSnoozed, scoreWakeThreshold, shouldWake, snoozeRequestProblem, type SnoozeFields } from "@/lib/domain/case/snooze";

const now = new Date("2026-11-25T12:00:00Z");
const snoozed = (over: Partial<SnoozeFields> = {}): SnoozeFields => ({
  snoozedAt: new Date("2026-11-25T08:00:00Z"),
  snoozeUntil: null,
  snoozeOnChange: false,
  snoozeScoreRisePct: null,
  snoozeScoreBase: null,
  ...over,
});

describe("snooze requests", () => {
  it("needs at least one wake condition", () => {
    assert.match(snoozeRequestProblem({}, now)!, /at least one wake condition/);
    assert.match(snoozeRequestProblem({ onChange: false, until: null, scoreRisePct: null }, now)!, /at least one/);
    assert.equal(snoozeRequestProblem({ onChange: true }, now), null);
    assert.equal(snoozeRequestProblem({ scoreRisePct: 20 }, now), null);
  });

  it("refuses a date that is not in the future and a rise outside 1..1000%", () => {
    assert.match(snoozeRequestProblem({ until: now }, now)!, /in the future/);
    assert.match(snoozeRequestProblem({ until: new Date("2026-11-24T00:00:00Z") }, now)!, /in the future/);
    assert.equal(snoozeRequestProblem({ until: new Date("2026-11-26T00:00:00Z") }, now), null);
    assert.match(snoozeRequestProblem({ scoreRisePct: 0 }, now)!, /between 1% and 1000%/);
    assert.match(snoozeRequestProblem({ scoreRisePct: 1001 }, now)!, /between/);
    assert.equal(snoozeRequestProblem({ scoreRisePct: 1000 }, now), null);
  });
});

describe("shouldWake", () => {
  it("never wakes a case that is not snoozed", () => {
    const fields = { ...snoozed({ snoozeUntil: new Date("2026-11-01T00:00:00Z"), snoozeOnChange: true }), snoozedAt: null };
    assert.equal(isSnoozed(fields), false);
    assert.deepEqual(shouldWake(fields, { now, score: 1e9, objectsChanged: true }), { wake: false });
  });

  it("wakes when the date passed (exactly at the date too), not before", () => {
    const until = new Date("2026-11-25T12:00:00Z");
    const s = snoozed({ snoozeUntil: until });
    assert.deepEqual(shouldWake(s, { now: new Date(until.getTime() - 1), score: 100, objectsChanged: false }), { wake: false });
    const woke = shouldWake(s, { now: until, score: 100, objectsChanged: false });
    assert.equal(woke.wake, true);
    assert.equal(woke.wake && woke.trigger, "DATE_PASSED");
    assert.equal(woke.wake && woke.reason, "The snooze date 2026-11-25 12:00 UTC passed.");
  });

  it("wakes when the score rose by at least the asked percentage over the base", () => {
    const s = snoozed({ snoozeScoreRisePct: 20, snoozeScoreBase: 1000 });
    assert.equal(scoreWakeThreshold(1000, 20), 1200);
    assert.deepEqual(shouldWake(s, { now, score: 1199.99, objectsChanged: false }), { wake: false });
    assert.deepEqual(shouldWake(s, { now, score: 500, objectsChanged: false }), { wake: false }, "a falling score does not wake");
    const woke = shouldWake(s, { now, score: 1350, objectsChanged: false });
    assert.equal(woke.wake && woke.trigger, "SCORE_ROSE");
    assert.equal(woke.wake && woke.reason, "Score rose 35% (1000 → 1350); the snooze asked to wake at +20%.");
    assert.equal(shouldWake(s, { now, score: 1200, objectsChanged: false }).wake, true, "exactly the threshold wakes");
  });

  it("a zero base wakes on any positive score", () => {
    const s = snoozed({ snoozeScoreRisePct: 50, snoozeScoreBase: 0 });
    assert.equal(shouldWake(s, { now, score: 0, objectsChanged: false }).wake, false);
    const woke = shouldWake(s, { now, score: 10, objectsChanged: false });
    assert.equal(woke.wake && woke.reason, "Score rose from zero (0 → 10); the snooze asked to wake at +50%.");
  });

  it("wakes on a source change only when the snooze asked for it", () => {
    assert.equal(shouldWake(snoozed({ snoozeScoreRisePct: 10, snoozeScoreBase: 100 }), { now, score: 100, objectsChanged: true }).wake, false);
    const woke = shouldWake(snoozed({ snoozeOnChange: true }), { now, score: 100, objectsChanged: true });
    assert.equal(woke.wake && woke.trigger, "SOURCE_CHANGED");
    assert.equal(shouldWake(snoozed({ snoozeOnChange: true }), { now, score: 100, objectsChanged: false }).wake, false);
  });

  it("names the most specific trigger when several fire", () => {
    const all = snoozed({ snoozeOnChange: true, snoozeUntil: new Date("2026-11-01T00:00:00Z"), snoozeScoreRisePct: 10, snoozeScoreBase: 100 });
    const a = shouldWake(all, { now, score: 500, objectsChanged: true });
    assert.equal(a.wake && a.trigger, "SOURCE_CHANGED");
    const b = shouldWake(all, { now, score: 500, objectsChanged: false });
    assert.equal(b.wake && b.trigger, "SCORE_ROSE");
    const c = shouldWake(all, { now, score: 50, objectsChanged: false });
    assert.equal(c.wake && c.trigger, "DATE_PASSED");
  });
});

describe("describeSnoozeConditions", () => {
  it("joins the conditions in words", () => {
    assert.equal(
      describeSnoozeConditions({ snoozeUntil: new Date("2026-11-30T09:00:00Z"), snoozeOnChange: true, snoozeScoreRisePct: 20 }),
      "until 2026-11-30 09:00 UTC, or a source record changes, or the score rises 20%",
    );
    assert.equal(describeSnoozeConditions({ snoozeUntil: null, snoozeOnChange: true, snoozeScoreRisePct: null }), "until a source record changes");
    assert.equal(describeSnoozeConditions({ snoozeUntil: null, snoozeOnChange: false, snoozeScoreRisePct: 15 }), "until the score rises 15%");
  });
});
