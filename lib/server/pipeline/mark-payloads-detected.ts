import type { PrismaClient } from "@/lib/server/generated/prisma/client";

/**
 * Stamp the received payloads of these sync runs with the time the detection run covering their
 * changes finished (first run only). receivedAt → detectedAt is the event latency on the admin
 * System health page. Ingest jobs pass their run id along with the detection job they enqueue.
 */
export async function markPayloadsDetected(db: PrismaClient, runIds: readonly string[], finishedAt: Date): Promise<number> {
  const ids = [...new Set(runIds)];
  if (ids.length === 0) return 0;
  return db.$executeRaw`UPDATE "RawPayload" SET "detectedAt" = ${finishedAt} WHERE "runId" = ANY(${ids}::text[]) AND direction = 'IN' AND "detectedAt" IS NULL`;
}
