import { test } from "node:test";
import assert from "node:assert/strict";
import { databaseStatus, lastCompleted, overallStatus, queueProblems, sourceFreshness, type QueueFacts } from "@/lib/domain/ops/health";

const NOW = new Date("2026-12-06T12:00:00Z");
const q = (over: Partial<QueueFacts>): QueueFacts => ({ name: "detect", queued: 0, active: 0, oldestQueuedSeconds: null, failedLastHour: 0, lastCompletedAt: null, ...over });

test("source freshness: never synced, fresh within SLA, stale past it", () => {
  assert.deepEqual(sourceFreshness({ lastSuccessAt: null, slaMinutes: 60 }, NOW), { state: "never", ageMinutes: null });
  assert.deepEqual(sourceFreshness({ lastSuccessAt: new Date(NOW.getTime() - 60 * 60_000), slaMinutes: 60 }, NOW), { state: "fresh", ageMinutes: 60 });
  assert.deepEqual(sourceFreshness({ lastSuccessAt: new Date(NOW.getTime() - 61 * 60_000), slaMinutes: 60 }, NOW), { state: "stale", ageMinutes: 61 });
});

test("database: no answer is down, slow is degraded", () => {
  assert.equal(databaseStatus(null), "down");
  assert.equal(databaseStatus(3), "ok");
  assert.equal(databaseStatus(501), "degraded");
});

test("queue problems: unreachable, stalled (> 5 min), failures, silent worker only when schedules exist", () => {
  assert.match(queueProblems({ reachable: false, queues: [], schedulesRegistered: false }, NOW)[0], /not reachable/);
  assert.deepEqual(queueProblems({ reachable: true, queues: [q({ queued: 3, oldestQueuedSeconds: 300 })], schedulesRegistered: false }, NOW), []);
  assert.deepEqual(queueProblems({ reachable: true, queues: [q({ queued: 3, oldestQueuedSeconds: 301 })], schedulesRegistered: false }, NOW), ["detect: oldest ready job waiting 5 min"]);
  assert.deepEqual(queueProblems({ reachable: true, queues: [q({ failedLastHour: 2 })], schedulesRegistered: false }, NOW), ["detect: 2 job(s) failed in the last hour"]);
  const recent = new Date(NOW.getTime() - 60_000);
  const old = new Date(NOW.getTime() - 11 * 60_000);
  assert.deepEqual(queueProblems({ reachable: true, queues: [q({ lastCompletedAt: recent })], schedulesRegistered: true }, NOW), []);
  assert.deepEqual(queueProblems({ reachable: true, queues: [q({ lastCompletedAt: old })], schedulesRegistered: true }, NOW), ["no job completed for 11 min: is a worker running?"]);
  assert.deepEqual(queueProblems({ reachable: true, queues: [q({ lastCompletedAt: old })], schedulesRegistered: false }, NOW), []);
});

test("last completion across queues and the overall verdict", () => {
  const a = new Date(NOW.getTime() - 5000);
  const b = new Date(NOW.getTime() - 1000);
  assert.equal(lastCompleted([q({ lastCompletedAt: a }), q({ lastCompletedAt: b }), q({})]), b);
  assert.equal(lastCompleted([]), null);
  assert.equal(overallStatus(["ok", "ok"]), "ok");
  assert.equal(overallStatus(["ok", "degraded"]), "degraded");
  assert.equal(overallStatus(["degraded", "down", "ok"]), "down");
});
