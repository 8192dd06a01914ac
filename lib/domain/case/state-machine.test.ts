import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertTransition, canTransition, CASE_STATUSES, InvalidTransitionError, nextStatuses } from "@/lib/domain/case/state-machine";

describe("case state machine", () => {
  it("allows exactly the documented transitions", () => {
    const allowed = new Set(["OPEN>PENDING_APPROVAL", "OPEN>RESOLVED", "PENDING_APPROVAL>ACTION_APPROVED", "PENDING_APPROVAL>OPEN", "ACTION_APPROVED>RESOLVED", "RESOLVED>OPEN"]);
    for (const from of CASE_STATUSES) for (const to of CASE_STATUSES) assert.equal(canTransition(from, to), allowed.has(`${from}>${to}`), `${from}>${to}`);
  });
  it("fails closed on unknown statuses", () => {
    assert.equal(canTransition("CLOSED", "OPEN"), false);
    assert.equal(canTransition("OPEN", "CLOSED"), false);
    assert.deepEqual(nextStatuses("nope"), []);
  });
  it("assertTransition throws a typed error with from/to", () => {
    assert.doesNotThrow(() => assertTransition("OPEN", "RESOLVED"));
    assert.throws(
      () => assertTransition("RESOLVED", "ACTION_APPROVED"),
      (e: unknown) => e instanceof InvalidTransitionError && e.from === "RESOLVED" && e.to === "ACTION_APPROVED" && e.code === "INVALID_TRANSITION",
    );
  });
});
