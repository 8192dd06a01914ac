/**
 * The one way notifications are written (transactional outbox). Called inside the transaction of the change
 * it tells about, it writes for each recipient the in-app Notification (hidden from the bell when they turned
 * in-app off) and one NotificationDelivery per outbound channel their preferences allow — e-mail (when a mail
 * server is configured) and their own Slack/Teams webhook — plus one delivery per team channel subscribed to
 * the event (admin-configured webhooks filtered by kind, site and routing team). Nothing is sent here: the
 * `notifications.deliver` job sends the rows after commit, so a mail server or chat outage can neither lose
 * a notification nor fail the business transaction.
 * Not server-only: the worker's jobs (escalation, write-back, expiry, detection) record notifications too.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { isChannelKind, type NotificationKind } from "@/lib/domain/notify/kinds";
import { channelsFor, effectivePreferences } from "@/lib/domain/notify/preferences";
import type { MessageFact, NotifyMessage } from "@/lib/domain/notify/messages";
import { mailConfigured } from "@/lib/server/notify/config";
import { wakeDeliveryWorkers } from "@/lib/server/notify/wake-workers";

type Tx = Prisma.TransactionClient;

export type NotificationEvent = {
  kind: NotificationKind;
  caseId: string | null;
  title: string;
  body: string;
  /** App-relative link ("/cases/…"). */
  link: string | null;
  /** People to notify (duplicates and inactive users are dropped). */
  userIds: readonly string[];
  createdAt?: Date;
  /** False keeps the event out of team channels (e.g. "your request was edited" is personal). Default: true. */
  toChannels?: boolean;
  /** Wording for team channels when the personal title speaks to one person. */
  channelTitle?: string;
};

export type RecordResult = { notifications: number; deliveries: number };

type CaseInfo = { id: string; number: number; title: string; severity: string; siteId: string; team: string | null; siteCode: string };

const SEVERITY_LABEL: Record<string, string> = { CRITICAL: "Critical", HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

function caseFacts(c: CaseInfo | undefined): MessageFact[] {
  if (!c) return [];
  return [
    { label: "Case", value: `#${c.number} ${c.title}` },
    { label: "Site", value: c.siteCode },
    { label: "Severity", value: SEVERITY_LABEL[c.severity] ?? c.severity },
    ...(c.team ? [{ label: "Team", value: c.team }] : []),
  ];
}

const asJson = (m: NotifyMessage) => JSON.parse(JSON.stringify(m)) as Prisma.InputJsonValue;

/** Record one or many events in the caller's transaction; returns how many notifications and deliveries were written. */
export async function recordNotifications(tx: Tx, events: readonly NotificationEvent[]): Promise<RecordResult> {
  if (events.length === 0) return { notifications: 0, deliveries: 0 };
  const userIds = [...new Set(events.flatMap((e) => e.userIds))];
  const caseIds = [...new Set(events.flatMap((e) => (e.caseId ? [e.caseId] : [])))];
  const wantsChannels = events.some((e) => e.toChannels !== false && isChannelKind(e.kind));
  if (userIds.length === 0 && !wantsChannels) return { notifications: 0, deliveries: 0 };
  // Sequential on purpose: a transaction is one connection, and pg wants one query at a time on it.
  const users = userIds.length ? await tx.user.findMany({ where: { id: { in: userIds }, active: true }, select: { id: true } }) : [];
  const prefs = userIds.length ? await tx.notificationPreference.findMany({ where: { userId: { in: userIds } } }) : [];
  const settings = await tx.notificationSettings.findUnique({ where: { id: "default" } });
  const cases = caseIds.length
    ? await tx.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, number: true, title: true, severity: true, siteId: true, team: true, site: { select: { code: true } } } })
    : [];
  const webhooks = wantsChannels ? await tx.notificationWebhook.findMany({ where: { enabled: true }, select: { id: true, channel: true, kinds: true, siteIds: true, teams: true } }) : [];
  const active = new Set(users.map((u) => u.id));
  const prefOf = new Map(prefs.map((p) => [p.userId, p]));
  const caseOf = new Map<string, CaseInfo>(cases.map((c) => [c.id, { id: c.id, number: c.number, title: c.title, severity: c.severity, siteId: c.siteId, team: c.team, siteCode: c.site.code }]));
  const email = mailConfigured();

  const notifications: Prisma.NotificationCreateManyInput[] = [];
  const deliveries: Prisma.NotificationDeliveryCreateManyInput[] = [];
  for (const e of events) {
    const c = e.caseId ? caseOf.get(e.caseId) : undefined;
    const createdAt = e.createdAt ?? new Date();
    const message: NotifyMessage = { kind: e.kind, title: e.title, body: e.body, link: e.link, facts: caseFacts(c) };
    for (const userId of new Set(e.userIds)) {
      if (!active.has(userId)) continue;
      const own = prefOf.get(userId) ?? null;
      const prefs = effectivePreferences(own, settings);
      const ch = channelsFor(prefs, e.kind, { email, chat: Boolean(own?.chatUrlSecret && own.chatChannel) });
      if (!ch.inApp && !ch.email && !ch.chat) continue;
      const id = randomUUID();
      notifications.push({ id, userId, kind: e.kind, caseId: e.caseId, title: e.title, body: e.body, link: e.link, createdAt, inApp: ch.inApp });
      const base = { kind: e.kind, notificationId: id, userId, caseId: e.caseId, message: asJson(message), createdAt, nextAttemptAt: createdAt };
      if (ch.email) deliveries.push({ ...base, channel: "EMAIL" });
      if (ch.chat && own?.chatChannel) deliveries.push({ ...base, channel: own.chatChannel });
    }
    if (e.toChannels === false || !isChannelKind(e.kind)) continue;
    const channelMessage = asJson({ ...message, title: e.channelTitle ?? e.title });
    for (const w of webhooks) {
      if (!w.kinds.includes(e.kind)) continue;
      if (w.siteIds.length > 0 && (!c || !w.siteIds.includes(c.siteId))) continue;
      if (w.teams.length > 0 && (!c || !c.team || !w.teams.includes(c.team))) continue;
      deliveries.push({ kind: e.kind, webhookId: w.id, caseId: e.caseId, channel: w.channel, message: channelMessage, createdAt, nextAttemptAt: createdAt });
    }
  }
  if (notifications.length) await tx.notification.createMany({ data: notifications });
  if (deliveries.length) {
    await tx.notificationDelivery.createMany({ data: deliveries });
    await wakeDeliveryWorkers(tx);
  }
  return { notifications: notifications.length, deliveries: deliveries.length };
}

/** Shorthand for one event. */
export async function recordNotification(tx: Tx, event: NotificationEvent): Promise<RecordResult> {
  return recordNotifications(tx, [event]);
}
