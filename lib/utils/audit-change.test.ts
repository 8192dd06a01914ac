import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeAuditChange, formatAuditValue } from "./audit-change";

describe("describeAuditChange", () => {
  it("lists changed and added fields with their before and after values, skipping unchanged ones", () => {
    assert.deepEqual(describeAuditChange({ status: "QUEUED", attempts: 1, key: "k" }, { status: "SENT", attempts: 2, key: "k", note: "x" }), [
      { field: "status", before: "QUEUED", after: "SENT" },
      { field: "attempts", before: "1", after: "2" },
      { field: "note", before: null, after: "x" },
    ]);
  });

  it("shows every recorded field when there is no before", () => {
    assert.deepEqual(describeAuditChange(null, { status: "QUEUED", request: { type: "ADJUST" } }), [
      { field: "status", before: null, after: "QUEUED" },
      { field: "request", before: null, after: '{"type":"ADJUST"}' },
    ]);
  });

  it("handles removed fields and scalar snapshots", () => {
    assert.deepEqual(describeAuditChange({ writeBackFailedAt: "2026-11-25" }, {}), [{ field: "writeBackFailedAt", before: "2026-11-25", after: null }]);
    assert.deepEqual(describeAuditChange("a", "b"), [{ field: "value", before: "a", after: "b" }]);
    assert.deepEqual(describeAuditChange(null, null), []);
  });

  it("cuts long values", () => {
    const long = formatAuditValue("x".repeat(500));
    assert.equal(long?.length, 160);
    assert.ok(long?.endsWith("…"));
  });
});
