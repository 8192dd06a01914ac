/**
 * Worker process entry (`npm run worker`): consumes pg-boss jobs. Run as many as needed; pg-boss
 * hands each job to exactly one of them, and runs the escalation schedule once per tick across them.
 */
import { createPrismaClient } from "@/lib/server/prisma-client";
import { APPROVALS_EXPIRE_CRON, ESCALATE_CRON, INGEST_SCHEDULE_CRON, JOBS, KPI_REFRESH_CRON, LEARNING_PROPOSALS_CRON, startQueue, WRITEBACK_SWEEP_CRON } from "@/lib/server/jobs/queue";
import { handleDetectJob, type DetectJobData } from "@/lib/server/jobs/detect-job";
import { handleDetectIncrementalJobs, type DetectIncrementalJobData } from "@/lib/server/jobs/detect-incremental-job";
import { handleEscalateJob, type EscalateJobData } from "@/lib/server/jobs/escalate-job";
import { handleIngestSyncJob, type IngestSyncJobData } from "@/lib/server/jobs/ingest-sync-job";
import { handleIngestPayloadJobs, type IngestPayloadJobData } from "@/lib/server/jobs/ingest-payload-job";
import { handleIngestScheduleJob } from "@/lib/server/jobs/ingest-schedule-job";
import { handleWriteBackJob, type WriteBackJobData } from "@/lib/server/jobs/write-back-job";
import { sweepWriteBacks } from "@/lib/server/jobs/write-back-sweep-job";
import { handleExpireApprovalsJob, type ExpireApprovalsJobData } from "@/lib/server/jobs/expire-approvals-job";
import { logJobs } from "@/lib/server/jobs/job-logging";
import { errorFields, log } from "@/lib/server/log";
import { NOTIFY_DELIVER_CRON, handleNotifyDeliverJob, kickDelivery } from "@/lib/server/jobs/notify-deliver-job";
import { NOTIFY_DIGEST_CRON, handleNotifyDigestJob, type NotifyDigestJobData } from "@/lib/server/jobs/notify-digest-job";
import { listenForOutbox } from "@/lib/server/jobs/notify-listener";
import { handleKpiRefreshJob } from "@/lib/server/jobs/kpi-refresh-job";
import { handleLearningProposalsJob, type LearningProposalsJobData } from "@/lib/server/jobs/learning-proposals-job";

async function main() {
  const db = createPrismaClient();
  log.setBindings({ service: "worker" });
  const boss = await startQueue(process.env.DATABASE_URL, { worker: true });
  logJobs(boss); // one structured line per job: name, id, duration, outcome
  await boss.work<DetectJobData>(JOBS.detect, { batchSize: 1 }, async ([job]) => handleDetectJob(db, job.data));
  // Up to 50 change events per fetch become one incremental run. (200 was tried under bench:load: on a loaded machine
  // the bigger run's persist transaction outlived Prisma's 5 s interactive-transaction timeout and failed.)
  await boss.work<DetectIncrementalJobData>(JOBS.detectIncremental, { batchSize: 50, pollingIntervalSeconds: 0.5 }, async (jobs) =>
    handleDetectIncrementalJobs(db, jobs.map((j) => j.data)),
  );
  await boss.work<EscalateJobData>(JOBS.escalate, { batchSize: 1 }, async ([job]) => handleEscalateJob(db, job.data));
  await boss.schedule(JOBS.escalate, ESCALATE_CRON);
  await boss.work<IngestSyncJobData>(JOBS.ingestSync, { batchSize: 1 }, async ([job]) => handleIngestSyncJob(db, boss, job.data));
  // pg-boss fetches once per polling interval: take up to 40 payloads a fetch (webhook bursts), 4 at a time.
  await boss.work<IngestPayloadJobData>(JOBS.ingestPayload, { batchSize: 40, pollingIntervalSeconds: 0.5 }, async (jobs) =>
    handleIngestPayloadJobs(db, boss, jobs),
  );
  await boss.work(JOBS.ingestSchedule, { batchSize: 1 }, async () => handleIngestScheduleJob(db, boss));
  await boss.schedule(JOBS.ingestSchedule, INGEST_SCHEDULE_CRON);
  // Write-backs: one job per outbox row at a time (singletonKey); retries are scheduled by the row's nextAttemptAt.
  const sendWriteBackJob = (writeBackId: string, startAfter?: Date) => boss.send(JOBS.writeBackSend, { writeBackId }, { singletonKey: writeBackId, startAfter });
  await boss.work<WriteBackJobData>(JOBS.writeBackSend, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) =>
    handleWriteBackJob(db, job.data, { scheduleRetry: async (id, at) => void (await sendWriteBackJob(id, at)) }),
  );
  await boss.work(JOBS.writeBackSweep, { batchSize: 1 }, async () => sweepWriteBacks(db, (id) => sendWriteBackJob(id)));
  await boss.schedule(JOBS.writeBackSweep, WRITEBACK_SWEEP_CRON);
  await boss.work<ExpireApprovalsJobData>(JOBS.approvalsExpire, { batchSize: 1 }, async ([job]) => handleExpireApprovalsJob(db, job.data));
  await boss.schedule(JOBS.approvalsExpire, APPROVALS_EXPIRE_CRON);
  // Notifications: deliveries are sent as soon as their transaction commits (LISTEN), at retry times and every minute.
  await boss.work(JOBS.notifyDeliver, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async () => handleNotifyDeliverJob(db, boss));
  await boss.schedule(JOBS.notifyDeliver, NOTIFY_DELIVER_CRON);
  await boss.work<NotifyDigestJobData>(JOBS.notifyDigest, { batchSize: 1 }, async ([job]) => handleNotifyDigestJob(db, boss, job.data));
  await boss.schedule(JOBS.notifyDigest, NOTIFY_DIGEST_CRON);
  const outbox = await listenForOutbox(process.env.DATABASE_URL!, () => kickDelivery(boss));
  await kickDelivery(boss); // rows recorded while no worker was running
  await boss.work<LearningProposalsJobData>(JOBS.learningProposals, { batchSize: 1 }, async ([job]) => handleLearningProposalsJob(db, job.data));
  await boss.schedule(JOBS.learningProposals, LEARNING_PROPOSALS_CRON);
  await boss.work(JOBS.kpiRefresh, { batchSize: 1 }, async () => handleKpiRefreshJob(db));
  await boss.schedule(JOBS.kpiRefresh, KPI_REFRESH_CRON);
  // playwright.config.ts waits for "[worker] ready" on stdout.
  log.info({ queues: Object.values(JOBS), escalateCron: ESCALATE_CRON }, "[worker] ready");
  const stop = async () => {
    await outbox.close();
    await boss.stop({ graceful: true, timeout: 20_000 });
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e) => {
  log.fatal(errorFields(e), "worker failed to start");
  process.exit(1);
});
