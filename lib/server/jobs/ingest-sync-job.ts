import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { runPullSync } from "@/lib/server/ingest/run-sync";
import { changeKeysFor } from "@/lib/server/ingest/change-keys";
import { JOBS } from "@/lib/server/jobs/queue";
import { log } from "@/lib/server/log";

export type IngestSyncJobData = { runId: string };

/** Job `ingest.sync`: pull one source, then ask detection to look at what changed. */
export async function handleIngestSyncJob(db: PrismaClient, boss: PgBoss, data: IngestSyncJobData) {
  const outcome = await runPullSync(db, data.runId);
  const keys = await changeKeysFor(db, outcome.touched);
  // The run id lets detection stamp this run's payloads when it has covered them (event latency).
  if (keys === "full") await boss.send(JOBS.detect, { requestedBy: "ingest", runIds: [data.runId] });
  else if (keys) await boss.send(JOBS.detectIncremental, { ...keys, runIds: [data.runId] });
  log.info({ runId: data.runId, status: outcome.status, pages: outcome.pages, accepted: outcome.accepted }, "ingest.sync finished");
  return { status: outcome.status, pages: outcome.pages, accepted: outcome.accepted };
}
