/**
 * Worker process entry (`npm run worker`): consumes pg-boss jobs. Run as many as needed; pg-boss
 * hands each job to exactly one of them.
 */
import { createPrismaClient } from "@/lib/server/prisma-client";
import { JOBS, startQueue } from "@/lib/server/jobs/queue";
import { handleDetectJob, type DetectJobData } from "@/lib/server/jobs/detect-job";

async function main() {
  const db = createPrismaClient();
  const boss = await startQueue(process.env.DATABASE_URL, { worker: true });
  await boss.work<DetectJobData>(JOBS.detect, { batchSize: 1 }, async ([job]) => handleDetectJob(db, job.data));
  console.log("[worker] ready: consuming", Object.values(JOBS).join(", "));
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
