import "server-only";
/**
 * Outbox, step 1: when an action becomes APPROVED, the approval's own transaction inserts a WriteBack row (the
 * request with business keys, idempotency key = action id), a WRITE_BACK_QUEUED timeline event and an audit row.
 * Nothing talks to the source here: after commit the caller asks a worker to send it (enqueueWriteBackJob), and the
 * writeback.sweep cron finds the row even if that message is lost. An action that cannot go anywhere (the source
 * has no write-back, no source record, bad keys) is FAILED at once with the reason, never silently confirmed.
 */
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { buildWriteBackRequest } from "@/lib/domain/writeback/build-write-back-request";
import { resolveWriteBackTarget } from "@/lib/server/writeback/resolve-write-back-target";
import { failWriteBack } from "@/lib/server/writeback/fail-write-back";
import { JOBS } from "@/lib/server/jobs/queue";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { errorFields, log } from "@/lib/server/log";

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/**
 * Queue the write-back of an APPROVED action inside the caller's transaction. Returns the WriteBack id (the
 * existing one when the action was already queued), or null when the action does not exist or is not APPROVED.
 */
export async function queueWriteBack(tx: Prisma.TransactionClient, input: { actionId: string }): Promise<{ writeBackId: string } | null> {
  const action = await tx.caseAction.findUnique({
    where: { id: input.actionId },
    select: {
      id: true,
      type: true,
      status: true,
      payload: true,
      caseId: true,
      writeBack: { select: { id: true } },
      case: {
        select: {
          number: true,
          causeKey: true,
          siteId: true,
          itemId: true,
          site: { select: { code: true } },
          item: { select: { sku: true } },
          exceptions: { orderBy: { chainOrder: "asc" }, select: { type: true, evidence: true } },
        },
      },
    },
  });
  if (!action || action.status !== "APPROVED") return null;
  if (action.writeBack) return { writeBackId: action.writeBack.id };

  const target = await resolveWriteBackTarget(tx, action);
  const built = buildWriteBackRequest(target.facts);
  const blocker = target.blocker ?? (built.ok ? null : built.error);
  const request = built.ok ? built.request : { idempotencyKey: action.id, type: action.type, payload: {} };
  const now = new Date();

  const wb = await tx.writeBack.create({
    data: {
      actionId: action.id,
      caseId: action.caseId,
      dataSourceId: target.source?.id ?? null,
      idempotencyKey: action.id,
      status: "QUEUED",
      request: json(request),
      queuedAt: now,
      nextAttemptAt: now,
    },
    select: { id: true },
  });
  await tx.caseEvent.create({
    data: {
      caseId: action.caseId,
      type: "WRITE_BACK_QUEUED",
      createdAt: now,
      data: json({ writeBackId: wb.id, actionId: action.id, type: action.type, sourceCode: target.source?.code ?? target.sourceSystem, payload: request.payload }),
    },
  });
  await appendAudit(tx, {
    actorId: null,
    actorRole: "system",
    action: "writeback.queued",
    entityType: "WriteBack",
    entityId: wb.id,
    caseId: action.caseId,
    siteId: action.case.siteId,
    before: null,
    after: { status: "QUEUED", actionId: action.id, idempotencyKey: action.id, source: target.source?.code ?? target.sourceSystem, request },
  });
  if (blocker) await failWriteBack(tx, { writeBackId: wb.id, error: blocker, now, from: ["QUEUED"] });
  return { writeBackId: wb.id };
}

/**
 * Ask a worker to send the write-back now (after the approval committed). One job per write-back at a time
 * (singletonKey). Never throws: if the queue is unreachable the writeback.sweep cron sends the row within a minute.
 */
export async function enqueueWriteBackJob(writeBackId: string): Promise<void> {
  try {
    await enqueue(JOBS.writeBackSend, { writeBackId }, { singletonKey: writeBackId });
  } catch (e) {
    log.warn({ writeBackId, ...errorFields(e) }, "could not enqueue write-back; the sweep will send it");
  }
}
