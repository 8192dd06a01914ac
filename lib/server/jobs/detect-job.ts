import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { runDetectionPipeline, type DetectionRunSummary } from "@/lib/server/pipeline/run-detection";
import { markPayloadsDetected } from "@/lib/server/pipeline/mark-payloads-detected";
import { log } from "@/lib/server/log";

/** runIds: ingest runs that asked for this full pass (their payloads get stamped detectedAt when done). */
export type DetectJobData = { requestedBy?: string; asOf?: string; runIds?: string[] };

/** Job `detect`: one full detection run; the summary is stored as the job's output. */
export async function handleDetectJob(db: PrismaClient, data: DetectJobData): Promise<DetectionRunSummary> {
  const asOf = data.asOf ? new Date(data.asOf) : new Date();
  const summary = await runDetectionPipeline(db, asOf);
  log.info({ cases: summary.cases, created: summary.created, rescored: summary.rescored, autoResolved: summary.autoResolved, keptDismissed: summary.keptDismissed, ms: summary.ms }, "detection finished");
  await markPayloadsDetected(db, data.runIds ?? [], new Date());
  return summary;
}
