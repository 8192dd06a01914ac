import PgBoss from "pg-boss";
import { errorFields, log } from "@/lib/server/log";

/**
 * Background work goes through pg-boss (a PostgreSQL-backed queue), never in-process timers:
 * web nodes only enqueue; any number of `npm run worker` processes consume.
 */
export const JOBS = {
  /** Re-run detection and scoring over the whole network. At most one queued and one running. */
  detect: "detect",
  /** Re-run detection on the item-locations a change touched (payload: ChangeKeys). */
  detectIncremental: "detect.incremental",
  /** Raise the escalation level of cases past their SLA (scheduled every 5 minutes by the worker). */
  escalate: "escalate",
  /** Pull one source (payload: { runId }). Singleton per source via the job's singletonKey. */
  ingestSync: "ingest.sync",
  /** Process one stored payload: upload, EDI file, webhook event, replay (payload: { payloadId, runId }). */
  ingestPayload: "ingest.payload",
  /** Queue pulls for sources that are due (scheduled every minute by the worker). */
  ingestSchedule: "ingest.schedule",
  /** Send one write-back (outbox row) to its source system (payload: { writeBackId }); singletonKey = writeBackId. */
  writeBackSend: "writeback.send",
  /** Re-send write-backs whose next attempt is due, or that a crashed worker left in flight (every minute). */
  writeBackSweep: "writeback.sweep",
  /** Mark approval requests past their expiresAt EXPIRED and reopen their cases (every 5 minutes). */
  approvalsExpire: "approvals.expire",
  /** Send due notification deliveries (e-mail, Slack, Teams): woken on commit, at retry times and every minute. */
  notifyDeliver: "notifications.deliver",
  /** Daily digest e-mail per person, quiet when nothing on their list changed (NOTIFY_DIGEST_CRON). */
  notifyDigest: "notifications.digest",
  /** Recompute the learning loop's threshold proposals from past case outcomes (nightly). */
  learningProposals: "learning.proposals",
  /** Refresh the KPI dashboard's snapshot views (every 15 minutes). */
  kpiRefresh: "kpi.refresh",
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

const QUEUE_OPTIONS: Record<JobName, Omit<PgBoss.Queue, "name">> = {
  detect: { policy: "stately", retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 900 },
  "detect.incremental": { policy: "standard", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 120 },
  escalate: { policy: "stately", retryLimit: 2, retryDelay: 30, expireInSeconds: 240 },
  // Retries resume safely: pages/payloads are stored before processing and writes are idempotent upserts.
  "ingest.sync": { policy: "standard", retryLimit: 5, retryDelay: 15, retryBackoff: true, expireInSeconds: 1800 },
  "ingest.payload": { policy: "standard", retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600 },
  "ingest.schedule": { policy: "stately", retryLimit: 1, retryDelay: 30, expireInSeconds: 120 },
  // Source failures are retried by the outbox row's own nextAttemptAt (see write-back-job.ts); pg-boss retries only
  // cover a crash of the handler itself. stately + singletonKey: one queued and one running job per write-back.
  "writeback.send": { policy: "stately", retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  "writeback.sweep": { policy: "stately", retryLimit: 1, retryDelay: 30, expireInSeconds: 120 },
  "approvals.expire": { policy: "stately", retryLimit: 2, retryDelay: 30, expireInSeconds: 240 },
  // Per-row retries live on NotificationDelivery; stately + singletonKey ("now" / "retry"): one queued run of each.
  "notifications.deliver": { policy: "stately", retryLimit: 2, retryDelay: 10, expireInSeconds: 600 },
  "notifications.digest": { policy: "stately", retryLimit: 2, retryDelay: 60, expireInSeconds: 1800 },
  "learning.proposals": { policy: "stately", retryLimit: 2, retryDelay: 60, expireInSeconds: 900 },
  "kpi.refresh": { policy: "stately", retryLimit: 2, retryDelay: 60, expireInSeconds: 900 },
};

/** Cron of the source pull scheduler. */
export const INGEST_SCHEDULE_CRON = "* * * * *";

/** Cron of the write-back sweep (due retries, lost jobs, attempts a crashed worker left in flight). */
export const WRITEBACK_SWEEP_CRON = "* * * * *";

/** Cron of the escalation sweep (pg-boss schedule, evaluated by worker processes). */
export const ESCALATE_CRON = "*/5 * * * *";

/** Cron of the approval expiry sweep. */
export const APPROVALS_EXPIRE_CRON = "*/5 * * * *";

/** Cron of the learning loop's proposal computation (once a night). */
export const LEARNING_PROPOSALS_CRON = "20 3 * * *";

/** Cron of the KPI snapshot refresh: the dashboard's numbers are at most this old (its cards say when). */
export const KPI_REFRESH_CRON = "*/15 * * * *";

/** Start a pg-boss client; producers pass `{ worker: false }` so web nodes do no maintenance. */
export async function startQueue(url = process.env.DATABASE_URL, opts: { worker: boolean } = { worker: true }): Promise<PgBoss> {
  if (!url) throw new Error("DATABASE_URL is not set");
  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    max: opts.worker ? 4 : 2,
    supervise: opts.worker,
    schedule: opts.worker,
  });
  boss.on("error", (e) => log.error(errorFields(e), "pg-boss error"));
  await boss.start();
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
    await boss.createQueue(name, { name, ...options });
  }
  return boss;
}
