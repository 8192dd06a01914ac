/**
 * Worker process entry (`npm run worker`): consumes pg-boss jobs. Run as many as needed; pg-boss
 * hands each job to exactly one of them, and runs the escalation schedule once per tick across them.
 */
import { createPrismaClient } from "@/lib/server/prisma-client";
import { ESCALATE_CRON, INGEST_SCHEDULE_CRON, JOBS, startQueue } from "@/lib/server/jobs/queue";
import { handleDetectJob, type DetectJobData } from "@/lib/server/jobs/detect-job";
import { handleDetectIncrementalJobs, type DetectIncrementalJobData } from "@/lib/server/jobs/detect-incremental-job";
import { handleEscalateJob, type EscalateJobData } from "@/lib/server/jobs/escalate-job";
import { handleIngestSyncJob, type IngestSyncJobData } from "@/lib/server/jobs/ingest-sync-job";
import { handleIngestPayloadJob, type IngestPayloadJobData } from "@/lib/server/jobs/ingest-payload-job";
import { handleIngestScheduleJob } from "@/lib/server/jobs/ingest-schedule-job";

async function main() {
  const db = createPrismaClient();
  const boss = await startQueue(process.env.DATABASE_URL, { worker: true });
  await boss.work<DetectJobData>(JOBS.detect, { batchSize: 1 }, async ([job]) => handleDetectJob(db, job.data));
  // Up to 50 change events per fetch become one incremental run.
  await boss.work<DetectIncrementalJobData>(JOBS.detectIncremental, { batchSize: 50, pollingIntervalSeconds: 0.5 }, async (jobs) =>
    handleDetectIncrementalJobs(db, jobs.map((j) => j.data)),
  );
  await boss.work<EscalateJobData>(JOBS.escalate, { batchSize: 1 }, async ([job]) => handleEscalateJob(db, job.data));
  await boss.schedule(JOBS.escalate, ESCALATE_CRON);
  await boss.work<IngestSyncJobData>(JOBS.ingestSync, { batchSize: 1 }, async ([job]) => handleIngestSyncJob(db, boss, job.data));
  await boss.work<IngestPayloadJobData>(JOBS.ingestPayload, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) =>
    handleIngestPayloadJob(db, boss, job.data),
  );
  await boss.work(JOBS.ingestSchedule, { batchSize: 1 }, async () => handleIngestScheduleJob(db, boss));
  await boss.schedule(JOBS.ingestSchedule, INGEST_SCHEDULE_CRON);
  console.log("[worker] ready: consuming", Object.values(JOBS).join(", "), `(escalate on "${ESCALATE_CRON}")`);
  const stop = async () => {
    await boss.stop({ graceful: true, timeout: 20_000 });
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e) => {
  console.error("[worker] failed to start:", e);
  process.exit(1);
});
