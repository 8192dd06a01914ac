import { test } from "node:test";
import assert from "node:assert/strict";
import { ZOD_JITLESS } from "@/lib/utils/zod-jitless";

test("the flag set without importing zod is the one zod reads", async () => {
  ZOD_JITLESS.apply(); // before zod loads: zod adopts the object
  const { z } = await import("zod");
  assert.equal(z.config().jitless, true);
  const mini = await import("zod/mini");
  assert.equal(mini.config().jitless, true);
});
