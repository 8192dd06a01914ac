import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import type PgBoss from "pg-boss";
import pino from "pino";
import { loggedHandler } from "@/lib/server/jobs/job-logging";
import { log } from "@/lib/server/log";

/** Read the process logger's lines by swapping its stream for the duration of `fn`. */
async function linesOf(fn: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write: (chunk, _e, done) => (lines.push(...String(chunk).split("\n").filter(Boolean).map((l) => JSON.parse(l))), done()) });
  const streamSym = pino.symbols.streamSym;
  const original = (log as unknown as Record<symbol, unknown>)[streamSym];
  (log as unknown as Record<symbol, unknown>)[streamSym] = stream;
  try {
    await fn();
  } finally {
    (log as unknown as Record<symbol, unknown>)[streamSym] = original;
  }
  return lines;
}

const job = (id: string): PgBoss.Job<unknown> => ({ id, name: "detect", data: {}, expireInSeconds: 60 });

test("a job writes one completion line with its name, id and duration; its own lines carry the job id", async () => {
  const lines = await linesOf(async () => {
    const out = await loggedHandler("detect", async () => {
      log.info({ cases: 3 }, "detection finished");
      return { cases: 3 };
    })([job("11111111-aaaa")]);
    assert.deepEqual(out, { cases: 3 });
  });
  assert.deepEqual(lines.map((l) => [l.msg, l.job, l.jobId]), [["detection finished", "detect", "11111111-aaaa"], ["job", "detect", "11111111-aaaa"]]);
  assert.equal(lines[1].outcome, "completed");
  assert.equal(typeof lines[1].ms, "number");
});

test("a failing job logs the failure with the error and rethrows so pg-boss retries it", async () => {
  const lines = await linesOf(async () => {
    await assert.rejects(loggedHandler("ingest.sync", async () => Promise.reject(new Error("source timed out")))([job("a"), job("b")]), /source timed out/);
  });
  assert.equal(lines.length, 1);
  assert.equal(lines[0].level, "error");
  assert.equal(lines[0].outcome, "failed");
  assert.deepEqual(lines[0].jobIds, ["a", "b"]);
  assert.equal((lines[0].err as { message: string }).message, "source timed out");
});
