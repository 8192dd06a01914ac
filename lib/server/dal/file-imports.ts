import "server-only";
/**
 * File imports (CSV/XLSX): the browser streams the file in, it is stored as a raw payload (1 MiB chunks), the admin
 * maps columns against a preview of the first rows, and the import runs in a worker with progress — so a 1M-line
 * file never sits in a web process's memory and survives a restart half-way.
 */
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { AppError } from "@/lib/server/errors";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { JOBS } from "@/lib/server/jobs/queue";
import { adapterInfo } from "@/lib/adapters/registry";
import { readPayload, storePayloadStream } from "@/lib/server/ingest/store-payload";
import { createRun } from "@/lib/server/ingest/sync-runs";
import { findCompanionPayload, type FileImportOptions } from "@/lib/server/ingest/payload-batches";
import { openTable, tableFormat } from "@/lib/adapters/csv/open-table";
import { previewRows, suggestMapping, type ColumnMapping } from "@/lib/adapters/csv/mapping";
import { FILE_PRESETS, presetById, presetForFile } from "@/lib/adapters/csv/presets";

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

async function uploadSource(sourceId: string) {
  const source = await prisma.dataSource.findUnique({ where: { id: sourceId } });
  if (!source) throw new AppError("NOT_FOUND", "No such data source");
  if (!adapterInfo(source.kind).modes.includes("upload")) throw new AppError("INVALID", `${source.name} does not take file uploads`);
  return source;
}

/** Store an uploaded file (streamed). A file identical to one already stored for this source is reported, not duplicated. */
export async function storeUpload(viewer: Viewer, sourceId: string, file: { name: string; contentType: string; body: AsyncIterable<Uint8Array> }) {
  authorize(viewer, "admin.manage");
  const source = await uploadSource(sourceId);
  const isEdi = source.kind === "x12";
  const stored = await storePayloadStream(prisma, { sourceId, kind: isEdi ? "edi" : "file", contentType: file.contentType, fileName: file.name }, file.body);
  await prisma.$transaction((tx) =>
    appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "payload.uploaded", entityType: "RawPayload", entityId: stored.id, after: { fileName: file.name, sizeBytes: stored.sizeBytes, duplicate: stored.duplicate } }),
  );
  return stored;
}

/** Headers, the suggested (or saved, or preset) mapping, and the first rows mapped with their per-row errors. */
export async function previewUpload(viewer: Viewer, payloadId: string, request: { entity?: string; mapping?: ColumnMapping; rows?: number }) {
  authorize(viewer, "admin.manage");
  const payload = await prisma.rawPayload.findUnique({ where: { id: payloadId }, select: { id: true, sourceId: true, fileName: true, kind: true, sizeBytes: true } });
  if (!payload || payload.kind !== "file") throw new AppError("NOT_FOUND", "No such uploaded file");
  const format = tableFormat(payload.fileName ?? undefined);
  const headerTable = await openTable(readPayload(prisma, payloadId), { fileName: payload.fileName ?? undefined, skipRows: request.mapping?.skipRows });
  const headers = headerTable.headers;
  const preset = presetForFile(payload.fileName ?? "");
  let mapping = request.mapping;
  let mappingOrigin: "yours" | "saved" | "preset" | "suggested" = "yours";
  if (!mapping) {
    const entity = request.entity ?? preset?.entity;
    const saved = entity ? await prisma.importMapping.findUnique({ where: { sourceId_entity: { sourceId: payload.sourceId, entity } } }) : null;
    if (saved) {
      mapping = saved.mapping as unknown as ColumnMapping;
      mappingOrigin = "saved";
    } else if (preset && (!request.entity || request.entity === preset.entity)) {
      mapping = preset.mapping;
      mappingOrigin = "preset";
    } else if (entity) {
      mapping = suggestMapping(headers, entity as ColumnMapping["entity"]).mapping;
      mappingOrigin = "suggested";
    }
  }
  const presetInfo = preset
    ? {
        id: preset.id,
        label: preset.label,
        notes: preset.notes,
        enrichment: preset.enrichment
          ? { description: preset.enrichment.description, companionFileName: (await findCompanionPayload(prisma, payload.sourceId, preset.enrichment.fileNamePattern))?.fileName ?? null }
          : null,
      }
    : null;
  if (!mapping) return { payloadId, preset: presetInfo, fileName: payload.fileName, sizeBytes: Number(payload.sizeBytes), format, headers, mapping: null, mappingOrigin: null, preview: null, presets: FILE_PRESETS.map((p) => ({ id: p.id, label: p.label, entity: p.entity })) };
  // Re-open: the header read consumed the start of the stream.
  const table = await openTable(readPayload(prisma, payloadId), { fileName: payload.fileName ?? undefined, skipRows: mapping.skipRows });
  const preview = await previewRows(table, mapping, Math.min(request.rows ?? 20, 100), { sourceLabel: payload.fileName ?? "file", context: { importedAt: new Date() } });
  return { payloadId, preset: presetInfo, fileName: payload.fileName, sizeBytes: Number(payload.sizeBytes), format, headers, mapping, mappingOrigin, preview, presets: FILE_PRESETS.map((p) => ({ id: p.id, label: p.label, entity: p.entity })) };
}

/** Confirm the mapping and import in the background; the mapping is saved for the next file of this source and entity. */
export async function startFileImport(viewer: Viewer, payloadId: string, mapping: ColumnMapping, saveMapping: boolean, presetId?: string) {
  authorize(viewer, "admin.manage");
  const payload = await prisma.rawPayload.findUnique({ where: { id: payloadId } });
  if (!payload || (payload.kind !== "file" && payload.kind !== "edi")) throw new AppError("NOT_FOUND", "No such uploaded file");
  const file: FileImportOptions | undefined = payload.kind === "file" ? { mapping, presetId: presetId && presetById(presetId) ? presetId : undefined, format: tableFormat(payload.fileName ?? undefined), importedAt: new Date() } : undefined;
  if (saveMapping && payload.kind === "file") {
    await prisma.importMapping.upsert({
      where: { sourceId_entity: { sourceId: payload.sourceId, entity: mapping.entity } },
      create: { sourceId: payload.sourceId, entity: mapping.entity, mapping: mapping as unknown as Prisma.InputJsonValue },
      update: { mapping: mapping as unknown as Prisma.InputJsonValue },
    });
  }
  const run = await createRun(prisma, payload.sourceId, "upload", viewer.id, { file, fileName: payload.fileName });
  await prisma.rawPayload.update({ where: { id: payloadId }, data: { runId: run.id } });
  await enqueue(JOBS.ingestPayload, { payloadId, runId: run.id });
  await prisma.$transaction((tx) =>
    appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "payload.import_started", entityType: "RawPayload", entityId: payloadId, after: { runId: run.id, entity: mapping.entity, mappingSaved: saveMapping } }),
  );
  return { runId: run.id };
}
