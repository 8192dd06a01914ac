/**
 * GET /api/health's work: three cheap checks on the ops pool (lib/server/ops/ops-pool.ts) — a round
 * trip to the database, pg-boss's queues, and each enabled source's freshness — judged by the pure
 * rules in lib/domain/ops/health.ts. Callers decide how much of the report a viewer may see.
 */
import type pg from "pg";
import { databaseStatus, overallStatus, queueProblems, lastCompleted, sourceFreshness, type Freshness, type HealthStatus, type QueueFacts } from "@/lib/domain/ops/health";
import { loadQueueStats } from "@/lib/server/ops/queue-stats";
import packageJson from "@/package.json";

export type SourceHealth = {
  code: string;
  name: string;
  kind: string;
  slaMinutes: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Failed pulls in a row, and since when the source counts as unhealthy (SOURCE_UNHEALTHY_AFTER_FAILURES). */
  consecutiveFailures: number;
  unhealthySince: string | null;
  unhealthy: boolean;
} & Freshness;

export type HealthReport = {
  status: HealthStatus;
  time: string;
  version: string;
  checks: {
    database: { status: HealthStatus; latencyMs: number | null; error?: string };
    jobQueue: {
      status: HealthStatus;
      reachable: boolean;
      backlog: number;
      oldestQueuedSeconds: number | null;
      failedLastHour: number;
      lastCompletedAt: string | null;
      queues: (Omit<QueueFacts, "lastCompletedAt"> & { lastCompletedAt: string | null })[];
      problems: string[];
    };
    sources: { status: HealthStatus; stale: number; unhealthy: number; sources: SourceHealth[]; error?: string };
  };
};

/** What anyone may see: the verdict only (no source names, queue names or errors). */
export type PublicHealth = { status: HealthStatus };

export const APP_VERSION = process.env.WB_VERSION ?? packageJson.version;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Run the checks against `pool`; never throws (a dead database is a "down" report). */
export async function checkHealth(pool: pg.Pool, now = new Date()): Promise<HealthReport> {
  const report: HealthReport = {
    status: "down",
    time: now.toISOString(),
    version: APP_VERSION,
    checks: {
      database: { status: "down", latencyMs: null },
      jobQueue: { status: "down", reachable: false, backlog: 0, oldestQueuedSeconds: null, failedLastHour: 0, lastCompletedAt: null, queues: [], problems: ["database down"] },
      sources: { status: "down", stale: 0, unhealthy: 0, sources: [] },
    },
  };
  let client: pg.PoolClient;
  const started = performance.now();
  try {
    client = await pool.connect();
  } catch (e) {
    report.checks.database.error = e instanceof Error ? e.message : String(e);
    return report;
  }
  try {
    await client.query("SELECT 1");
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    report.checks.database = { status: databaseStatus(latencyMs), latencyMs };

    const stats = await loadQueueStats(client);
    const problems = queueProblems(stats, now);
    const ages = stats.queues.map((q) => q.oldestQueuedSeconds).filter((s): s is number => s != null);
    report.checks.jobQueue = {
      status: problems.length ? "degraded" : "ok",
      reachable: stats.reachable,
      backlog: stats.queues.reduce((n, q) => n + q.queued, 0),
      oldestQueuedSeconds: ages.length ? Math.max(...ages) : null,
      failedLastHour: stats.queues.reduce((n, q) => n + q.failedLastHour, 0),
      lastCompletedAt: iso(lastCompleted(stats.queues)),
      // pg-boss's own cron dispatch queue counts for liveness and problems, but is not ours to list.
      queues: stats.queues.filter((q) => !q.name.startsWith("__pgboss__")).map((q) => ({ ...q, lastCompletedAt: iso(q.lastCompletedAt) })),
      problems,
    };

    const { rows } = await client.query<{ code: string; name: string; kind: string; slaMinutes: number; lastSuccessAt: Date | null; lastError: string | null; consecutiveFailures: number; unhealthySince: Date | null }>(
      // Prisma stores UTC in timestamp-without-zone columns: read them as UTC whatever the session's zone.
      `SELECT code, name, kind, "slaMinutes", "lastSuccessAt" AT TIME ZONE 'UTC' AS "lastSuccessAt", "lastError",
              "consecutiveFailures", "unhealthySince" AT TIME ZONE 'UTC' AS "unhealthySince"
         FROM "DataSource" WHERE enabled ORDER BY code`,
    );
    const sources = rows.map((s) => ({ ...s, lastSuccessAt: iso(s.lastSuccessAt), unhealthySince: iso(s.unhealthySince), unhealthy: s.unhealthySince !== null, ...sourceFreshness(s, now) }));
    const stale = sources.filter((s) => s.state !== "fresh").length;
    const unhealthy = sources.filter((s) => s.unhealthy).length;
    report.checks.sources = { status: stale || unhealthy ? "degraded" : "ok", stale, unhealthy, sources };
  } catch (e) {
    // The database answered the ping but a check failed (timeout, missing table): serve, but say so.
    const message = e instanceof Error ? e.message : String(e);
    if (report.checks.database.status === "down") report.checks.database.error = message;
    else report.checks.sources = { status: "degraded", stale: 0, unhealthy: 0, sources: [], error: message };
  } finally {
    client.release();
  }
  report.status = overallStatus([report.checks.database.status, report.checks.jobQueue.status, report.checks.sources.status]);
  return report;
}
