/**
 * Process one stored payload: batches of canonical records are written and their issues quarantined in one
 * transaction per batch. Re-processing the same payload (a retry after a crash, or a replay) is safe: writes are
 * idempotent upserts and the payload's earlier open quarantine rows are replaced, so nothing is lost or duplicated.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { payloadBatches } from "./payload-batches";
import { inIngestTransaction } from "./pg-transaction";
import { quarantineIssues } from "./quarantine";
import { addRunProgress } from "./sync-runs";
import { writeCanonicalRecords, type WriteSummary } from "./write-canonical";

export interface ProcessResult {
  read: number;
  accepted: number;
  stale: number;
  quarantined: number;
  touched: WriteSummary["touched"];
  byEntity: Record<string, number>;
}

export async function processPayload(db: PrismaClient, payloadId: string, runId: string | null, fileOptions: unknown = null): Promise<ProcessResult> {
  const payload = await db.rawPayload.findUniqueOrThrow({
    where: { id: payloadId },
    select: { id: true, kind: true, contentType: true, fileName: true, sizeBytes: true, source: { select: { id: true, code: true, kind: true, config: true } } },
  });
  const result: ProcessResult = {
    read: 0,
    accepted: 0,
    stale: 0,
    quarantined: 0,
    touched: { skus: [], locationCodes: [], poNumbers: [], soNumbers: [], transferNumbers: [] },
    byEntity: {},
  };
  try {
    await db.quarantinedRecord.deleteMany({ where: { payloadId, status: "OPEN" } });
    // Read ahead: the next batch is parsed and mapped while this one is written (CPU here, I/O in PostgreSQL).
    const batches = payloadBatches(db, payload, fileOptions)[Symbol.asyncIterator]();
    let upcoming = batches.next();
    // If writing fails, the read-ahead's own failure must not surface later as an unhandled rejection.
    upcoming.catch(() => undefined);
    for (;;) {
      const step = await upcoming;
      if (step.done) break;
      const batch = step.value;
      upcoming = batches.next();
      upcoming.catch(() => undefined);
      const outcome = await inIngestTransaction(db, async (tx) => {
        const written = await writeCanonicalRecords(tx, payload.source.code, batch.records);
        const quarantined = await quarantineIssues(tx, { sourceId: payload.source.id, runId, payloadId }, [...batch.issues, ...written.issues]);
        return { written, quarantined };
      });
      const read = batch.records.length + batch.issues.length;
      result.read += read;
      result.accepted += outcome.written.accepted;
      result.stale += outcome.written.stale;
      result.quarantined += outcome.quarantined;
      for (const [entity, n] of Object.entries(outcome.written.byEntity)) result.byEntity[entity] = (result.byEntity[entity] ?? 0) + (n ?? 0);
      for (const key of Object.keys(result.touched) as (keyof ProcessResult["touched"])[]) {
        // Only a bounded sample of keys is kept for incremental detection; a huge import triggers a full run instead.
        if (result.touched[key].length < 10_000) result.touched[key].push(...outcome.written.touched[key]);
      }
      if (runId) await addRunProgress(db, runId, { read, accepted: outcome.written.accepted, quarantined: outcome.quarantined, progressDone: batch.progressDone });
    }
    await db.rawPayload.update({
      where: { id: payloadId },
      data: { status: result.quarantined > 0 ? "PARTIAL" : "PROCESSED", processedAt: new Date(), error: null },
    });
    return result;
  } catch (e) {
    await db.rawPayload.update({ where: { id: payloadId }, data: { status: "FAILED", error: (e as Error).message.slice(0, 2000) } });
    throw e;
  }
}
