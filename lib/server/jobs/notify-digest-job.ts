/**
 * Job `notifications.digest` (daily, NOTIFY_DIGEST_CRON, default 07:00 UTC): one e-mail per person whose list
 * of cases, approvals and failed write-backs changed since their last digest; quiet otherwise
 * (lib/server/notify/daily-digest.ts). Re-running on the same day sends nothing twice.
 */
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { runDailyDigest, type DigestSummary } from "@/lib/server/notify/daily-digest";
import { kickDelivery } from "@/lib/server/jobs/notify-deliver-job";
import { log } from "@/lib/server/log";

export type NotifyDigestJobData = { asOf?: string };

export const NOTIFY_DIGEST_CRON = process.env.NOTIFY_DIGEST_CRON?.trim() || "0 7 * * *";

// Cron-scheduled jobs arrive with `data: null`.
export async function handleNotifyDigestJob(db: PrismaClient, boss: PgBoss, data: NotifyDigestJobData | null = {}): Promise<DigestSummary> {
  const summary = await runDailyDigest(db, data?.asOf ? new Date(data.asOf) : new Date());
  log.info({ ...summary }, "daily digest");
  if (summary.sent > 0) await kickDelivery(boss);
  return summary;
}
