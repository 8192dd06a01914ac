/**
 * Job `writeback.send`: send one outbox row (WriteBack) to its source system with the row's idempotency key.
 *
 * Retries are the row's, not pg-boss's: each attempt is claimed with a conditional update (QUEUED and due → SENT,
 * attempts + 1), so two workers never send the same row at once. A transient failure (network, timeout, 429/5xx)
 * puts the row back to QUEUED with nextAttemptAt = now + 30 s × 2^(attempt−1) (capped at 30 min) and schedules a
 * job for then; the `writeback.sweep` cron also re-sends due rows, so a lost job or a crashed worker delays a
 * write-back but never drops it. A permanent failure (the source refuses the request, has no write-back, is
 * disabled) or the last of WRITE_BACK_MAX_ATTEMPTS attempts makes the row FAILED: the case is flagged and the
 * requester and approvers are notified; "Retry" re-queues the same row with the same key.
 * Every status change writes a timeline event and an audit row in the same transaction.
 */
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import type { WriteBackAction, WriteBackResult } from "@/lib/adapters/types";
import { SourceRequestError } from "@/lib/adapters/http/errors";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { canTransition } from "@/lib/domain/case/state-machine";
import { failWriteBack } from "@/lib/server/writeback/fail-write-back";
import { sourceCannotReceive } from "@/lib/server/writeback/resolve-write-back-target";
import { writeBackContext } from "@/lib/server/writeback/write-back-context";
import { log } from "@/lib/server/log";

export type WriteBackJobData = { writeBackId: string };

export const WRITE_BACK_MAX_ATTEMPTS = 5;

/** Delay before attempt n+1 after attempt n failed: 30 s, 1 min, 2 min, 4 min … capped at 30 min. */
export function writeBackBackoffMs(attempt: number): number {
  return Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

export interface SendWriteBackOptions {
  now?: () => Date;
  fetch?: typeof fetch;
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  /** Ask for another job at `at` (the worker sends a delayed pg-boss job; the sweep is the safety net). */
  scheduleRetry?: (writeBackId: string, at: Date) => Promise<void>;
}

export type SendOutcome =
  | { outcome: "SKIPPED"; reason: string }
  | { outcome: "CONFIRMED"; externalRef: string; caseResolved: boolean }
  | { outcome: "RETRY_SCHEDULED"; error: string; nextAttemptAt: Date; attempts: number }
  | { outcome: "FAILED"; error: string; attempts: number };

const json = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as Prisma.InputJsonValue;
const clip = (s: string) => (s.length > 2000 ? `${s.slice(0, 2000)}…` : s);

/** Worth another attempt: the network, a timeout, throttling or a server error — not a refusal of the request. */
export function isTransientWriteBackError(e: unknown): boolean {
  if (e instanceof SourceRequestError) return e.retryable || (e.status !== null && e.status >= 500);
  return false;
}

/** A failure no retry can fix on its own (configuration, refused request): the row fails at once. */
class PermanentWriteBackError extends Error {}

export async function sendWriteBack(db: PrismaClient, writeBackId: string, opts: SendWriteBackOptions = {}): Promise<SendOutcome> {
  const now = opts.now ?? (() => new Date());
  const maxAttempts = opts.maxAttempts ?? WRITE_BACK_MAX_ATTEMPTS;
  const claimedAt = now();

  const claimed = await db.$transaction(async (tx) => {
    const moved = await tx.writeBack.updateMany({
      where: { id: writeBackId, status: "QUEUED", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: claimedAt } }] },
      data: { status: "SENT", attempts: { increment: 1 }, sentAt: claimedAt, nextAttemptAt: null },
    });
    if (moved.count !== 1) return null;
    const wb = await tx.writeBack.findUniqueOrThrow({ where: { id: writeBackId }, include: { action: { select: { type: true, case: { select: { siteId: true } } } } } });
    const source = wb.dataSourceId ? await tx.dataSource.findUnique({ where: { id: wb.dataSourceId }, select: { code: true } }) : null;
    await tx.caseEvent.create({ data: { caseId: wb.caseId, type: "WRITE_BACK_SENT", createdAt: claimedAt, data: { writeBackId, type: wb.action.type, sourceCode: source?.code ?? null, attempt: wb.attempts } } });
    await appendAudit(tx, {
      actorId: null,
      actorRole: "system",
      action: "writeback.sent",
      entityType: "WriteBack",
      entityId: writeBackId,
      caseId: wb.caseId,
      siteId: wb.action.case.siteId,
      before: { status: "QUEUED", attempts: wb.attempts - 1 },
      after: { status: "SENT", attempts: wb.attempts, idempotencyKey: wb.idempotencyKey },
    });
    return { ...wb, sourceCode: source?.code ?? null };
  });
  if (!claimed) {
    const row = await db.writeBack.findUnique({ where: { id: writeBackId }, select: { status: true, nextAttemptAt: true } });
    return { outcome: "SKIPPED", reason: row ? `status ${row.status}${row.status === "QUEUED" ? `, next attempt at ${row.nextAttemptAt?.toISOString()}` : ""}` : "no such write-back" };
  }
  const siteId = claimed.action.case.siteId;
  const about = { writeBackId, type: claimed.action.type, sourceCode: claimed.sourceCode, attempt: claimed.attempts };

  let result: WriteBackResult;
  try {
    if (!claimed.dataSourceId) throw new PermanentWriteBackError("The write-back has no target source; close the case with a reason.");
    const source = await db.dataSource.findUnique({ where: { id: claimed.dataSourceId } });
    if (!source) throw new PermanentWriteBackError("The target source was deleted; close the case with a reason.");
    const cannot = sourceCannotReceive(source);
    if (cannot) throw new PermanentWriteBackError(cannot);
    if (!source.enabled) throw new PermanentWriteBackError(`Source ${source.code} is disabled; enable it and retry, or close the case with a reason.`);
    const { adapter, ctx } = writeBackContext(db, source, { fetch: opts.fetch });
    const request = claimed.request as unknown as WriteBackAction;
    // The key always comes from the row, so every attempt and every manual retry carries the same one.
    result = await adapter.writeBack!(ctx, { ...request, idempotencyKey: claimed.idempotencyKey });
  } catch (e) {
    const error = clip(e instanceof Error ? e.message : String(e));
    const failedAt = now();
    if (!(e instanceof PermanentWriteBackError) && isTransientWriteBackError(e) && claimed.attempts < maxAttempts) {
      const nextAttemptAt = new Date(failedAt.getTime() + (opts.backoffMs ?? writeBackBackoffMs)(claimed.attempts));
      const requeued = await db.$transaction(async (tx) => {
        const moved = await tx.writeBack.updateMany({ where: { id: writeBackId, status: "SENT" }, data: { status: "QUEUED", lastError: error, nextAttemptAt } });
        if (moved.count !== 1) return false;
        await tx.caseEvent.create({
          data: { caseId: claimed.caseId, type: "WRITE_BACK_FAILED", createdAt: failedAt, data: { ...about, error, final: false, nextAttemptAt: nextAttemptAt.toISOString() } },
        });
        await appendAudit(tx, {
          actorId: null,
          actorRole: "system",
          action: "writeback.attempt_failed",
          entityType: "WriteBack",
          entityId: writeBackId,
          caseId: claimed.caseId,
          siteId,
          before: { status: "SENT", attempts: claimed.attempts },
          after: { status: "QUEUED", attempts: claimed.attempts, error, nextAttemptAt },
          reason: error,
        });
        return true;
      });
      if (requeued) await opts.scheduleRetry?.(writeBackId, nextAttemptAt);
      return { outcome: "RETRY_SCHEDULED", error, nextAttemptAt, attempts: claimed.attempts };
    }
    const final = claimed.attempts >= maxAttempts && isTransientWriteBackError(e) ? `${error} (gave up after ${claimed.attempts} attempts)` : error;
    await db.$transaction((tx) => failWriteBack(tx, { writeBackId, error: final, now: failedAt, from: ["SENT"] }));
    return { outcome: "FAILED", error: final, attempts: claimed.attempts };
  }

  const confirmedAt = now();
  return db.$transaction(async (tx) => {
    const moved = await tx.writeBack.updateMany({
      where: { id: writeBackId, status: "SENT" },
      data: { status: "CONFIRMED", confirmedAt, response: json(result.response), externalRef: result.externalRef, lastError: null, nextAttemptAt: null },
    });
    if (moved.count !== 1) return { outcome: "SKIPPED" as const, reason: "the write-back changed while it was being sent" };
    const c = await tx.case.findUniqueOrThrow({ where: { id: claimed.caseId }, select: { status: true, writeBackFailedAt: true } });
    await tx.caseEvent.create({
      data: { caseId: claimed.caseId, type: "WRITE_BACK_CONFIRMED", createdAt: confirmedAt, data: { ...about, externalRef: result.externalRef } },
    });
    await appendAudit(tx, {
      actorId: null,
      actorRole: "system",
      action: "writeback.confirmed",
      entityType: "WriteBack",
      entityId: writeBackId,
      caseId: claimed.caseId,
      siteId,
      before: { status: "SENT", attempts: claimed.attempts },
      after: { status: "CONFIRMED", externalRef: result.externalRef, response: result.response },
    });
    // The source applied the approved action: that resolves the case (unless someone already closed it).
    const resolves = c.status === "ACTION_APPROVED" && canTransition(c.status, "RESOLVED");
    if (resolves) {
      const reason = `Confirmed by ${claimed.sourceCode ?? "the source"}: ${result.externalRef}`;
      const done = await tx.case.updateMany({
        where: { id: claimed.caseId, status: "ACTION_APPROVED" },
        data: { status: "RESOLVED", resolvedAt: confirmedAt, resolutionCode: "ACTION_CONFIRMED", resolutionReason: reason, writeBackFailedAt: null },
      });
      if (done.count === 1) {
        await tx.caseEvent.create({ data: { caseId: claimed.caseId, type: "RESOLVED", createdAt: confirmedAt, data: { reasonCode: "ACTION_CONFIRMED", by: "write-back", externalRef: result.externalRef } } });
        await appendAudit(tx, {
          actorId: null,
          actorRole: "system",
          action: "case.resolved",
          entityType: "Case",
          entityId: claimed.caseId,
          caseId: claimed.caseId,
          siteId,
          before: { status: c.status, writeBackFailedAt: c.writeBackFailedAt },
          after: { status: "RESOLVED", resolutionCode: "ACTION_CONFIRMED", writeBackFailedAt: null },
          reason,
        });
        return { outcome: "CONFIRMED" as const, externalRef: result.externalRef, caseResolved: true };
      }
    }
    if (c.writeBackFailedAt) await tx.case.update({ where: { id: claimed.caseId }, data: { writeBackFailedAt: null } });
    return { outcome: "CONFIRMED" as const, externalRef: result.externalRef, caseResolved: false };
  });
}

/** pg-boss handler. Returns normally for source failures (the row records them); throws only if the database does. */
export async function handleWriteBackJob(db: PrismaClient, data: WriteBackJobData, opts: SendWriteBackOptions = {}): Promise<SendOutcome> {
  const outcome = await sendWriteBack(db, data.writeBackId, opts);
  if (outcome.outcome !== "SKIPPED") log.info({ writeBackId: data.writeBackId, outcome: outcome.outcome, error: "error" in outcome ? outcome.error : undefined }, "write-back attempt");
  return outcome;
}
