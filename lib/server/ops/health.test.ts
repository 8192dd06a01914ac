/**
 * Integration: the health checks on a real database with a real pg-boss schema — healthy; a source
 * past its SLA → degraded; a stalled queue, failed jobs and a silent worker → degraded; the database
 * unreachable → down, and GET /api/health answers 503 with the verdict only.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import pg from "pg";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startQueue, JOBS } from "@/lib/server/jobs/queue";
import { checkHealth } from "@/lib/server/ops/health";

let db: TestDatabase;
let pool: pg.Pool;
let boss: PgBoss;

before(async () => {
  db = await createTestDatabase("seeded");
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  pool.on("error", () => undefined); // an idle connection ended by the final drop is not a test failure
  boss = await startQueue(db.url, { worker: false }); // creates the pgboss schema and our queues, as any web node does
  await pool.query(`UPDATE "DataSource" SET enabled = true, "lastSuccessAt" = now(), "lastError" = NULL`);
});

after(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await pool?.end();
  await db?.drop();
});

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

test("healthy: database answers, every queue is listed and idle, all sources fresh", async () => {
  const report = await checkHealth(pool);
  assert.equal(report.status, "ok", JSON.stringify(report.checks));
  assert.equal(report.checks.database.status, "ok");
  assert.ok(report.checks.database.latencyMs! >= 0 && report.checks.database.latencyMs! < 500);
  assert.equal(report.checks.jobQueue.reachable, true);
  assert.deepEqual(report.checks.jobQueue.queues.map((q) => q.name).sort(), Object.values(JOBS).sort());
  assert.equal(report.checks.jobQueue.backlog, 0);
  const sourceCount = Number((await pool.query(`SELECT count(*) FROM "DataSource"`)).rows[0].count);
  assert.ok(sourceCount > 0);
  assert.equal(report.checks.sources.sources.length, sourceCount);
  assert.ok(report.checks.sources.sources.every((s) => s.state === "fresh"));
  assert.match(report.version, /^\d+\.\d+\.\d+/);
});

test("a source past its freshness SLA makes the report degraded and is named; a disabled one is ignored", async () => {
  const { rows } = await pool.query<{ code: string }>(
    `UPDATE "DataSource" SET "lastSuccessAt" = now() - make_interval(mins => "slaMinutes" * 2) WHERE code = (SELECT min(code) FROM "DataSource") RETURNING code`,
  );
  const stale = rows[0].code;
  const report = await checkHealth(pool);
  assert.equal(report.status, "degraded");
  assert.equal(report.checks.database.status, "ok");
  assert.equal(report.checks.sources.status, "degraded");
  assert.equal(report.checks.sources.stale, 1);
  const entry = report.checks.sources.sources.find((s) => s.code === stale)!;
  assert.equal(entry.state, "stale");
  assert.ok(entry.ageMinutes! >= entry.slaMinutes * 2 - 1);

  await pool.query(`UPDATE "DataSource" SET enabled = false WHERE code = $1`, [stale]);
  const after = await checkHealth(pool);
  assert.equal(after.status, "ok");
  assert.ok(!after.checks.sources.sources.some((s) => s.code === stale));
  await pool.query(`UPDATE "DataSource" SET enabled = true, "lastSuccessAt" = now() WHERE code = $1`, [stale]);
});

test("a fresh source whose pulls keep failing (unhealthy) makes the report degraded and says how many failed in a row", async () => {
  const { rows } = await pool.query<{ code: string }>(
    `UPDATE "DataSource" SET "consecutiveFailures" = 4, "unhealthySince" = now() WHERE code = (SELECT min(code) FROM "DataSource") RETURNING code`,
  );
  const report = await checkHealth(pool);
  assert.equal(report.checks.sources.status, "degraded");
  assert.equal(report.checks.sources.unhealthy, 1);
  assert.equal(report.checks.sources.stale, 0);
  const entry = report.checks.sources.sources.find((s) => s.code === rows[0].code)!;
  assert.equal(entry.state, "fresh");
  assert.deepEqual([entry.unhealthy, entry.consecutiveFailures], [true, 4]);
  await pool.query(`UPDATE "DataSource" SET "consecutiveFailures" = 0, "unhealthySince" = NULL WHERE code = $1`, [rows[0].code]);
  assert.equal((await checkHealth(pool)).checks.sources.status, "ok");
});

test("queue backlog: a ready job waiting 10 minutes, a job that failed for good, and a silent worker are degraded", async () => {
  const waiting = await boss.send(JOBS.detect, { requestedBy: "health-test" });
  assert.ok(waiting);
  let report = await checkHealth(pool);
  assert.equal(report.status, "ok", "a job queued a moment ago is normal");
  assert.equal(report.checks.jobQueue.backlog, 1);
  assert.equal(report.checks.jobQueue.queues.find((q) => q.name === JOBS.detect)!.queued, 1);

  await pool.query(`UPDATE pgboss.job SET start_after = now() - interval '10 minutes', created_on = now() - interval '10 minutes' WHERE id = $1`, [waiting]);
  report = await checkHealth(pool);
  assert.equal(report.status, "degraded");
  assert.ok(report.checks.jobQueue.oldestQueuedSeconds! >= 599);
  assert.match(report.checks.jobQueue.problems.join("\n"), /detect: oldest ready job waiting 10 min/);
  await boss.cancel(JOBS.detect, waiting);

  const failing = await boss.send(JOBS.ingestSchedule, {}, { retryLimit: 0 });
  const [fetched] = (await boss.fetch(JOBS.ingestSchedule)) ?? [];
  assert.equal(fetched.id, failing);
  await boss.fail(JOBS.ingestSchedule, failing!, { message: "boom" });
  report = await checkHealth(pool);
  assert.equal(report.checks.jobQueue.failedLastHour, 1);
  assert.match(report.checks.jobQueue.problems.join("\n"), /ingest\.schedule: 1 job\(s\) failed in the last hour/);
  await pool.query(`DELETE FROM pgboss.job WHERE id = $1`, [failing]);

  // Crons registered (a worker started here once) but nothing has completed: no worker runs.
  await boss.schedule(JOBS.writeBackSweep, "* * * * *");
  report = await checkHealth(pool);
  assert.equal(report.status, "degraded");
  assert.match(report.checks.jobQueue.problems.join("\n"), /no job ever completed/);
  const done = await boss.send(JOBS.writeBackSweep, {});
  await boss.fetch(JOBS.writeBackSweep);
  await boss.complete(JOBS.writeBackSweep, done!);
  report = await checkHealth(pool);
  assert.equal(report.status, "ok", report.checks.jobQueue.problems.join("; "));
  assert.ok(Date.now() - Date.parse(report.checks.jobQueue.lastCompletedAt!) < 60_000);
});

test("database unreachable: down within the connect timeout, and GET /api/health answers 503 with the verdict only", async () => {
  const url = `postgresql://postgres:workbench@127.0.0.1:${await closedPort()}/workbench`;
  const deadPool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 2000 });
  const started = Date.now();
  const report = await checkHealth(deadPool);
  await deadPool.end();
  assert.equal(report.status, "down");
  assert.equal(report.checks.database.latencyMs, null);
  assert.ok(report.checks.database.error);
  assert.ok(Date.now() - started < 3000);

  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET(new Request("http://localhost/api/health", { headers: { "x-request-id": "health-test-1" } }), {});
    assert.equal(response.status, 503);
    assert.deepEqual(await response.json(), { status: "down" });
  } finally {
    process.env.DATABASE_URL = saved;
  }
});
