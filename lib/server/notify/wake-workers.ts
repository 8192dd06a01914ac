/**
 * Near-immediate delivery without coupling the business transaction to the job queue: the transaction that
 * writes delivery rows also issues `NOTIFY wb_notification_outbox`, which PostgreSQL delivers only if and when
 * it commits. Workers LISTEN on that channel and send a `notifications.deliver` job; the job's every-minute
 * schedule is the safety net for a worker that was not listening at that moment.
 */
import type { Prisma } from "@/lib/server/generated/prisma/client";

export const OUTBOX_CHANNEL = "wb_notification_outbox";

/** Inside the recording transaction: wake a worker once it commits (a rollback sends nothing). */
export async function wakeDeliveryWorkers(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe(`NOTIFY ${OUTBOX_CHANNEL}`);
}
