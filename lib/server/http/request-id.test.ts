import { test } from "node:test";
import assert from "node:assert/strict";
import { requestIdFrom } from "@/lib/server/http/request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("a sane incoming request id is kept", () => {
  assert.equal(requestIdFrom("lb-7f3a9c.trace:01HZX"), "lb-7f3a9c.trace:01HZX");
  assert.equal(requestIdFrom("  abc123  "), "abc123");
});

test("a missing, empty, too long or hostile id is replaced by a fresh UUID", () => {
  for (const bad of [null, undefined, "", "   ", "x".repeat(129), "id\nlevel=error", 'a"b', "<script>", "id with spaces"]) {
    const id = requestIdFrom(bad);
    assert.match(id, UUID, `for ${JSON.stringify(bad)}`);
  }
  assert.notEqual(requestIdFrom(null), requestIdFrom(null));
});
