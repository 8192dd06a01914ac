import "server-only";
/**
 * EDI imports: an X12 file uploaded from the browser is already stored as a raw payload (kind "edi"); importing it
 * needs no column mapping — the X12 adapter reads every transaction set and the worker stores the 997 to send back.
 */
import { prisma } from "@/lib/server/db";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { AppError } from "@/lib/server/errors";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { JOBS } from "@/lib/server/jobs/queue";
import { createRun } from "@/lib/server/ingest/sync-runs";

/** Queue the import of an uploaded EDI file in a new "upload" run; the worker processes it with progress. */
export async function startEdiImport(viewer: Viewer, payloadId: string) {
  authorize(viewer, "admin.manage");
  const payload = await prisma.rawPayload.findUnique({ where: { id: payloadId }, select: { id: true, kind: true, direction: true, sourceId: true, fileName: true, source: { select: { kind: true } } } });
  // Outbound 997s are ours to send, never to import.
  if (!payload || payload.kind !== "edi" || payload.direction !== "IN") throw new AppError("NOT_FOUND", "No such uploaded EDI file");
  if (payload.source.kind !== "x12") throw new AppError("INVALID", "This source does not import EDI files");
  const run = await createRun(prisma, payload.sourceId, "upload", viewer.id, { fileName: payload.fileName });
  await prisma.rawPayload.update({ where: { id: payloadId }, data: { runId: run.id } });
  await enqueue(JOBS.ingestPayload, { payloadId, runId: run.id });
  await prisma.$transaction((tx) =>
    appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "payload.import_started", entityType: "RawPayload", entityId: payloadId, after: { runId: run.id, kind: "edi" } }),
  );
  return { runId: run.id };
}
