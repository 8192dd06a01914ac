import { test } from "node:test";
import assert from "node:assert/strict";
import { describeEvent, eventLabel } from "@/lib/case-view/describe-event";

test("rescored shows old → new score, the change and a severity move", () => {
  assert.equal(describeEvent("RESCORED", { from: 1000, to: 1500, severityFrom: "MEDIUM", severityTo: "HIGH" }), "Rescored from $1,000 to $1,500 (+50%); severity Medium → High.");
  assert.equal(describeEvent("RESCORED", { from: 2000, to: 1500, severityFrom: "HIGH", severityTo: "HIGH" }), "Rescored from $2,000 to $1,500 (−25%).");
  assert.equal(describeEvent("RESCORED", {}), "Rescored from — to —.");
});

test("escalated names the level and the SLA that was missed (escalate job's data shape)", () => {
  const data = { level: 2, from: 1, slaDueAt: "2026-11-25T07:00:00.000Z", reason: "past 2× SLA" };
  assert.equal(describeEvent("ESCALATED", data), "Escalated to level 2: past twice its SLA (SLA was due 2026-11-25 07:00 UTC).");
  assert.equal(describeEvent("ESCALATED", { level: 1 }), "Escalated to level 1: past its SLA, supervisor notified.");
  assert.equal(eventLabel("ESCALATED", data), "Escalated");
});

test("a resolution by detection reads as auto-resolved; a person's does not", () => {
  const auto = { reason: "CONDITION_CLEARED", by: "detection" };
  assert.equal(eventLabel("RESOLVED", auto), "Auto-resolved");
  assert.equal(describeEvent("RESOLVED", auto), "Auto-resolved: detection no longer finds the condition.");
  assert.equal(eventLabel("AUTO_RESOLVED", {}), "Auto-resolved");
  assert.equal(eventLabel("RESOLVED", { reason: "ACTION_COMPLETED", by: "Sam" }), "Resolved");
  assert.equal(describeEvent("RESOLVED", { reason: "ACTION_COMPLETED", by: "Sam" }), "Resolved: action completed (by Sam).");
});

test("detected says where routing sent the case", () => {
  assert.equal(
    describeEvent("DETECTED", { types: ["PO_NO_ASN", "STOCKOUT_DESPITE_INBOUND"], score: 1234, severity: "HIGH", team: "procurement" }),
    "Detected PO no ASN, Stockout despite inbound; scored $1,234 (High); routed to procurement.",
  );
  assert.match(describeEvent("DETECTED", { types: [], team: "triage" }), /sent to triage/);
});

test("unknown types and malformed data still give a sentence", () => {
  assert.equal(describeEvent("SOMETHING_NEW", null), "Something new.");
  assert.equal(describeEvent("ACTION_PROPOSED", "garbage"), "Proposed an action of ? units (value —).");
  assert.equal(describeEvent("COMMENTED", { body: "Called the DC" }), "Called the DC");
});
