/**
 * pg-boss facts straight from its tables (schema `pgboss`, version 10): per queue, jobs waiting,
 * running, the age of the oldest ready one, failures in the last hour and the last completion.
 * Completed and failed jobs stay in `pgboss.job` for 12 h before pg-boss archives them, so one scan
 * of that table answers all of it.
 */
import type pg from "pg";
import type { QueueFacts } from "@/lib/domain/ops/health";

export type QueueStats = { reachable: boolean; queues: QueueFacts[]; schedulesRegistered: boolean; error?: string };

type Row = { name: string; queued: number; active: number; oldest_queued_seconds: number | null; failed_last_hour: number; last_completed_at: Date | null };

/** Queue facts, or `reachable: false` when pg-boss has no schema here yet or does not answer. */
export async function loadQueueStats(db: pg.Pool | pg.PoolClient): Promise<QueueStats> {
  try {
    const { rows } = await db.query<Row>(
      `SELECT q.name,
         count(j.id) FILTER (WHERE j.state IN ('created', 'retry'))::int AS queued,
         count(j.id) FILTER (WHERE j.state = 'active')::int AS active,
         extract(epoch FROM now() - min(j.start_after) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now()))::float8 AS oldest_queued_seconds,
         count(j.id) FILTER (WHERE j.state = 'failed' AND j.completed_on > now() - interval '1 hour')::int AS failed_last_hour,
         max(j.completed_on) FILTER (WHERE j.state = 'completed') AS last_completed_at
       FROM pgboss.queue q LEFT JOIN pgboss.job j ON j.name = q.name
       GROUP BY q.name ORDER BY q.name`,
    );
    const schedules = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.schedule`);
    return {
      reachable: true,
      schedulesRegistered: schedules.rows[0].n > 0,
      queues: rows.map((r) => ({
        name: r.name,
        queued: r.queued,
        active: r.active,
        oldestQueuedSeconds: r.oldest_queued_seconds == null ? null : Math.max(0, r.oldest_queued_seconds),
        failedLastHour: r.failed_last_hour,
        lastCompletedAt: r.last_completed_at,
      })),
    };
  } catch (e) {
    return { reachable: false, queues: [], schedulesRegistered: false, error: e instanceof Error ? e.message : String(e) };
  }
}
