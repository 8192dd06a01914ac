import "server-only";
/** What the import screen needs to know about a stored upload, e.g. when an identical file was first received. */
import { prisma } from "@/lib/server/db";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { AppError } from "@/lib/server/errors";

export async function findUploadedFile(viewer: Viewer, payloadId: string) {
  authorize(viewer, "admin.manage");
  const p = await prisma.rawPayload.findUnique({
    where: { id: payloadId },
    select: { id: true, sourceId: true, kind: true, direction: true, fileName: true, sizeBytes: true, receivedAt: true, status: true, runId: true },
  });
  if (!p || p.direction !== "IN" || (p.kind !== "file" && p.kind !== "edi")) throw new AppError("NOT_FOUND", "No such uploaded file");
  return { ...p, sizeBytes: Number(p.sizeBytes) };
}
