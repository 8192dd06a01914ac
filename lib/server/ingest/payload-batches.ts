/**
 * Turns a stored raw payload back into batches of canonical records, the same way on first processing and on replay:
 * API pages and webhook bodies through the adapter's pure transform; big files (CSV/XLSX, EDI) streamed in batches so
 * memory stays flat whatever the file size.
 */
import type { CanonicalRecord, RecordIssue } from "@/lib/domain/canonical/records";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { adapterInfo } from "@/lib/adapters/registry";
import { readPayloadText } from "./store-payload";

export interface RecordBatch {
  records: CanonicalRecord[];
  issues: RecordIssue[];
  /** Progress in the payload's own unit (bytes read for files, records for pages). */
  progressDone?: number;
}

export const BATCH_SIZE = 5_000;

export interface PayloadForProcessing {
  id: string;
  kind: string;
  contentType: string;
  fileName: string | null;
  sizeBytes: bigint;
  source: { id: string; code: string; kind: string; config: unknown };
}

/** Split one transform result into batches of BATCH_SIZE records. */
function* inBatches(result: { records: CanonicalRecord[]; issues: RecordIssue[] }): Generator<RecordBatch> {
  if (result.records.length === 0) {
    yield { records: [], issues: result.issues };
    return;
  }
  for (let i = 0; i < result.records.length; i += BATCH_SIZE) {
    yield { records: result.records.slice(i, i + BATCH_SIZE), issues: i === 0 ? result.issues : [], progressDone: Math.min(i + BATCH_SIZE, result.records.length) };
  }
}

export async function* payloadBatches(db: PrismaClient, payload: PayloadForProcessing, fileOptions: unknown): AsyncGenerator<RecordBatch> {
  void fileOptions;
  const { adapter } = adapterInfo(payload.source.kind);
  const config = adapter.configSchema.parse(payload.source.config ?? {});
  const body = await readPayloadText(db, payload.id);
  yield* inBatches(adapter.transform({ kind: payload.kind as "api-page", contentType: payload.contentType, label: payload.fileName ?? payload.kind, body }, config));
}
