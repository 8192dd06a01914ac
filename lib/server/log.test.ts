import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { createLogger, withLogContext, currentLogContext } from "@/lib/server/log";

/** A logger whose JSON lines land in an array, exactly as they would on stdout. */
function capture(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(stream, level), lines };
}

test("lines are JSON with ISO time, level label, message and the fields given", () => {
  const { logger, lines } = capture();
  logger.info({ route: "GET /api/health", status: 200 }, "route");
  assert.equal(lines.length, 1);
  assert.equal(lines[0].level, "info");
  assert.equal(lines[0].msg, "route");
  assert.equal(lines[0].status, 200);
  assert.match(String(lines[0].time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test("the log context (request id, job) is on every line written inside it, across awaits, and only there", async () => {
  const { logger, lines } = capture();
  await withLogContext({ requestId: "req-1" }, async () => {
    logger.info("first");
    await new Promise((r) => setTimeout(r, 5));
    await withLogContext({ job: "detect", jobId: "j-9" }, async () => logger.info("nested"));
    assert.deepEqual(currentLogContext(), { requestId: "req-1" });
  });
  logger.info("outside");
  assert.equal(lines[0].requestId, "req-1");
  assert.deepEqual([lines[1].requestId, lines[1].job, lines[1].jobId], ["req-1", "detect", "j-9"]);
  assert.equal(lines[2].requestId, undefined);
});

test("secrets are redacted at the top level and nested, whatever the caller passes", () => {
  const { logger, lines } = capture();
  logger.info(
    {
      password: "hunter2",
      headers: { authorization: "Bearer abc", cookie: "next-auth.session-token=xyz", "set-cookie": "a=b", accept: "json" },
      source: { apiKey: "k-123", apiSecret: "s-456", config: { signingSecret: "whsec" }, code: "ODOO" },
      user: { token: "t", email: "a@b.c" },
    },
    "with secrets",
  );
  const text = JSON.stringify(lines[0]);
  for (const secret of ["hunter2", "Bearer abc", "session-token=xyz", "a=b", "k-123", "s-456", "whsec", '"t"']) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
  const line = lines[0] as { headers: Record<string, string>; source: { code: string }; user: { email: string } };
  assert.equal(line.headers.accept, "json");
  assert.equal(line.headers.authorization, "[redacted]");
  assert.equal(line.source.code, "ODOO");
  assert.equal(line.user.email, "a@b.c");
});

test("LOG_LEVEL filters lower levels", () => {
  const { logger, lines } = capture("warn");
  logger.info("dropped");
  logger.warn("kept");
  assert.deepEqual(lines.map((l) => l.msg), ["kept"]);
});
