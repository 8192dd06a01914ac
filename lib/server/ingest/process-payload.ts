/**
 * Process one stored payload: batches of canonical records are written and their issues quarantined in one
 * transaction per batch. Re-processing the same payload (a retry after a crash, or a replay) is safe: writes are
 * idempotent upserts and the payload's earlier open quarantine rows are replaced, so nothing is lost or duplicated.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { payloadBatches, type RecordBatch } from "./payload-batches";
import type { CanonicalRecord } from "@/lib/domain/canonical/records";
import { storableText } from "@/lib/utils/storable-text";
import { addRunProgress } from "./sync-runs";
import type { WriteSummary } from "./write-canonical";
import { mergeSummaries, writeIsolating, type BatchOutcome } from "./write-isolating";

export interface ProcessResult {
  read: number;
  accepted: number;
  stale: number;
  quarantined: number;
  touched: WriteSummary["touched"];
  byEntity: Record<string, number>;
}

/** Lanes written in parallel for big single-entity batches (file imports): PostgreSQL then uses both cores. */
const LANES = 2;
const LANE_MIN_RECORDS = 2_000;

/**
 * Which lane a record goes to: every record of one object (same PO, order, SKU at a location…) always lands in the
 * same lane, in file order, so "the later row wins" still holds; lanes never touch the same rows, so they cannot
 * deadlock.
 */
function laneOf(record: CanonicalRecord): number {
  const d = record.data as Record<string, unknown>;
  const key = `${d.poNumber ?? d.soNumber ?? d.number ?? d.code ?? d.externalKey ?? ""}|${d.sku ?? ""}|${d.locationCode ?? ""}`;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(h) % LANES;
}

/**
 * One batch, each lane in its own transaction. Lanes are used only when the whole batch is one entity: a mixed batch
 * (a supplier and its POs in one webhook) must be written in dependency order inside one transaction.
 */
async function writeBatch(db: PrismaClient, source: { id: string; code: string }, ids: { runId: string | null; payloadId: string }, batch: RecordBatch): Promise<BatchOutcome> {
  const singleEntity = batch.records.length >= LANE_MIN_RECORDS && batch.records.every((r) => r.entity === batch.records[0].entity);
  const lanes: CanonicalRecord[][] = singleEntity ? Array.from({ length: LANES }, () => []) : [batch.records];
  if (singleEntity) for (const r of batch.records) lanes[laneOf(r)].push(r);
  const outcomes = await Promise.all(lanes.map((records, lane) => writeIsolating(db, { source, ids }, records, lane === 0 ? batch.issues : [])));
  return outcomes.reduce((a, b) => ({ written: mergeSummaries(a.written, b.written), quarantined: a.quarantined + b.quarantined }));
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
      const outcome = await writeBatch(db, payload.source, { runId, payloadId }, batch);
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
    await db.rawPayload.update({ where: { id: payloadId }, data: { status: "FAILED", error: storableText(String((e as Error).message).slice(0, 2000)) } });
    throw e;
  }
}
