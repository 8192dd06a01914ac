/**
 * Health verdicts, pure: the server gathers facts (lib/server/ops/health.ts), these functions decide.
 *   ok       — everything answers and is current;
 *   degraded — the app serves but something needs attention (queue stalled, jobs failing, worker
 *              silent, a source past its freshness SLA, a slow database);
 *   down     — the database does not answer: nothing works.
 */

export type HealthStatus = "ok" | "degraded" | "down";

/** Thresholds (documented in README "Operations"). */
export const HEALTH_LIMITS = {
  /** A ready job waiting longer than this means no worker is taking it. */
  queueStallSeconds: 300,
  /** Workers complete a cron job every minute; silence this long while schedules exist means no worker runs. */
  workerSilentSeconds: 600,
  /** A database round trip slower than this is degraded. */
  slowDatabaseMs: 500,
} as const;

export type QueueFacts = {
  name: string;
  queued: number;
  active: number;
  /** Age of the oldest job that is ready to run (start time passed) and not taken; null when none. */
  oldestQueuedSeconds: number | null;
  failedLastHour: number;
  lastCompletedAt: Date | null;
};

export type SourceFacts = { code: string; name: string; kind: string; slaMinutes: number; lastSuccessAt: Date | null; lastError: string | null };

/**
 * Pull syncs failing in a row before a source is marked unhealthy. Each sync already retried every request with
 * backoff, and pg-boss retried the job, so 3 failed runs are minutes of a source not answering — not one blip.
 */
export const SOURCE_UNHEALTHY_AFTER_FAILURES = 3;

/** True once `failures` consecutive failed pulls reach the limit. */
export function isUnhealthyAfter(failures: number): boolean {
  return failures >= SOURCE_UNHEALTHY_AFTER_FAILURES;
}

export type Freshness = { state: "fresh" | "stale" | "never"; ageMinutes: number | null };

/** A source's freshness: age of its last good sync against its SLA. */
export function sourceFreshness(source: { lastSuccessAt: Date | null; slaMinutes: number }, now: Date): Freshness {
  if (!source.lastSuccessAt) return { state: "never", ageMinutes: null };
  const ageMinutes = Math.round((now.getTime() - source.lastSuccessAt.getTime()) / 60_000);
  return { state: ageMinutes > source.slaMinutes ? "stale" : "fresh", ageMinutes };
}

/** Database check: down when it did not answer, degraded when slow. */
export function databaseStatus(latencyMs: number | null): HealthStatus {
  if (latencyMs == null) return "down";
  return latencyMs > HEALTH_LIMITS.slowDatabaseMs ? "degraded" : "ok";
}

/** Queue check: the problems found (empty = ok). `schedulesRegistered` says a worker has started here at least once. */
export function queueProblems(facts: { reachable: boolean; queues: QueueFacts[]; schedulesRegistered: boolean }, now: Date): string[] {
  if (!facts.reachable) return ["job queue not reachable (pg-boss schema missing or not answering)"];
  const problems: string[] = [];
  for (const q of facts.queues) {
    if (q.oldestQueuedSeconds != null && q.oldestQueuedSeconds > HEALTH_LIMITS.queueStallSeconds) {
      problems.push(`${q.name}: oldest ready job waiting ${Math.round(q.oldestQueuedSeconds / 60)} min`);
    }
    if (q.failedLastHour > 0) problems.push(`${q.name}: ${q.failedLastHour} job(s) failed in the last hour`);
  }
  const last = lastCompleted(facts.queues);
  if (facts.schedulesRegistered && (!last || now.getTime() - last.getTime() > HEALTH_LIMITS.workerSilentSeconds * 1000)) {
    problems.push(last ? `no job completed for ${Math.round((now.getTime() - last.getTime()) / 60_000)} min: is a worker running?` : "no job ever completed: is a worker running?");
  }
  return problems;
}

/** The most recent job completion across queues (worker liveness). */
export function lastCompleted(queues: QueueFacts[]): Date | null {
  let last: Date | null = null;
  for (const q of queues) if (q.lastCompletedAt && (!last || q.lastCompletedAt > last)) last = q.lastCompletedAt;
  return last;
}

/** Overall: down if any check is down, else degraded if any is degraded, else ok. */
export function overallStatus(statuses: HealthStatus[]): HealthStatus {
  if (statuses.includes("down")) return "down";
  return statuses.includes("degraded") ? "degraded" : "ok";
}
