/**
 * Refreshes the KPI snapshot views (migration kpi_snapshots) CONCURRENTLY — dashboard readers never wait — and records
 * when. Called by the kpi.refresh job (cron), after demo seeding and by the benchmark.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";

/** In refresh order: kpi_case_daily is built from kpi_case_facts. */
export const KPI_SNAPSHOT_VIEWS = ["kpi_case_facts", "kpi_case_daily", "kpi_actor_daily", "kpi_po_line_facts", "kpi_so_order_facts", "kpi_exception_facts", "kpi_action_facts"] as const;

export async function refreshKpiSnapshots(db: PrismaClient, now = new Date()): Promise<{ ms: number; views: number }> {
  const t = Date.now();
  // One view at a time: CONCURRENTLY cannot run inside a transaction block, and two at once would only compete for 2 cores.
  // VACUUM (ANALYZE) after each: fresh statistics (a stale row estimate of hundreds instead of 150k picked sorts that
  // spilled to disk) and a visibility map, so the covering indexes are read index-only.
  for (const v of KPI_SNAPSHOT_VIEWS) {
    await db.$executeRawUnsafe(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${v}`);
    await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${v}`);
  }
  const ms = Date.now() - t;
  await db.kpiSnapshotRefresh.upsert({ where: { id: 1 }, create: { id: 1, refreshedAt: now, ms }, update: { refreshedAt: now, ms } });
  return { ms, views: KPI_SNAPSHOT_VIEWS.length };
}
