import "server-only";
/**
 * The admin "System health" page's data (admin.manage): the health checks plus the operating metrics
 * behind them — pg-boss backlog per queue, event latency (RawPayload received → detection covering it
 * finished) over 24 h, failed sync runs per source over 7 days, open cases past their SLA by site and
 * severity, and worker liveness. A handful of aggregate queries on the ops pool (short statement
 * timeout); timestamps are read AT TIME ZONE 'UTC' because Prisma stores UTC in zone-less columns.
 */
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { opsPool } from "@/lib/server/ops/ops-pool";
import { checkHealth, type HealthReport } from "@/lib/server/ops/health";

export type EventLatency = { windowHours: number; measured: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null; awaitingProcessing: number };
export type SyncErrorRow = { sourceCode: string; sourceName: string; failedRuns: number; lastFailedAt: string; lastError: string | null };
export type SlaBreachRow = { siteCode: string; severity: string; breached: number; oldestDueAt: string };
export type SystemHealth = {
  health: HealthReport;
  eventLatency: EventLatency;
  syncErrors: { windowDays: number; rows: SyncErrorRow[] };
  slaBreaches: { total: number; rows: SlaBreachRow[] };
};

const LATENCY_WINDOW_HOURS = 24;
const SYNC_ERROR_WINDOW_DAYS = 7;
const OPEN_STATUSES = ["OPEN", "PENDING_APPROVAL", "ACTION_APPROVED"];

/** Everything the System health page shows, as of `now`. */
export async function getSystemHealth(viewer: Viewer, now = new Date()): Promise<SystemHealth> {
  authorize(viewer, "admin.manage");
  const pool = opsPool();
  const nowIso = now.toISOString();
  const [health, latency, syncErrors, breaches] = await Promise.all([
    checkHealth(pool, now),
    pool.query<{ measured: number; p50: number | null; p95: number | null; max: number | null; awaiting: number }>(
      `SELECT count(*)::int AS measured,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
         percentile_disc(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
         max(ms) AS max,
         (SELECT count(*)::int FROM "RawPayload" WHERE status = 'RECEIVED' AND direction = 'IN') AS awaiting
       FROM (SELECT extract(epoch FROM "detectedAt" - "receivedAt") * 1000 AS ms FROM "RawPayload"
             WHERE "detectedAt" > ($1::timestamptz AT TIME ZONE 'UTC') - make_interval(hours => $2)) t`,
      [nowIso, LATENCY_WINDOW_HOURS],
    ),
    pool.query<{ code: string; name: string; failed: number; last_failed_at: Date; last_error: string | null }>(
      `SELECT s.code, s.name, count(*)::int AS failed, max(r."queuedAt") AT TIME ZONE 'UTC' AS last_failed_at,
         (array_agg(r.error ORDER BY r."queuedAt" DESC))[1] AS last_error
       FROM "SyncRun" r JOIN "DataSource" s ON s.id = r."sourceId"
       WHERE r.status = 'FAILED' AND r."queuedAt" > ($1::timestamptz AT TIME ZONE 'UTC') - make_interval(days => $2)
       GROUP BY s.code, s.name ORDER BY max(r."queuedAt") DESC`,
      [nowIso, SYNC_ERROR_WINDOW_DAYS],
    ),
    pool.query<{ site: string; severity: string; breached: number; oldest_due: Date }>(
      `SELECT l.code AS site, c.severity::text AS severity, count(*)::int AS breached, min(c."slaDueAt") AT TIME ZONE 'UTC' AS oldest_due
       FROM "Case" c JOIN "Location" l ON l.id = c."siteId"
       WHERE c.status::text = ANY($2::text[]) AND c."slaDueAt" < ($1::timestamptz AT TIME ZONE 'UTC')
       GROUP BY l.code, c.severity ORDER BY l.code, c.severity`,
      [nowIso, OPEN_STATUSES],
    ),
  ]);
  const l = latency.rows[0];
  const num = (v: number | string | null) => (v == null ? null : Math.round(Number(v)));
  return {
    health,
    eventLatency: { windowHours: LATENCY_WINDOW_HOURS, measured: l.measured, p50Ms: num(l.p50), p95Ms: num(l.p95), maxMs: num(l.max), awaitingProcessing: l.awaiting },
    syncErrors: {
      windowDays: SYNC_ERROR_WINDOW_DAYS,
      rows: syncErrors.rows.map((r) => ({ sourceCode: r.code, sourceName: r.name, failedRuns: r.failed, lastFailedAt: r.last_failed_at.toISOString(), lastError: r.last_error })),
    },
    slaBreaches: {
      total: breaches.rows.reduce((n, r) => n + r.breached, 0),
      rows: breaches.rows.map((r) => ({ siteCode: r.site, severity: r.severity, breached: r.breached, oldestDueAt: r.oldest_due.toISOString() })),
    },
  };
}
