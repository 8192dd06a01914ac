/**
 * Job `kpi.refresh` (cron, every 15 minutes): refresh the KPI dashboard's snapshot views. Idempotent; `stately` so a
 * slow refresh is never stacked behind another.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { refreshKpiSnapshots } from "@/lib/server/kpi/refresh";
import { log } from "@/lib/server/log";

export async function handleKpiRefreshJob(db: PrismaClient): Promise<{ ms: number; views: number }> {
  const r = await refreshKpiSnapshots(db);
  log.info(r, "kpi.refresh: snapshot views refreshed");
  return r;
}
