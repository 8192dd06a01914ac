/**
 * A write-back that will not be sent again on its own: the row becomes FAILED (nothing is deleted — its request
 * and idempotency key stay for a manual Retry), the case is flagged (Case.writeBackFailedAt, the queue shows it),
 * the timeline and the audit log say why, and the requester and the approvers get a notification.
 * Runs inside the caller's transaction.
 */
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { recordNotification } from "@/lib/server/notify/record-notifications";

type Tx = Prisma.TransactionClient;

export interface FailWriteBackInput {
  writeBackId: string;
  error: string;
  now: Date;
  /** Statuses the row may be in for this failure to apply (conditional update: a concurrent confirm wins). */
  from: ("QUEUED" | "SENT")[];
  actor?: { id: string; role: string } | null;
}

/** Returns false when the row was no longer in one of `from` (someone else settled it). */
export async function failWriteBack(tx: Tx, input: FailWriteBackInput): Promise<boolean> {
  const moved = await tx.writeBack.updateMany({
    where: { id: input.writeBackId, status: { in: input.from } },
    data: { status: "FAILED", failedAt: input.now, lastError: input.error, nextAttemptAt: null },
  });
  if (moved.count !== 1) return false;
  const wb = await tx.writeBack.findUniqueOrThrow({
    where: { id: input.writeBackId },
    select: {
      id: true,
      caseId: true,
      actionId: true,
      attempts: true,
      dataSourceId: true,
      action: { select: { type: true, requestedById: true, decidedById: true, approvals: { where: { decision: "APPROVED" }, select: { deciderId: true } } } },
    },
  });
  const source = wb.dataSourceId ? await tx.dataSource.findUnique({ where: { id: wb.dataSourceId }, select: { code: true } }) : null;
  const c = await tx.case.update({ where: { id: wb.caseId }, data: { writeBackFailedAt: input.now }, select: { number: true, siteId: true, title: true } });
  await tx.caseEvent.create({
    data: {
      caseId: wb.caseId,
      type: "WRITE_BACK_FAILED",
      actorId: input.actor?.id ?? null,
      createdAt: input.now,
      data: { writeBackId: wb.id, actionId: wb.actionId, type: wb.action.type, sourceCode: source?.code ?? null, attempt: wb.attempts, error: input.error, final: true },
    },
  });
  await appendAudit(tx, {
    actorId: input.actor?.id ?? null,
    actorRole: input.actor?.role ?? "system",
    action: "writeback.failed",
    entityType: "WriteBack",
    entityId: wb.id,
    caseId: wb.caseId,
    siteId: c.siteId,
    before: { status: input.from.join("|") },
    after: { status: "FAILED", attempts: wb.attempts, error: input.error, dataSourceId: wb.dataSourceId },
    reason: input.error,
  });
  const recipients = new Set<string>([wb.action.requestedById, ...(wb.action.decidedById ? [wb.action.decidedById] : []), ...wb.action.approvals.map((a) => a.deciderId)]);
  await recordNotification(tx, {
    kind: "WRITE_BACK_FAILED",
    caseId: wb.caseId,
    userIds: [...recipients],
    title: `Write-back failed on case #${c.number}`,
    body: `The approved ${wb.action.type.toLowerCase()} could not be applied in the source system: ${input.error}`,
    link: `/cases/${wb.caseId}`,
    createdAt: input.now,
  });
  return true;
}
