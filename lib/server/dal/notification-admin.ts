import "server-only";
/**
 * Admin side of notifications (`admin.manage`): organisation defaults and the SLA warning lead time, team
 * channels (Slack/Teams incoming webhooks: URL encrypted, write-only, audited without the value), and the
 * delivery log with a Retry for failed rows. Retrying re-queues the same row (same id → same Message-ID /
 * X-Workbench-Delivery), so a receiver that de-duplicates sees one message.
 */
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { conflict, invalid, notFound } from "@/lib/server/errors";
import { encryptSecrets } from "@/lib/server/ingest/secrets";
import { checkWebhookUrl } from "@/lib/domain/notify/delivery-policy";
import type { ChannelKind, ChatChannel } from "@/lib/domain/notify/kinds";
import type { PreferenceMatrix } from "@/lib/domain/notify/preferences";
import type { NotifyMessage } from "@/lib/domain/notify/messages";
import { mailConfigured, webhookHosts } from "@/lib/server/notify/config";
import { loadNotificationSettings } from "@/lib/server/notify/settings";
import { wakeDeliveryWorkers } from "@/lib/server/notify/wake-workers";

const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;
const DELIVERY_STATUSES = ["QUEUED", "SENDING", "SENT", "FAILED"] as const;
export type DeliveryStatusFilter = (typeof DELIVERY_STATUSES)[number] | "ALL";

export type TeamWebhookInput = { name: string; channel: ChatChannel; kinds: ChannelKind[]; siteIds: string[]; teams: string[]; enabled: boolean };

/** Everything the admin page shows. */
export async function getNotificationAdmin(viewer: Viewer, opts: { status?: DeliveryStatusFilter; take?: number } = {}) {
  authorize(viewer, "admin.manage");
  const status = opts.status && opts.status !== "ALL" ? opts.status : undefined;
  const [settings, webhooks, sites, ruleTeams, caseTeams, counts, deliveries] = await Promise.all([
    loadNotificationSettings(prisma),
    prisma.notificationWebhook.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, channel: true, urlHint: true, kinds: true, siteIds: true, teams: true, enabled: true, updatedAt: true } }),
    prisma.location.findMany({ where: { kind: { in: ["DC", "HUB"] } }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true } }),
    prisma.routingRule.findMany({ distinct: ["team"], select: { team: true } }),
    prisma.case.findMany({ where: { team: { not: null } }, distinct: ["team"], select: { team: true } }),
    prisma.notificationDelivery.groupBy({ by: ["status"], _count: { _all: true }, where: { createdAt: { gte: new Date(Date.now() - 7 * 86_400_000) } } }),
    prisma.notificationDelivery.findMany({
      where: status ? { status } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(opts.take ?? 50, 200),
      select: { id: true, channel: true, kind: true, status: true, attempts: true, lastError: true, response: true, createdAt: true, sentAt: true, nextAttemptAt: true, userId: true, webhookId: true, caseId: true, message: true, webhook: { select: { name: true } } },
    }),
  ]);
  const userIds = [...new Set(deliveries.flatMap((d) => (d.userId ? [d.userId] : [])))];
  const users = userIds.length ? await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [];
  const userOf = new Map(users.map((u) => [u.id, u]));
  const teams = [...new Set([...ruleTeams, ...caseTeams].map((t) => t.team).filter((t): t is string => !!t))].sort();
  return {
    settings,
    emailAvailable: mailConfigured(),
    webhooks,
    sites,
    teams,
    last7Days: Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, counts.find((c) => c.status === s)?._count._all ?? 0])) as Record<(typeof DELIVERY_STATUSES)[number], number>,
    deliveries: deliveries.map(({ message, webhook, userId, ...d }) => {
      const u = userId ? userOf.get(userId) : undefined;
      return { ...d, title: (message as { title?: string }).title ?? d.kind, to: webhook ? `#${webhook.name}` : u ? (d.channel === "EMAIL" ? u.email : `${u.name} (personal)`) : "—" };
    }),
  };
}

export type NotificationAdmin = Awaited<ReturnType<typeof getNotificationAdmin>>;

/** Organisation defaults for people who have not chosen themselves, and the SLA warning lead time. */
export async function saveNotificationDefaults(viewer: Viewer, input: { matrix: PreferenceMatrix; digest: boolean; slaWarningMinutes: number }): Promise<void> {
  authorize(viewer, "admin.manage");
  await prisma.$transaction(async (tx) => {
    const before = await tx.notificationSettings.findUnique({ where: { id: "default" }, select: { matrix: true, digest: true, slaWarningMinutes: true } });
    const data = { matrix: asJson(input.matrix), digest: input.digest, slaWarningMinutes: input.slaWarningMinutes, updatedById: viewer.id };
    await tx.notificationSettings.upsert({ where: { id: "default" }, create: { id: "default", ...data }, update: data });
    await appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "notifications.defaults_saved", entityType: "NotificationSettings", entityId: "default", before, after: input });
  });
}

async function checkSitesAndName(tx: Prisma.TransactionClient, input: TeamWebhookInput, exceptId?: string) {
  if (input.siteIds.length) {
    const found = await tx.location.count({ where: { id: { in: input.siteIds } } });
    if (found !== new Set(input.siteIds).size) throw invalid("One of the sites does not exist.");
  }
  const clash = await tx.notificationWebhook.findFirst({ where: { name: input.name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw conflict(`A team channel named "${input.name}" exists already.`);
}

export async function createTeamWebhook(viewer: Viewer, input: TeamWebhookInput & { url: string }): Promise<{ id: string }> {
  authorize(viewer, "admin.manage");
  const checked = checkWebhookUrl(input.url, webhookHosts());
  if (!checked.ok) throw invalid(checked.error);
  return prisma.$transaction(async (tx) => {
    await checkSitesAndName(tx, input);
    const { url: _url, ...fields } = input;
    const row = await tx.notificationWebhook.create({ data: { ...fields, urlSecret: encryptSecrets({ url: checked.url }), urlHint: checked.hint }, select: { id: true } });
    await appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "notifications.channel_created", entityType: "NotificationWebhook", entityId: row.id, after: { ...fields, urlHint: checked.hint } });
    return row;
  });
}

/** Change a team channel; a blank `url` keeps the stored one (write-only field). */
export async function updateTeamWebhook(viewer: Viewer, input: TeamWebhookInput & { id: string; url?: string }): Promise<void> {
  authorize(viewer, "admin.manage");
  const newUrl = input.url?.trim() ? checkWebhookUrl(input.url, webhookHosts()) : null;
  if (newUrl && !newUrl.ok) throw invalid(newUrl.error);
  await prisma.$transaction(async (tx) => {
    const before = await tx.notificationWebhook.findUnique({ where: { id: input.id }, select: { name: true, channel: true, kinds: true, siteIds: true, teams: true, enabled: true, urlHint: true } });
    if (!before) throw notFound("Team channel");
    await checkSitesAndName(tx, input, input.id);
    const { id, url: _url, ...fields } = input;
    const urlFields = newUrl?.ok ? { urlSecret: encryptSecrets({ url: newUrl.url }), urlHint: newUrl.hint } : {};
    await tx.notificationWebhook.update({ where: { id }, data: { ...fields, ...urlFields } });
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "notifications.channel_updated",
      entityType: "NotificationWebhook",
      entityId: id,
      before,
      after: { ...fields, urlHint: newUrl?.ok ? newUrl.hint : before.urlHint, urlChanged: Boolean(newUrl?.ok) },
    });
  });
}

export async function deleteTeamWebhook(viewer: Viewer, input: { id: string }): Promise<void> {
  authorize(viewer, "admin.manage");
  await prisma.$transaction(async (tx) => {
    const row = await tx.notificationWebhook.findUnique({ where: { id: input.id }, select: { name: true, channel: true, urlHint: true } });
    if (!row) throw notFound("Team channel");
    // Queued deliveries to it cannot be sent any more: fail them with the reason rather than leave them queued.
    await tx.notificationDelivery.updateMany({ where: { webhookId: input.id, status: "QUEUED" }, data: { status: "FAILED", lastError: "The team channel was deleted." } });
    await tx.notificationWebhook.delete({ where: { id: input.id } });
    await appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "notifications.channel_deleted", entityType: "NotificationWebhook", entityId: input.id, before: row });
  });
}

/** Post a test message to a team channel. */
export async function sendTeamWebhookTest(viewer: Viewer, input: { id: string }): Promise<void> {
  authorize(viewer, "admin.manage");
  const hook = await prisma.notificationWebhook.findUnique({ where: { id: input.id }, select: { id: true, name: true, channel: true } });
  if (!hook) throw notFound("Team channel");
  const message: NotifyMessage = { kind: "TEST", title: `Test message to #${hook.name}`, body: `${viewer.name} checked that Exception Workbench can post here.`, link: "/admin/notifications" };
  await prisma.$transaction(async (tx) => {
    await tx.notificationDelivery.create({ data: { channel: hook.channel, kind: "TEST", webhookId: hook.id, message: asJson(message) } });
    await wakeDeliveryWorkers(tx);
  });
}

/** Send a FAILED delivery again (one more attempt, same row). */
export async function retryDelivery(viewer: Viewer, input: { id: string }): Promise<void> {
  authorize(viewer, "admin.manage");
  await prisma.$transaction(async (tx) => {
    const row = await tx.notificationDelivery.findUnique({ where: { id: input.id }, select: { status: true, attempts: true, lastError: true, channel: true, kind: true } });
    if (!row) throw notFound("Delivery");
    const moved = await tx.notificationDelivery.updateMany({ where: { id: input.id, status: "FAILED" }, data: { status: "QUEUED", nextAttemptAt: new Date() } });
    if (moved.count !== 1) throw conflict(`Only failed deliveries can be retried; this one is ${row.status.toLowerCase()}.`);
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "notifications.delivery_retried",
      entityType: "NotificationDelivery",
      entityId: input.id,
      before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
      after: { status: "QUEUED" },
    });
    await wakeDeliveryWorkers(tx);
  });
}
