import "server-only";
import type PgBoss from "pg-boss";
import { JOBS, startQueue, type JobName } from "@/lib/server/jobs/queue";
import type { DetectIncrementalJobData } from "@/lib/server/jobs/detect-incremental-job";

const globalForQueue = globalThis as unknown as { workbenchQueue?: Promise<PgBoss> };

/** Enqueue a background job from a web request (one producer client per web process). */
export async function enqueue(name: JobName, data: object = {}, options: PgBoss.SendOptions = {}): Promise<string | null> {
  globalForQueue.workbenchQueue ??= startQueue(process.env.DATABASE_URL, { worker: false });
  const boss = await globalForQueue.workbenchQueue;
  return boss.send(name, data, options);
}

/** Ask a worker to re-detect what a change touched (item-locations, or the orders that changed). */
export async function enqueueIncrementalDetection(keys: DetectIncrementalJobData): Promise<string | null> {
  return enqueue(JOBS.detectIncremental, keys);
}
