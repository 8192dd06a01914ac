import "server-only";
/**
 * Write-backs seen from a case: the status panel, a manual Retry (same row, same idempotency key — a retry can
 * never post twice) and closing an approved case whose write-back the source has not confirmed.
 */
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { conflict, notFound } from "@/lib/server/errors";
import { canTransition } from "@/lib/domain/case/state-machine";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { sourceCannotReceive } from "@/lib/server/writeback/resolve-write-back-target";
import { enqueueWriteBackJob } from "@/lib/server/writeback/queue-write-back";

const json = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as Prisma.InputJsonValue;

export const CLOSED_WITHOUT_CONFIRMATION = "CLOSED_WITHOUT_CONFIRMATION";

/** The case's write-backs, newest first, with what the viewer may do about them. */
export async function getCaseWriteBacks(viewer: Viewer, caseId: string) {
  authorize(viewer, "cases.read");
  const c = await prisma.case.findFirst({ where: { id: caseId, ...siteScope(viewer) }, select: { id: true, status: true, writeBackFailedAt: true } });
  if (!c) throw notFound("Case");
  const rows = await prisma.writeBack.findMany({
    where: { caseId },
    orderBy: { queuedAt: "desc" },
    include: { action: { select: { type: true, requestedBy: { select: { name: true } } } } },
  });
  const sourceIds = [...new Set(rows.map((r) => r.dataSourceId).filter((x): x is string => !!x))];
  const sources = await prisma.dataSource.findMany({ where: { id: { in: sourceIds } }, select: { id: true, code: true, name: true, kind: true, enabled: true } });
  const byId = new Map(sources.map((s) => [s.id, s]));
  return {
    caseStatus: c.status,
    writeBackFailedAt: c.writeBackFailedAt,
    canRetry: hasPermission(viewer.role, "writeback.retry") && c.status === "ACTION_APPROVED",
    canClose: hasPermission(viewer.role, "cases.close") && c.status === "ACTION_APPROVED",
    writeBacks: rows.map((r) => {
      const source = r.dataSourceId ? byId.get(r.dataSourceId) ?? null : null;
      return {
        id: r.id,
        actionType: r.action.type,
        requestedBy: r.action.requestedBy.name,
        status: r.status,
        attempts: r.attempts,
        idempotencyKey: r.idempotencyKey,
        lastError: r.lastError,
        externalRef: r.externalRef,
        queuedAt: r.queuedAt,
        sentAt: r.sentAt,
        confirmedAt: r.confirmedAt,
        failedAt: r.failedAt,
        nextAttemptAt: r.nextAttemptAt,
        request: (r.request ?? {}) as { payload?: Record<string, unknown> },
        source: source ? { code: source.code, name: source.name, kind: source.kind, enabled: source.enabled, receivesWriteBacks: sourceCannotReceive(source) === null } : null,
      };
    }),
  };
}

export type CaseWriteBacks = Awaited<ReturnType<typeof getCaseWriteBacks>>;

/** Send a FAILED write-back again now, with the same idempotency key and a fresh round of attempts. */
export async function retryWriteBack(viewer: Viewer, input: { writeBackId: string }) {
  authorize(viewer, "writeback.retry");
  const result = await prisma.$transaction(async (tx) => {
    const wb = await tx.writeBack.findFirst({
      where: { id: input.writeBackId, action: { case: siteScope(viewer) } },
      include: { action: { select: { case: { select: { id: true, status: true, siteId: true } } } } },
    });
    if (!wb) throw notFound("Write-back");
    if (wb.status === "CONFIRMED") throw conflict(`The source already confirmed this write-back (${wb.externalRef ?? "no reference"}); nothing is sent again.`);
    if (wb.status === "SENT") throw conflict("An attempt is being sent right now; wait for the source to answer.");
    // A QUEUED row already has its next attempt scheduled (and a job waiting for it): nothing to re-queue.
    if (wb.status === "QUEUED") throw conflict(`This write-back is queued${wb.nextAttemptAt ? ` for ${wb.nextAttemptAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}; it is retried automatically.`);
    if (wb.action.case.status !== "ACTION_APPROVED") throw conflict(`The case is ${wb.action.case.status}; only a case whose action is approved can retry its write-back.`);
    if (!wb.dataSourceId) throw conflict(wb.lastError ?? "This write-back has no target source; close the case with a reason.");
    const source = await tx.dataSource.findUnique({ where: { id: wb.dataSourceId }, select: { code: true, kind: true } });
    const cannot = source ? sourceCannotReceive(source) : "The target source was deleted; close the case with a reason.";
    if (cannot) throw conflict(cannot);
    const now = new Date();
    const moved = await tx.writeBack.updateMany({
      where: { id: wb.id, status: "FAILED" },
      data: { status: "QUEUED", attempts: 0, nextAttemptAt: now, failedAt: null },
    });
    if (moved.count !== 1) throw conflict("The write-back changed a moment ago; reload and try again.");
    await tx.caseEvent.create({
      data: { caseId: wb.caseId, type: "WRITE_BACK_RETRIED", actorId: viewer.id, createdAt: now, data: json({ writeBackId: wb.id, previousStatus: wb.status, previousAttempts: wb.attempts, lastError: wb.lastError }) },
    });
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "writeback.retried",
      entityType: "WriteBack",
      entityId: wb.id,
      caseId: wb.caseId,
      siteId: wb.action.case.siteId,
      before: { status: wb.status, attempts: wb.attempts, lastError: wb.lastError },
      after: { status: "QUEUED", attempts: 0, idempotencyKey: wb.idempotencyKey },
    });
    return { writeBackId: wb.id, caseId: wb.caseId };
  });
  await enqueueWriteBackJob(result.writeBackId);
  return result;
}

/**
 * Close an ACTION_APPROVED case without the source's confirmation (the source cannot receive write-backs, or it
 * was applied by hand). A write-back still waiting is stopped first so it cannot post after the case is closed;
 * one in flight must finish first.
 */
export async function closeCaseWithoutConfirmation(viewer: Viewer, input: { caseId: string; reason: string }) {
  authorize(viewer, "cases.close");
  return prisma.$transaction(async (tx) => {
    const c = await tx.case.findFirst({ where: { id: input.caseId, ...siteScope(viewer) }, select: { id: true, status: true, siteId: true, writeBackFailedAt: true } });
    if (!c) throw notFound("Case");
    if (c.status !== "ACTION_APPROVED" || !canTransition(c.status, "RESOLVED")) throw conflict(`Only a case whose action is approved can be closed without confirmation (this one is ${c.status}).`);
    const pending = await tx.writeBack.findMany({ where: { caseId: c.id, status: { in: ["QUEUED", "SENT"] } }, select: { id: true, status: true } });
    if (pending.some((w) => w.status === "SENT")) throw conflict("A write-back attempt is in flight; wait for the source to answer before closing.");
    const now = new Date();
    for (const w of pending) {
      const error = `Stopped: ${viewer.name} closed the case without confirmation (${input.reason}).`;
      const stopped = await tx.writeBack.updateMany({ where: { id: w.id, status: "QUEUED" }, data: { status: "FAILED", failedAt: now, lastError: error, nextAttemptAt: null } });
      if (stopped.count !== 1) throw conflict("A write-back started a moment ago; wait for the source to answer before closing.");
      await tx.caseEvent.create({ data: { caseId: c.id, type: "WRITE_BACK_CANCELLED", actorId: viewer.id, createdAt: now, data: json({ writeBackId: w.id, reason: input.reason }) } });
      await appendAudit(tx, {
        actorId: viewer.id,
        actorRole: viewer.role,
        action: "writeback.cancelled",
        entityType: "WriteBack",
        entityId: w.id,
        caseId: c.id,
        siteId: c.siteId,
        before: { status: "QUEUED" },
        after: { status: "FAILED", error },
        reason: input.reason,
      });
    }
    const moved = await tx.case.updateMany({
      where: { id: c.id, status: "ACTION_APPROVED" },
      data: { status: "RESOLVED", resolvedAt: now, resolutionCode: CLOSED_WITHOUT_CONFIRMATION, resolutionReason: input.reason, writeBackFailedAt: null },
    });
    if (moved.count !== 1) throw conflict("The case changed a moment ago; reload and try again.");
    await tx.caseEvent.create({ data: { caseId: c.id, type: "RESOLVED", actorId: viewer.id, createdAt: now, data: json({ reason: CLOSED_WITHOUT_CONFIRMATION, note: input.reason, by: viewer.name, stoppedWriteBacks: pending.map((w) => w.id) }) } });
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "case.closed_without_confirmation",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      siteId: c.siteId,
      before: { status: c.status, writeBackFailedAt: c.writeBackFailedAt },
      after: { status: "RESOLVED", resolutionCode: CLOSED_WITHOUT_CONFIRMATION },
      reason: input.reason,
    });
    return { caseId: c.id, status: "RESOLVED" as const };
  });
}
