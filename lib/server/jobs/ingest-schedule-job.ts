import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { adapterInfo } from "@/lib/adapters/registry";
import { createRun } from "@/lib/server/ingest/sync-runs";
import { JOBS } from "@/lib/server/jobs/queue";

/**
 * Job `ingest.schedule` (cron, every minute): queue a pull for each enabled pull source that is due. A source is due
 * a quarter of its freshness SLA after its last attempt (at least 5 minutes), so it is re-pulled well before it goes
 * stale, and never while one of its syncs is still queued or running.
 */
export async function handleIngestScheduleJob(db: PrismaClient, boss: PgBoss, now = new Date()) {
  const sources = await db.dataSource.findMany({ where: { enabled: true } });
  const queued: string[] = [];
  for (const source of sources) {
    let pulls = false;
    try {
      pulls = adapterInfo(source.kind).modes.includes("pull");
    } catch {
      continue; // unknown kind: shown as an error on the sources page, nothing to schedule
    }
    if (!pulls) continue;
    const intervalMs = Math.max(5, source.slaMinutes / 4) * 60_000;
    if (source.lastAttemptAt && now.getTime() - source.lastAttemptAt.getTime() < intervalMs) continue;
    const active = await db.syncRun.count({ where: { sourceId: source.id, status: { in: ["QUEUED", "RUNNING"] }, trigger: { in: ["manual", "schedule"] } } });
    if (active > 0) continue;
    const run = await createRun(db, source.id, "schedule", null);
    await db.dataSource.update({ where: { id: source.id }, data: { lastAttemptAt: now } });
    await boss.send(JOBS.ingestSync, { runId: run.id });
    queued.push(source.code);
  }
  return { queued };
}
