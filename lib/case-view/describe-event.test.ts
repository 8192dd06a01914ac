import { test } from "node:test";
import assert from "node:assert/strict";
import { describeEvent, eventLabel } from "@/lib/case-view/describe-event";
import { humanize } from "@/lib/utils/format";

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

test("triage events: assignment, acknowledgement, snooze, wake and unsnooze", () => {
  assert.equal(describeEvent("ASSIGNED", { assigneeId: "u1", assigneeName: "Sam Supervisor", previousAssigneeId: null, previousAssigneeName: null }), "Assigned to Sam Supervisor.");
  assert.equal(describeEvent("ASSIGNED", { assigneeId: "u2", assigneeName: "Priya Planner", previousAssigneeName: "Sam Supervisor" }), "Assigned to Priya Planner (was Sam Supervisor).");
  assert.equal(describeEvent("ASSIGNED", { assigneeId: null, assigneeName: null, previousAssigneeName: "Sam Supervisor" }), "Unassigned (was Sam Supervisor).");
  assert.equal(describeEvent("ACKNOWLEDGED", {}), "Acknowledged the case: seen and being worked.");
  assert.equal(describeEvent("SNOOZED", { conditions: "until a source record changes" }), "Snoozed until a source record changes.");
  assert.equal(describeEvent("WOKEN", { trigger: "DATE_PASSED", reason: "The snooze date 2026-11-25 12:00 UTC passed." }), "Woke from snooze: The snooze date 2026-11-25 12:00 UTC passed.");
  assert.equal(eventLabel("WOKEN", {}), "Woke up");
  assert.equal(describeEvent("UNSNOOZED", { conditions: "until the score rises 20%" }), "Woke the case by hand (it was snoozed until the score rises 20%).");
});

test("resolution with a reason code and note, and reopening with a note", () => {
  assert.equal(
    describeEvent("RESOLVED", { reasonCode: "SOURCE_DATA_ERROR", reasonLabel: "Source data error", note: "Count keyed twice", by: "Priya Planner" }),
    "Resolved: Source data error — “Count keyed twice” (by Priya Planner).",
  );
  assert.equal(describeEvent("RESOLVED", { reasonCode: "ACTION_CONFIRMED" }), "Resolved: Action confirmed by the source system.");
  assert.equal(
    describeEvent("RESOLVED", { reason: "CLOSED_WITHOUT_CONFIRMATION", note: "posted by hand in the WMS", by: "Sam Supervisor" }),
    "Resolved: Closed without source confirmation — “posted by hand in the WMS” (by Sam Supervisor).",
  );
  assert.equal(eventLabel("RESOLVED", { reasonCode: "FIXED", by: "Priya" }), "Resolved");
  assert.equal(describeEvent("REOPENED", { note: "The gap is real" }), "Reopened: “The gap is real”");
  assert.equal(describeEvent("REOPENED", {}), "Reopened.");
});

test("approval and write-back events", () => {
  assert.equal(describeEvent("ACTION_APPROVED", { type: "EXPEDITE", valueUsd: 5000, level: 1, levels: 2, role: "supervisor" }), "Approved the expedite at level 1 of 2 (supervisor) (value $5,000).");
  assert.equal(describeEvent("CHANGES_REQUESTED", { type: "TRANSFER", reason: "Use DC-ATL stock" }), "Asked for changes to the transfer: “Use DC-ATL stock”");
  assert.equal(
    describeEvent("ACTION_AUTO_APPROVED", { type: "RECOUNT", valueUsd: 40, policyReason: "under the $500 auto-approve limit" }),
    "The recount (value $40) was approved automatically by the policy: under the $500 auto-approve limit",
  );
  assert.equal(eventLabel("ACTION_AUTO_APPROVED", {}), "Auto-approved");
  assert.equal(describeEvent("ACTION_EXPIRED", { type: "EXPEDITE", expiresAt: "2026-11-27T09:00:00.000Z" }), "The expedite expired without a decision (due 2026-11-27 09:00 UTC).");
  assert.equal(describeEvent("WRITE_BACK_QUEUED", { type: "EXPEDITE", system: "odoo-east" }), "Queued the expedite to be written back to odoo-east.");
  assert.equal(describeEvent("WRITE_BACK_SENT", { type: "EXPEDITE", system: "odoo-east", externalRef: "PO0042", attempt: 2 }), "Sent the expedite to odoo-east (reference PO0042) (attempt 2).");
  assert.equal(describeEvent("WRITE_BACK_CONFIRMED", { type: "EXPEDITE" }), "The source system confirmed the expedite.");
  assert.equal(describeEvent("WRITE_BACK_FAILED", { type: "TRANSFER", system: "erpnext-west", error: "HTTP 503" }), "Writing the transfer back to erpnext-west failed: “HTTP 503”");
  assert.equal(eventLabel("WRITE_BACK_FAILED", {}), "Write-back failed");
});

test("the approval and write-back modules' own event shapes", () => {
  assert.equal(
    describeEvent("ACTION_PROPOSED", { type: "EXPEDITE", quantity: 40, valueUsd: 6000, note: "air", levels: [{ level: 1, role: "supervisor" }, { level: 2, role: "finance" }] }),
    "Proposed expedite of 40 units (value $6,000) — needs supervisor → finance approval: “air”",
  );
  assert.equal(describeEvent("ACTION_PROPOSED", { type: "RECOUNT", quantity: 2, valueUsd: 30, levels: [] }), "Proposed recount of 2 units (value $30) — approved automatically by the policy.");
  assert.equal(
    describeEvent("ACTION_LEVEL_APPROVED", { type: "EXPEDITE", valueUsd: 6000, level: 1, of: 2, role: "supervisor", nextRole: "finance", reason: null }),
    "Approved the expedite at level 1 of 2 (supervisor) (value $6,000); now waiting for finance approval.",
  );
  assert.equal(describeEvent("ACTION_EDITED", { type: "TRANSFER", quantity: 12, valueUsd: 240, revision: 2, levels: [{ role: "supervisor" }] }), "Edited the transfer (revision 2): 12 units, value $240 — needs supervisor approval.");
  assert.equal(describeEvent("ACTION_CANCELLED", { type: "TRANSFER", reason: "not needed" }), "Cancelled the transfer: “not needed”");
  assert.equal(describeEvent("ACTION_AUTO_APPROVED", { type: "RECOUNT", valueUsd: 30, reason: "below $500" }), "The recount (value $30) was approved automatically by the policy: below $500");
  assert.equal(
    describeEvent("WRITE_BACK_FAILED", { type: "EXPEDITE", sourceCode: "odoo-east", attempt: 2, error: "HTTP 503", final: false, nextAttemptAt: "2026-11-25T10:00:00.000Z" }),
    "Writing the expedite back to odoo-east failed (attempt 2); retrying 2026-11-25 10:00 UTC: “HTTP 503”",
  );
  assert.equal(describeEvent("WRITE_BACK_FAILED", { writeBackId: "w", attempts: 5, error: "gone", final: true }), "Writing the action back to the source system failed (attempt 5); no more automatic retries: “gone”");
  assert.equal(describeEvent("WRITE_BACK_RETRIED", { previousAttempts: 3, lastError: "timeout" }), "Sent the write-back again after 3 failed attempts (last error: timeout).");
  assert.equal(describeEvent("WRITE_BACK_CANCELLED", { reason: "done by hand" }), "Stopped the write-back: “done by hand”");
  assert.equal(describeEvent("RESOLVED", { reasonCode: "ACTION_CONFIRMED", by: "write-back", externalRef: "PO42" }), "Resolved: Action confirmed by the source system (by write-back).");
});

test("every known event type has its own sentence, not the humanized fallback", () => {
  const types = [
    "DETECTED", "RESCORED", "ASSIGNED", "ACKNOWLEDGED", "COMMENTED", "SNOOZED", "WOKEN", "UNSNOOZED", "ACTION_PROPOSED", "ACTION_APPROVED",
    "ACTION_REJECTED", "CHANGES_REQUESTED", "ACTION_AUTO_APPROVED", "ACTION_EXPIRED", "WRITE_BACK_QUEUED", "WRITE_BACK_SENT", "WRITE_BACK_CONFIRMED",
    "WRITE_BACK_FAILED", "RESOLVED", "REOPENED", "ESCALATED", "AUTO_RESOLVED", "ACTION_LEVEL_APPROVED", "ACTION_EDITED", "ACTION_CANCELLED",
    "WRITE_BACK_RETRIED", "WRITE_BACK_CANCELLED",
  ];
  const data = { body: "x", type: "EXPEDITE", reasonCode: "FIXED", note: "n", reason: "r", conditions: "until a source record changes", assigneeName: "Sam", level: 1 };
  for (const t of types) {
    assert.notEqual(describeEvent(t, data), `${humanize(t)}.`, `${t} has a specific description`);
  }
  assert.equal(describeEvent("SOMETHING_ELSE", data), "Something else.");
});
