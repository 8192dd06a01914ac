import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { processPayload } from "@/lib/server/ingest/process-payload";
import { finishRun, markRunStarted } from "@/lib/server/ingest/sync-runs";
import { changeKeysFor } from "@/lib/server/ingest/change-keys";
import { JOBS } from "@/lib/server/jobs/queue";
import { errorFields, log } from "@/lib/server/log";

export type IngestPayloadJobData = { payloadId: string; runId: string };

/**
 * Job `ingest.payload`: process one stored payload (upload, EDI file, webhook body, replay) inside its run.
 * A retry after a crash re-processes the payload from the start: idempotent upserts, quarantine rows replaced.
 */
export async function handleIngestPayloadJob(db: PrismaClient, boss: PgBoss, data: IngestPayloadJobData) {
  const payload = await db.rawPayload.findUniqueOrThrow({ where: { id: data.payloadId }, select: { sizeBytes: true, kind: true } });
  const run = await db.syncRun.findUniqueOrThrow({ where: { id: data.runId }, select: { details: true } });
  await markRunStarted(db, data.runId, payload.kind === "file" || payload.kind === "edi" ? Number(payload.sizeBytes) : null);
  try {
    const result = await processPayload(db, data.payloadId, data.runId, (run.details as { file?: unknown }).file ?? null);
    await finishRun(db, data.runId, { details: { byEntity: result.byEntity, stale: result.stale } });
    const keys = await changeKeysFor(db, result.touched);
    // The run id lets detection stamp this run's payloads when it has covered them (event latency).
    if (keys === "full") await boss.send(JOBS.detect, { requestedBy: "ingest", runIds: [data.runId] });
    else if (keys) await boss.send(JOBS.detectIncremental, { ...keys, runIds: [data.runId] });
    return { read: result.read, accepted: result.accepted, quarantined: result.quarantined };
  } catch (e) {
    await finishRun(db, data.runId, { error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

/** Jobs of one fetch processed side by side: PostgreSQL and the worker overlap their round trips. */
const PAYLOAD_LANES = 4;

/**
 * A fetched batch of `ingest.payload` jobs (webhook events arrive one payload each, up to thousands a minute; pg-boss
 * fetches once per polling interval, so one job per fetch would cap a worker at two payloads a second). Each job
 * succeeds or fails on its own: a failed one is failed in pg-boss by id (retried per the queue's policy) and the rest
 * complete — pg-boss completes only jobs still active, so the failed one stays failed.
 */
export async function handleIngestPayloadJobs(db: PrismaClient, boss: PgBoss, jobs: PgBoss.Job<IngestPayloadJobData>[]) {
  let next = 0;
  let failed = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      try {
        await handleIngestPayloadJob(db, boss, job.data);
      } catch (e) {
        failed++;
        log.error({ jobId: job.id, payloadId: job.data.payloadId, ...errorFields(e) }, "ingest.payload job failed");
        await boss.fail(JOBS.ingestPayload, job.id, { message: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PAYLOAD_LANES, jobs.length) }, lane));
  return { jobs: jobs.length, failed };
}
