import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { generateLargeX12Sync } from "./generate-interchange";
import { parseX12 } from "./reader";

test("the generator is deterministic and produces a valid interchange of 500-line 846 sets", () => {
  const a = [...generateLargeX12Sync(1201)].join("");
  const b = [...generateLargeX12Sync(1201)].join("");
  assert.equal(createHash("sha256").update(a).digest("hex"), createHash("sha256").update(b).digest("hex"));
  const parsed = parseX12(a);
  assert.equal(parsed.fatal, null);
  assert.deepEqual(parsed.sets.map((s) => [s.id, s.status, s.segments.length]), [
    ["846", "accepted", 1505],
    ["846", "accepted", 1505],
    ["846", "accepted", 608],
  ]);
  assert.deepEqual(parsed.interchanges[0].errors, []);
  assert.deepEqual(parsed.interchanges[0].warnings, []);
  assert.deepEqual(parsed.interchanges[0].groups[0].errors, []);
});
