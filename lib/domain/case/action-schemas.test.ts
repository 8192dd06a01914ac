import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { estimateActionValue, proposeActionSchema } from "@/lib/domain/case/action-schemas";

const fieldErrors = (input: unknown) => {
  const r = proposeActionSchema.safeParse(input);
  assert.equal(r.success, false);
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
};

describe("proposeActionSchema", () => {
  it("accepts a valid expedite and trims the note", () => {
    const r = proposeActionSchema.parse({ caseId: "c1", type: "EXPEDITE", quantity: 240, note: "  air freight  ", targetDate: "2026-12-01" });
    assert.equal(r.note, "air freight");
  });
  it("requires fromLocationId for TRANSFER and targetDate for EXPEDITE, on the right fields", () => {
    assert.equal(fieldErrors({ caseId: "c1", type: "TRANSFER", quantity: 5, note: "move it" }).fromLocationId, "A transfer needs a source location");
    assert.equal(fieldErrors({ caseId: "c1", type: "EXPEDITE", quantity: 5, note: "rush" }).targetDate, "An expedite needs a target date");
    assert.match(fieldErrors({ caseId: "c1", type: "EXPEDITE", quantity: 5, note: "rush", targetDate: "tomorrow" }).targetDate, /ISO date/);
  });
  it("rejects bad quantities and notes with field messages", () => {
    const e = fieldErrors({ caseId: "c1", type: "RECOUNT", quantity: 1.5, note: " a " });
    assert.equal(e.quantity, "Quantity must be a whole number");
    assert.equal(e.note, "Note must be at least 3 characters");
    assert.equal(fieldErrors({ caseId: "c1", type: "RECOUNT", quantity: 0, note: "count" }).quantity, "Quantity must be greater than 0");
    assert.ok(fieldErrors({ caseId: "c1", type: "RECOUNT", quantity: 10_000_001, note: "count" }).quantity);
    assert.ok(fieldErrors({ caseId: "c1", type: "RECOUNT", quantity: 1, note: "x".repeat(501) }).note);
    assert.ok(fieldErrors({ caseId: "c1", type: "SHIP", quantity: 1, note: "count" }).type);
  });
});

describe("estimateActionValue", () => {
  it("values by type", () => {
    assert.equal(estimateActionValue("REALLOCATE", 100, 12.5), 1250);
    assert.equal(estimateActionValue("EXPEDITE", 100, 10), 150);
    assert.equal(estimateActionValue("RECOUNT", 100, 10), 0);
  });
});
