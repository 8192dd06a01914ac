/**
 * Job `writeback.sweep` (every minute): the outbox's safety net. Sends a job for every QUEUED write-back whose next
 * attempt is due (its job was lost, or the web node could not reach the queue after the approval committed), and
 * puts back to QUEUED an attempt a crashed worker left SENT for longer than any adapter call can take — sending it
 * again is safe because the source recognises the idempotency key.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { appendAudit } from "@/lib/server/audit/append-audit";

/** Longer than an adapter call with all its HTTP retries (5 × 30 s timeouts plus backoff). */
export const STUCK_SENT_AFTER_MS = 15 * 60_000;

export type WriteBackSweepSummary = { requeued: number; sent: number };

export async function sweepWriteBacks(db: PrismaClient, send: (writeBackId: string) => Promise<unknown>, now = new Date()): Promise<WriteBackSweepSummary> {
  const stuckBefore = new Date(now.getTime() - STUCK_SENT_AFTER_MS);
  const stuck = await db.writeBack.findMany({ where: { status: "SENT", sentAt: { lt: stuckBefore } }, select: { id: true, caseId: true, attempts: true, action: { select: { case: { select: { siteId: true } } } } }, take: 500 });
  let requeued = 0;
  for (const wb of stuck) {
    const error = "The worker sending this attempt stopped before the source answered; sending again with the same idempotency key.";
    const moved = await db.$transaction(async (tx) => {
      const m = await tx.writeBack.updateMany({ where: { id: wb.id, status: "SENT", sentAt: { lt: stuckBefore } }, data: { status: "QUEUED", lastError: error, nextAttemptAt: now } });
      if (m.count !== 1) return false;
      await tx.caseEvent.create({ data: { caseId: wb.caseId, type: "WRITE_BACK_FAILED", createdAt: now, data: { writeBackId: wb.id, attempts: wb.attempts, error, final: false, nextAttemptAt: now.toISOString() } } });
      await appendAudit(tx, {
        actorId: null,
        actorRole: "system",
        action: "writeback.attempt_failed",
        entityType: "WriteBack",
        entityId: wb.id,
        caseId: wb.caseId,
        siteId: wb.action.case.siteId,
        before: { status: "SENT", attempts: wb.attempts },
        after: { status: "QUEUED", attempts: wb.attempts, error, nextAttemptAt: now },
        reason: error,
      });
      return true;
    });
    if (moved) requeued++;
  }
  const due = await db.writeBack.findMany({
    where: { status: "QUEUED", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    orderBy: { queuedAt: "asc" },
    select: { id: true },
    take: 500,
  });
  for (const wb of due) await send(wb.id);
  return { requeued, sent: due.length };
}
