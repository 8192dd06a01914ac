/**
 * Job `notifications.deliver`: send every due notification delivery (e-mail, Slack, Teams) — see
 * lib/server/notify/deliver-notifications.ts for claiming, retries and backoff. Woken right after a recording
 * transaction commits (the worker LISTENs for its NOTIFY), re-run at the next retry time, and scheduled every
 * minute as the safety net. Source failures are recorded on the rows; the job itself fails only if the
 * database does (pg-boss then retries it).
 */
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { JOBS } from "@/lib/server/jobs/queue";
import { deliverDueNotifications, type DeliverSummary } from "@/lib/server/notify/deliver-notifications";
import { log } from "@/lib/server/log";

/** Cron of the delivery safety net. */
export const NOTIFY_DELIVER_CRON = "* * * * *";

/** Ask for a delivery run now (one queued run at a time is enough: it sends everything due). */
export async function kickDelivery(boss: PgBoss, startAfter?: Date): Promise<void> {
  await boss.send(JOBS.notifyDeliver, {}, startAfter ? { singletonKey: "retry", startAfter } : { singletonKey: "now" });
}

export async function handleNotifyDeliverJob(db: PrismaClient, boss: PgBoss): Promise<DeliverSummary> {
  const summary = await deliverDueNotifications(db, { scheduleRetry: (at) => kickDelivery(boss, at) });
  if (summary.sent + summary.retrying + summary.failed + summary.requeuedStuck > 0) {
    log.info({ ...summary }, "notification deliveries");
  }
  return summary;
}
