/**
 * Turns a stored raw payload back into batches of canonical records, the same way on first processing and on replay:
 * API pages and webhook bodies through the adapter's pure transform; big files (CSV/XLSX, EDI) streamed in batches so
 * memory stays flat whatever the file size.
 */
import type { CanonicalRecord, RecordIssue } from "@/lib/domain/canonical/records";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { adapterInfo } from "@/lib/adapters/registry";
import { readPayload, readPayloadText, storePayload } from "./store-payload";
import { transformStream } from "@/lib/adapters/x12/x12-adapter";
import { openTable } from "@/lib/adapters/csv/open-table";
import { mapTable, type RowEnricher } from "@/lib/adapters/csv/map-table";
import { presetById } from "@/lib/adapters/csv/presets";
import { ColumnMapping } from "@/lib/adapters/csv/mapping";
import { z } from "zod";

/** How an uploaded table is read: stored with the run when the admin confirms the import. */
export const fileImportOptions = z.object({
  format: z.enum(["csv", "xlsx"]).optional(),
  mapping: ColumnMapping,
  /** A preset whose enrichment reads a companion file of the same source (e.g. ProductVendor.csv for lead times). */
  presetId: z.string().optional(),
  importedAt: z.coerce.date().optional(),
});
export type FileImportOptions = z.infer<typeof fileImportOptions>;

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

/** Counts bytes as they stream past, so a file import reports progress against the file size. */
async function* counting(source: AsyncIterable<Buffer>, counter: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

/** The newest companion file of the same source that a preset's enrichment needs, read once into a row enricher. */
export async function findCompanionPayload(db: PrismaClient, sourceId: string, pattern: RegExp) {
  const candidates = await db.rawPayload.findMany({
    where: { sourceId, kind: "file", direction: "IN" },
    orderBy: { receivedAt: "desc" },
    take: 100,
    select: { id: true, fileName: true, receivedAt: true },
  });
  return candidates.find((c) => c.fileName && pattern.test(c.fileName)) ?? null;
}

async function companionEnrichment(db: PrismaClient, payload: PayloadForProcessing, options: FileImportOptions): Promise<{ enrich: RowEnricher; mapping: ColumnMapping } | null> {
  const preset = options.presetId ? presetById(options.presetId) : undefined;
  const enrichment = preset?.enrichment;
  if (!preset || !enrichment) return null;
  // The enrichment's mapping replaces the preset's; a mapping the admin edited is used as edited, without enrichment.
  if (JSON.stringify(options.mapping) !== JSON.stringify(preset.mapping)) return null;
  const companion = await findCompanionPayload(db, payload.source.id, enrichment.fileNamePattern);
  if (!companion) return null;
  const table = await openTable(readPayload(db, companion.id), { fileName: companion.fileName ?? undefined });
  return { enrich: await enrichment.build(table.rows), mapping: enrichment.mapping };
}

/** A CSV/XLSX file streamed row by row through its column mapping; never held in memory whole. */
async function* tableBatches(db: PrismaClient, payload: PayloadForProcessing, options: FileImportOptions): AsyncGenerator<RecordBatch> {
  const counter = { bytes: 0 };
  const table = await openTable(counting(readPayload(db, payload.id), counter), { fileName: payload.fileName ?? undefined, format: options.format, skipRows: options.mapping.skipRows });
  const enrichment = await companionEnrichment(db, payload, options);
  let batch: RecordBatch = { records: [], issues: [] };
  for await (const row of mapTable(table, enrichment?.mapping ?? options.mapping, { enrich: enrichment?.enrich, sourceLabel: payload.fileName ?? "file", context: { importedAt: options.importedAt ?? new Date() } })) {
    if ("record" in row) batch.records.push(row.record);
    else if ("issue" in row) batch.issues.push(row.issue);
    if (batch.records.length + batch.issues.length >= BATCH_SIZE) {
      yield { ...batch, progressDone: counter.bytes };
      batch = { records: [], issues: [] };
    }
  }
  yield { ...batch, progressDone: counter.bytes };
}

/**
 * An X12 file streamed one transaction set at a time. At the end of each interchange the 997 functional
 * acknowledgement is generated and stored as an outbound payload of the same source, ready to send back.
 */
async function* ediBatches(db: PrismaClient, payload: PayloadForProcessing): AsyncGenerator<RecordBatch> {
  const { adapter } = adapterInfo(payload.source.kind);
  const config = adapter.configSchema.parse(payload.source.config ?? {});
  const counter = { bytes: 0 };
  const ack = { now: new Date(), controlNumbers: (received: { header: { controlNumber: string | null; ordinal: number } }) => {
    // Our 997 reuses the received control number: unique per partner interchange, so traceable both ways.
    const n = Number(received.header.controlNumber ?? received.header.ordinal);
    return { interchange: Number.isFinite(n) ? n % 1_000_000_000 : received.header.ordinal, group: 1 };
  } };
  let batch: RecordBatch = { records: [], issues: [] };
  for await (const chunk of transformStream(counting(readPayload(db, payload.id), counter), config as never, ack as never)) {
    batch.records.push(...chunk.records);
    batch.issues.push(...chunk.issues);
    if (chunk.ack) {
      await storePayload(db, { sourceId: payload.source.id, kind: "edi", contentType: "application/edi-x12", direction: "OUT", fileName: `997 for ${chunk.position}`, idempotencyKey: `997:${payload.id}:${chunk.position}` }, chunk.ack);
    }
    if (batch.records.length + batch.issues.length >= BATCH_SIZE) {
      yield { ...batch, progressDone: counter.bytes };
      batch = { records: [], issues: [] };
    }
  }
  yield { ...batch, progressDone: counter.bytes };
}

export async function* payloadBatches(db: PrismaClient, payload: PayloadForProcessing, fileOptions: unknown): AsyncGenerator<RecordBatch> {
  if (payload.kind === "edi" && payload.source.kind === "x12") {
    yield* ediBatches(db, payload);
    return;
  }
  if (payload.kind === "file") {
    const parsed = fileImportOptions.safeParse(fileOptions);
    if (!parsed.success) throw new Error(`This file has no valid column mapping yet: ${parsed.error.issues[0]?.message ?? "map its columns first"}`);
    yield* tableBatches(db, payload, parsed.data);
    return;
  }
  const { adapter } = adapterInfo(payload.source.kind);
  const config = adapter.configSchema.parse(payload.source.config ?? {});
  const body = await readPayloadText(db, payload.id);
  yield* inBatches(adapter.transform({ kind: payload.kind as "api-page", contentType: payload.contentType, label: payload.fileName ?? payload.kind, body }, config));
}
