/** Sync run bookkeeping: every sync, upload, EDI file and webhook batch is a SyncRun with counts and timing. */
import type { PrismaClient, SyncRunStatus } from "@/lib/server/generated/prisma/client";
import { SOURCE_UNHEALTHY_AFTER_FAILURES } from "@/lib/domain/ops/health";

export async function createRun(db: PrismaClient, sourceId: string, trigger: string, requestedById: string | null, details: object = {}) {
  return db.syncRun.create({ data: { sourceId, trigger, requestedById, details: details as object } });
}

export async function markRunStarted(db: PrismaClient, runId: string, progressTotal: number | null) {
  const source = await db.syncRun.update({
    where: { id: runId },
    data: { status: "RUNNING", startedAt: new Date(), progressTotal: progressTotal == null ? null : BigInt(progressTotal), read: 0, accepted: 0, quarantined: 0, error: null },
    select: { source: { select: { id: true, cursor: true } } },
  });
  await db.dataSource.update({ where: { id: source.source.id }, data: { lastAttemptAt: new Date() } });
  return source.source;
}

export async function addRunProgress(db: PrismaClient, runId: string, delta: { read: number; accepted: number; quarantined: number; progressDone?: number }) {
  await db.syncRun.update({
    where: { id: runId },
    data: {
      read: { increment: delta.read },
      accepted: { increment: delta.accepted },
      quarantined: { increment: delta.quarantined },
      ...(delta.progressDone != null ? { progressDone: BigInt(delta.progressDone) } : {}),
    },
  });
}

/**
 * Close a run. A run that read records and quarantined some is PARTIAL; the source counts as fresh when the run
 * reached the end (SUCCEEDED or PARTIAL): freshness is about the feed working, quarantine is about record quality.
 */
export async function finishRun(db: PrismaClient, runId: string, outcome: { error?: string | null; cursorAfter?: unknown; details?: object }) {
  const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
  const status: SyncRunStatus = outcome.error ? "FAILED" : run.quarantined > 0 ? "PARTIAL" : "SUCCEEDED";
  const now = new Date();
  await db.syncRun.update({
    where: { id: runId },
    data: {
      status,
      finishedAt: now,
      error: outcome.error ?? null,
      cursorAfter: outcome.cursorAfter === undefined ? undefined : (outcome.cursorAfter as object),
      details: { ...(run.details as object), ...(outcome.details ?? {}) },
      progressDone: run.progressTotal ?? run.progressDone,
    },
  });
  await db.dataSource.update({
    where: { id: run.sourceId },
    data: outcome.error ? { lastError: outcome.error } : { lastSuccessAt: now, lastError: null },
  });
  return status;
}

/**
 * Source health after a pull: a good pull clears the failure streak; a failed one extends it and, at the limit, stamps
 * `unhealthySince` (kept from the first time, so "unhealthy for 2 h" is true). One statement: two workers finishing
 * runs of the same source cannot lose an increment.
 */
export async function recordPullOutcome(db: PrismaClient, sourceId: string, ok: boolean): Promise<{ consecutiveFailures: number; unhealthySince: Date | null }> {
  const rows = ok
    ? await db.$queryRaw<{ consecutiveFailures: number; unhealthySince: Date | null }[]>`
        UPDATE "DataSource" SET "consecutiveFailures" = 0, "unhealthySince" = NULL WHERE id = ${sourceId}
        RETURNING "consecutiveFailures", "unhealthySince"`
    : await db.$queryRaw<{ consecutiveFailures: number; unhealthySince: Date | null }[]>`
        UPDATE "DataSource" SET "consecutiveFailures" = "consecutiveFailures" + 1,
          "unhealthySince" = CASE WHEN "unhealthySince" IS NULL AND "consecutiveFailures" + 1 >= ${SOURCE_UNHEALTHY_AFTER_FAILURES}
                                  THEN now() AT TIME ZONE 'UTC' ELSE "unhealthySince" END
        WHERE id = ${sourceId}
        RETURNING "consecutiveFailures", "unhealthySince"`;
  return rows[0] ?? { consecutiveFailures: 0, unhealthySince: null };
}
