import "server-only";
/**
 * A person's own notification preferences (every role; nobody reads or writes anyone else's): the kind ×
 * channel matrix, the daily digest, and an optional personal Slack/Teams incoming webhook (a credential:
 * encrypted at rest, write-only — the page only ever sees its host and last characters). Every change is
 * audited without the URL.
 */
import { prisma } from "@/lib/server/db";
import { Prisma } from "@/lib/server/generated/prisma/client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { invalid } from "@/lib/server/errors";
import { encryptSecrets } from "@/lib/server/ingest/secrets";
import { checkWebhookUrl } from "@/lib/domain/notify/delivery-policy";
import { effectivePreferences, type Preferences } from "@/lib/domain/notify/preferences";
import type { ChatChannel } from "@/lib/domain/notify/kinds";
import type { NotifyMessage } from "@/lib/domain/notify/messages";
import { mailConfigured, webhookHosts } from "@/lib/server/notify/config";
import { loadNotificationSettings } from "@/lib/server/notify/settings";
import { wakeDeliveryWorkers } from "@/lib/server/notify/wake-workers";

export type MyNotificationSettings = Preferences & {
  source: "own" | "organisation" | "built-in";
  email: string;
  emailAvailable: boolean;
  chat: { channel: ChatChannel; hint: string } | null;
  recent: { id: string; channel: "EMAIL" | "SLACK" | "TEAMS"; kind: string; status: string; attempts: number; lastError: string | null; createdAt: Date; sentAt: Date | null; title: string }[];
};

const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/** The viewer's preferences in force, where they come from, and their last outbound deliveries. */
export async function getMyNotificationSettings(viewer: Viewer): Promise<MyNotificationSettings> {
  const [own, settings, recent] = await Promise.all([
    prisma.notificationPreference.findUnique({ where: { userId: viewer.id } }),
    loadNotificationSettings(prisma),
    prisma.notificationDelivery.findMany({
      where: { userId: viewer.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 10,
      select: { id: true, channel: true, kind: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true, message: true },
    }),
  ]);
  const prefs = effectivePreferences(own, settings.stored ? settings : null);
  return {
    ...prefs,
    email: viewer.email,
    emailAvailable: mailConfigured(),
    chat: own?.chatChannel && own.chatUrlSecret && own.chatUrlHint ? { channel: own.chatChannel as ChatChannel, hint: own.chatUrlHint } : null,
    recent: recent.map(({ message, ...d }) => ({ ...d, title: (message as { title?: string }).title ?? d.kind })),
  };
}

/** Save the viewer's own matrix and digest choice (validated by the action's schema). */
export async function saveMyPreferences(viewer: Viewer, input: Preferences): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.notificationPreference.findUnique({ where: { userId: viewer.id }, select: { matrix: true, digest: true } });
    await tx.notificationPreference.upsert({
      where: { userId: viewer.id },
      create: { userId: viewer.id, matrix: asJson(input.matrix), digest: input.digest },
      update: { matrix: asJson(input.matrix), digest: input.digest },
    });
    await appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "notifications.preferences_saved", entityType: "User", entityId: viewer.id, before, after: input });
  });
}

/** Follow the organisation's defaults again (a personal webhook stays). */
export async function resetMyPreferences(viewer: Viewer): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.notificationPreference.updateMany({ where: { userId: viewer.id }, data: { matrix: Prisma.DbNull, digest: null } });
    if (count > 0) await appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "notifications.preferences_reset", entityType: "User", entityId: viewer.id });
  });
}

/** Store (or replace) the viewer's personal Slack/Teams webhook. The URL is checked against the host allowlist. */
export async function setMyChatWebhook(viewer: Viewer, input: { channel: ChatChannel; url: string }): Promise<{ hint: string }> {
  const checked = checkWebhookUrl(input.url, webhookHosts());
  if (!checked.ok) throw invalid(checked.error);
  await prisma.$transaction(async (tx) => {
    const secret = encryptSecrets({ url: checked.url });
    await tx.notificationPreference.upsert({
      where: { userId: viewer.id },
      create: { userId: viewer.id, chatChannel: input.channel, chatUrlSecret: secret, chatUrlHint: checked.hint },
      update: { chatChannel: input.channel, chatUrlSecret: secret, chatUrlHint: checked.hint },
    });
    await appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "notifications.chat_webhook_set", entityType: "User", entityId: viewer.id, after: { channel: input.channel, hint: checked.hint } });
  });
  return { hint: checked.hint };
}

export async function clearMyChatWebhook(viewer: Viewer): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.notificationPreference.updateMany({ where: { userId: viewer.id, chatUrlSecret: { not: null } }, data: { chatChannel: null, chatUrlSecret: null, chatUrlHint: null } });
    if (count > 0) await appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "notifications.chat_webhook_removed", entityType: "User", entityId: viewer.id });
  });
}

/** Queue a test message to the viewer's e-mail and personal webhook (whichever are set up). */
export async function sendMyTestNotification(viewer: Viewer): Promise<{ queued: string[] }> {
  const own = await prisma.notificationPreference.findUnique({ where: { userId: viewer.id }, select: { chatChannel: true, chatUrlSecret: true } });
  const channels: ("EMAIL" | ChatChannel)[] = [...(mailConfigured() ? ["EMAIL" as const] : []), ...(own?.chatChannel && own.chatUrlSecret ? [own.chatChannel as ChatChannel] : [])];
  if (channels.length === 0) throw invalid("Nothing to test: e-mail is not configured on this server and you have no personal Slack/Teams webhook.");
  const message: NotifyMessage = { kind: "TEST", title: "Test notification from Exception Workbench", body: `Hello ${viewer.name}: this is how notifications will reach you here.`, link: "/settings/notifications" };
  await prisma.$transaction(async (tx) => {
    await tx.notificationDelivery.createMany({ data: channels.map((channel) => ({ channel, kind: "TEST", userId: viewer.id, message: asJson(message) })) });
    await wakeDeliveryWorkers(tx);
  });
  return { queued: channels };
}
