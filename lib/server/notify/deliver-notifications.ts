/**
 * Sends due outbox rows (NotificationDelivery). Each row is claimed with a conditional update (QUEUED and due →
 * SENDING, attempts + 1), so two workers never send the same row, and a row already SENT is never sent again —
 * a retried job or a second sweep finds nothing to claim. A transient failure (network, timeout, 429, 5xx,
 * SMTP 4xx) puts the row back to QUEUED with nextAttemptAt = now + backoff; a refusal (4xx, SMTP 5xx, missing
 * address or URL) or the last attempt makes it FAILED with the error. The in-app notification is untouched
 * either way. An attempt a crashed worker left SENDING for STUCK_AFTER_MS is queued again (e-mail carries a
 * stable Message-ID, webhooks an X-Workbench-Delivery header, for receivers that de-duplicate).
 * Not server-only: the worker runs it.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { DELIVERY_MAX_ATTEMPTS, checkWebhookUrl, deliveryBackoffMs } from "@/lib/domain/notify/delivery-policy";
import { emailContent, slackPayload, teamsPayload, type NotifyMessage } from "@/lib/domain/notify/messages";
import { decryptSecrets } from "@/lib/server/ingest/secrets";
import { appBaseUrl, mailFrom, webhookHosts } from "@/lib/server/notify/config";
import { DeliveryError, liveTransports, type Transports } from "@/lib/server/notify/transports";

export const STUCK_AFTER_MS = 5 * 60_000;
const BATCH = 50;

export type DeliverOptions = {
  now?: () => Date;
  transports?: Transports;
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  /** Only these rows (tests, the admin's Retry); default: every due row, oldest first. */
  ids?: string[];
  /** Ask for another run at `at` (the worker sends a delayed job); the every-minute schedule is the safety net. */
  scheduleRetry?: (at: Date) => Promise<void>;
};

export type DeliverSummary = { sent: number; retrying: number; failed: number; requeuedStuck: number };

type Claimed = { id: string; channel: "EMAIL" | "SLACK" | "TEAMS"; userId: string | null; webhookId: string | null; message: unknown; attempts: number };

/** Where a row goes, read at send time (an address or URL changed since the event counts). */
async function destination(db: PrismaClient, row: Claimed): Promise<{ email: string } | { url: string }> {
  if (row.webhookId) {
    const hook = await db.notificationWebhook.findUnique({ where: { id: row.webhookId }, select: { urlSecret: true, enabled: true, name: true } });
    if (!hook) throw new DeliveryError("The team channel was deleted.", false);
    if (!hook.enabled) throw new DeliveryError(`The team channel "${hook.name}" is disabled.`, false);
    return { url: decryptSecrets(hook.urlSecret).url ?? "" };
  }
  if (!row.userId) throw new DeliveryError("The delivery has no recipient.", false);
  if (row.channel === "EMAIL") {
    const user = await db.user.findUnique({ where: { id: row.userId }, select: { email: true, active: true } });
    if (!user?.active) throw new DeliveryError("The recipient is no longer active.", false);
    return { email: user.email };
  }
  const pref = await db.notificationPreference.findUnique({ where: { userId: row.userId }, select: { chatUrlSecret: true, chatChannel: true } });
  if (!pref?.chatUrlSecret || pref.chatChannel !== row.channel) throw new DeliveryError("The recipient removed or changed their personal chat webhook.", false);
  return { url: decryptSecrets(pref.chatUrlSecret).url ?? "" };
}

async function send(db: PrismaClient, row: Claimed, transports: Transports): Promise<string> {
  const message = row.message as NotifyMessage;
  const base = appBaseUrl();
  const to = await destination(db, row);
  if ("email" in to) {
    const content = emailContent(message, base);
    return transports.sendEmail({ to: to.email, from: mailFrom(), ...content, messageId: `<${row.id}@exception-workbench>` });
  }
  // Checked again at send time: the allowlist may have been narrowed since the URL was saved.
  const checked = checkWebhookUrl(to.url, webhookHosts());
  if (!checked.ok) throw new DeliveryError(checked.error, false);
  const body = row.channel === "SLACK" ? slackPayload(message, base) : teamsPayload(message, base);
  return transports.postWebhook({ url: checked.url, body, deliveryId: row.id });
}

/** Put attempts a crashed worker left SENDING back in the queue. */
async function requeueStuck(db: PrismaClient, now: Date): Promise<number> {
  const { count } = await db.notificationDelivery.updateMany({
    where: { status: "SENDING", sendingAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) } },
    data: { status: "QUEUED", nextAttemptAt: now, lastError: "The worker sending this attempt stopped before it finished; sending again." },
  });
  return count;
}

/** Send every due row (or `opts.ids`), in batches, until none is due. */
export async function deliverDueNotifications(db: PrismaClient, opts: DeliverOptions = {}): Promise<DeliverSummary> {
  const now = opts.now ?? (() => new Date());
  const transports = opts.transports ?? liveTransports();
  const maxAttempts = opts.maxAttempts ?? DELIVERY_MAX_ATTEMPTS;
  const backoff = opts.backoffMs ?? deliveryBackoffMs;
  const summary: DeliverSummary = { sent: 0, retrying: 0, failed: 0, requeuedStuck: await requeueStuck(db, now()) };
  let earliestRetry: Date | null = null;
  const tried = new Set<string>();

  for (;;) {
    const at = now();
    const due = await db.notificationDelivery.findMany({
      // Each row is tried at most once per run (a zero backoff must not loop).
      where: { status: "QUEUED", nextAttemptAt: { lte: at }, id: opts.ids ? { in: opts.ids, notIn: [...tried] } : { notIn: [...tried] } },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      select: { id: true },
      take: BATCH,
    });
    if (due.length === 0) break;
    for (const { id } of due) {
      tried.add(id);
      const claimedAt = now();
      const claim = await db.notificationDelivery.updateMany({
        where: { id, status: "QUEUED", nextAttemptAt: { lte: claimedAt } },
        data: { status: "SENDING", attempts: { increment: 1 }, sendingAt: claimedAt },
      });
      if (claim.count !== 1) continue; // another worker has it, or it was sent already
      const row = await db.notificationDelivery.findUniqueOrThrow({ where: { id }, select: { id: true, channel: true, userId: true, webhookId: true, message: true, attempts: true } });
      try {
        const response = await send(db, row, transports);
        await db.notificationDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "SENT", sentAt: now(), response, lastError: null } });
        summary.sent++;
      } catch (e) {
        const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
        const transient = e instanceof DeliveryError ? e.transient : true;
        if (transient && row.attempts < maxAttempts) {
          const next = new Date(now().getTime() + backoff(row.attempts));
          await db.notificationDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "QUEUED", nextAttemptAt: next, lastError: error } });
          if (!earliestRetry || next < earliestRetry) earliestRetry = next;
          summary.retrying++;
        } else {
          const final = transient ? `${error} (gave up after ${row.attempts} attempts)` : error;
          await db.notificationDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "FAILED", lastError: final } });
          summary.failed++;
        }
      }
    }
  }
  if (earliestRetry) await opts.scheduleRetry?.(earliestRetry);
  return summary;
}
