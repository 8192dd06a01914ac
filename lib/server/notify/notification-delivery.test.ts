/**
 * Integration: outbound notifications end to end on a real database (clone of the seeded template), a real SMTP
 * catcher (smtp-server) and a real HTTP receiver standing in for Slack- and Teams-compatible incoming webhooks.
 * Proposing and deciding actions write outbox rows in their own transaction; the delivery job sends them;
 * failures are retried with backoff, refused ones fail with the reason and can be retried by an admin; nothing
 * is sent twice; preferences decide the channels; SLA warnings fire once per due date; detection's new
 * critical cases reach the site's planners and supervisors.
 */
process.env.AUTH_SECRET ??= "test-secret-for-notifications-0123456789abcdef";
process.env.APP_URL = "https://workbench.test";
process.env.NOTIFY_WEBHOOK_HOSTS = "127.0.0.1";

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startMailCatcher, startWebhookReceiver, type MailCatcher, type WebhookReceiver } from "@/lib/testing/notification-catchers";
import { BUILT_IN_PREFERENCES } from "@/lib/domain/notify/preferences";

let tdb: TestDatabase;
let mail: MailCatcher;
let hooks: WebhookReceiver;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  actions: typeof import("@/lib/server/dal/case-actions");
  admin: typeof import("@/lib/server/dal/notification-admin");
  prefs: typeof import("@/lib/server/dal/notification-preferences");
  inbox: typeof import("@/lib/server/dal/notifications");
  deliver: typeof import("@/lib/server/notify/deliver-notifications");
  record: typeof import("@/lib/server/notify/record-notifications");
  alerts: typeof import("@/lib/server/notify/case-alerts");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
};
let atl: string;

let clockMs = Date.now();
const now = () => new Date(clockMs);
const advance = (ms: number) => (clockMs += ms);
/** Run the delivery job on the test clock, which never runs behind the real one (rows are stamped with real time). */
const deliver = (opts: Parameters<typeof mod.deliver.deliverDueNotifications>[1] = {}) => {
  clockMs = Math.max(clockMs, Date.now());
  return mod.deliver.deliverDueNotifications(mod.prisma, { now, ...opts });
};

const viewer = async (id: string) => {
  const v = await mod.loadViewer(mod.prisma, id);
  assert.ok(v, `user ${id}`);
  return v;
};
const used = new Set<string>();
async function freshCase(site = "DC-ATL") {
  const c = await mod.prisma.case.findFirst({ where: { status: "OPEN", site: { code: site }, itemId: { not: null }, id: { notIn: [...used] } }, orderBy: { score: "desc" } });
  assert.ok(c, `an unused open case at ${site}`);
  used.add(c.id);
  return c;
}
const postsTo = (path: string) => hooks.posts.filter((p) => p.path === path);

before(async () => {
  [mail, hooks] = await Promise.all([startMailCatcher(), startWebhookReceiver()]);
  process.env.SMTP_URL = mail.url;
  tdb = await createTestDatabase("seeded");
  process.env.DATABASE_URL = tdb.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    actions: await import("@/lib/server/dal/case-actions"),
    admin: await import("@/lib/server/dal/notification-admin"),
    prefs: await import("@/lib/server/dal/notification-preferences"),
    inbox: await import("@/lib/server/dal/notifications"),
    deliver: await import("@/lib/server/notify/deliver-notifications"),
    record: await import("@/lib/server/notify/record-notifications"),
    alerts: await import("@/lib/server/notify/case-alerts"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
  };
  atl = (await mod.prisma.location.findUniqueOrThrow({ where: { code: "DC-ATL" } })).id;
  const admin = await viewer("usr_admin");
  await mod.admin.createTeamWebhook(admin, { name: "atl-approvals", channel: "SLACK", url: `${hooks.url}/slack/atl`, kinds: ["APPROVAL_REQUESTED", "DECISION_MADE", "WRITE_BACK_FAILED"], siteIds: [atl], teams: [], enabled: true });
  await mod.admin.createTeamWebhook(admin, { name: "ops-teams", channel: "TEAMS", url: `${hooks.url}/teams/ops`, kinds: ["APPROVAL_REQUESTED", "SLA_AT_RISK", "NEW_CRITICAL_CASE"], siteIds: [], teams: [], enabled: true });
});

after(async () => {
  await mod?.prisma.$disconnect();
  await tdb?.drop();
  await Promise.all([mail?.close(), hooks?.close()]);
});

describe("outbox and delivery", () => {
  test("an approval request is queued in the proposing transaction and arrives by e-mail, in Slack and in Teams — once", async () => {
    const planner = await viewer("usr_planner");
    const c = await freshCase();
    const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 5, note: "Count the bin again" });
    const rows = await mod.prisma.notificationDelivery.findMany({ where: { caseId: c.id, kind: "APPROVAL_REQUESTED" }, orderBy: { channel: "asc" } });
    assert.deepEqual(rows.map((r) => [r.channel, r.status]), [["EMAIL", "QUEUED"], ["SLACK", "QUEUED"], ["TEAMS", "QUEUED"]]);
    assert.equal(rows.find((r) => r.channel === "EMAIL")?.userId, "usr_supervisor");
    assert.equal(postsTo("/slack/atl").length + mail.messages.length, 0, "nothing is sent inside the business transaction");

    const summary = await deliver();
    assert.equal(summary.sent, 3);
    const [email] = mail.messages.filter((m) => m.envelopeTo.includes("supervisor@demo.local"));
    assert.ok(email, "the supervisor got an e-mail");
    assert.match(email.subject, new RegExp(`^\\[Exception Workbench\\] Approval needed: Recount \\$[\\d,]+ on case #${c.number}$`));
    assert.ok(email.text.includes(`Open: https://workbench.test/approvals#action-${action.id}`), email.text);
    assert.match(email.html, new RegExp(`href="https://workbench.test/approvals#action-${action.id}"`));
    assert.equal(email.messageId, `<${rows.find((r) => r.channel === "EMAIL")!.id}@exception-workbench>`);

    const [slack] = postsTo("/slack/atl");
    const slackBody = slack.body as { text: string; blocks: { type: string; elements?: { url: string }[] }[] };
    assert.match(slackBody.text, new RegExp(`Approval needed: Recount .* on case #${c.number} <https://workbench.test/approvals#action-${action.id}\\|Open>`));
    assert.equal(slackBody.blocks[0].type, "header");
    assert.equal(slackBody.blocks.at(-1)?.elements?.[0].url, `https://workbench.test/approvals#action-${action.id}`);
    assert.equal(slack.headers["content-type"], "application/json");
    assert.equal(slack.headers["x-workbench-delivery"], rows.find((r) => r.channel === "SLACK")!.id);

    const [teams] = postsTo("/teams/ops");
    const card = (teams.body as { type: string; attachments: { contentType: string; content: { type: string; body: { text?: string }[]; actions: { url: string }[] } }[] }).attachments[0];
    assert.equal((teams.body as { type: string }).type, "message");
    assert.equal(card.contentType, "application/vnd.microsoft.card.adaptive");
    assert.equal(card.content.type, "AdaptiveCard");
    assert.match(card.content.body[0].text!, /^Approval needed: Recount/);
    assert.equal(card.content.actions[0].url, `https://workbench.test/approvals#action-${action.id}`);

    const sent = await mod.prisma.notificationDelivery.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    for (const r of sent) {
      assert.equal(r.status, "SENT");
      assert.equal(r.attempts, 1);
      assert.ok(r.sentAt);
    }
    assert.match(sent.find((r) => r.channel === "SLACK")!.response!, /^HTTP 200/);
    // A second run (a retried job, the minute sweep) finds nothing to send.
    const again = await deliver();
    assert.equal(again.sent, 0);
    assert.equal(postsTo("/slack/atl").length, 1);
    assert.equal(mail.messages.filter((m) => m.subject === email.subject).length, 1);
  });

  test("a failing webhook and a temporarily refusing mail server are retried with backoff; after success nothing is sent again", async () => {
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    const c = await freshCase();
    const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 6, note: "Second look" });
    await deliver();
    const slackBefore = postsTo("/slack/atl").length;
    hooks.failNext(2, 500);
    mail.refuseNext(1, 451);
    await mod.actions.decideAction(supervisor, { actionId: action.id, decision: "REJECT", reason: "Counted yesterday" });
    const decided = await mod.prisma.notificationDelivery.findMany({ where: { caseId: c.id, kind: "DECISION_MADE" } });
    assert.deepEqual(decided.map((d) => d.channel).sort(), ["EMAIL", "SLACK"]);

    const first = await deliver();
    assert.deepEqual([first.sent, first.retrying], [0, 2]);
    const slackRow = async () => mod.prisma.notificationDelivery.findFirstOrThrow({ where: { caseId: c.id, kind: "DECISION_MADE", channel: "SLACK" } });
    const emailRow = async () => mod.prisma.notificationDelivery.findFirstOrThrow({ where: { caseId: c.id, kind: "DECISION_MADE", channel: "EMAIL" } });
    let s = await slackRow();
    assert.equal(s.status, "QUEUED");
    assert.equal(s.attempts, 1);
    assert.match(s.lastError!, /HTTP 500/);
    assert.equal(s.nextAttemptAt.getTime(), clockMs + 30_000, "first retry after 30 s");
    assert.match((await emailRow()).lastError!, /SMTP: .*451|Try again later/);

    assert.equal((await deliver()).sent, 0, "nothing is due before the backoff passed");
    advance(30_000);
    const second = await deliver();
    assert.deepEqual([second.sent, second.retrying], [1, 1], "e-mail goes through, the webhook fails again");
    s = await slackRow();
    assert.equal(s.nextAttemptAt.getTime(), clockMs + 60_000, "then after 1 min");
    advance(60_000);
    assert.equal((await deliver()).sent, 1);
    advance(10 * 60_000);
    assert.equal((await deliver()).sent, 0);

    const posts = postsTo("/slack/atl").slice(slackBefore).filter((p) => JSON.stringify(p.body).includes(`Rejected: Recount`));
    assert.deepEqual(posts.map((p) => p.answeredWith), [500, 500, 200], "two failures, one success, no duplicate");
    s = await slackRow();
    assert.deepEqual([s.status, s.attempts, s.lastError], ["SENT", 3, null]);
    const mails = mail.messages.filter((m) => m.subject.includes(`Rejected: Recount`) && m.envelopeTo.includes("planner@demo.local"));
    assert.equal(mails.length, 1, "the refused attempt left no message; the retry delivered exactly one");
    assert.match(mails[0].text, /Counted yesterday/);
  });

  test("a refusal fails at once with the reason, the bell keeps the notification, and an admin's retry sends it", async () => {
    const planner = await viewer("usr_planner");
    const c = await freshCase();
    hooks.failNext(1, 404);
    await mod.actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 7, note: "Third" });
    const r = await deliver();
    assert.equal(r.failed, 1);
    const row = await mod.prisma.notificationDelivery.findFirstOrThrow({ where: { caseId: c.id, channel: "SLACK" } });
    assert.equal(row.status, "FAILED");
    assert.match(row.lastError!, /HTTP 404: no_service/);
    const bell = await mod.inbox.listNotifications(await viewer("usr_supervisor"), 50);
    assert.ok(bell.items.some((n) => n.caseId === c.id && n.kind === "APPROVAL_REQUESTED"), "the in-app notification is there");

    await assert.rejects(mod.admin.retryDelivery(await viewer("usr_supervisor"), { id: row.id }), (e: { code?: string }) => e.code === "FORBIDDEN");
    await mod.admin.retryDelivery(await viewer("usr_admin"), { id: row.id });
    await assert.rejects(mod.admin.retryDelivery(await viewer("usr_admin"), { id: row.id }), (e: { code?: string }) => e.code === "CONFLICT");
    assert.equal((await deliver({ ids: [row.id] })).sent, 1);
    const after = await mod.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: row.id } });
    assert.deepEqual([after.status, after.attempts], ["SENT", 2]);
    assert.equal(await mod.prisma.auditEntry.count({ where: { action: "notifications.delivery_retried", entityId: row.id } }), 1);
    const admin = await mod.admin.getNotificationAdmin(await viewer("usr_admin"));
    assert.ok(admin.deliveries.some((d) => d.id === row.id && d.status === "SENT" && d.to === "#atl-approvals"));
    assert.equal(JSON.stringify(admin.webhooks).includes(hooks.url), false, "webhook URLs never leave the server");
  });

  test("a transaction that rolls back leaves neither notification nor delivery", async () => {
    const c = await freshCase();
    await assert.rejects(
      mod.prisma.$transaction(async (tx) => {
        await mod.record.recordNotification(tx, { kind: "WRITE_BACK_FAILED", caseId: c.id, userIds: ["usr_planner"], title: "rolled back", body: "", link: `/cases/${c.id}` });
        throw new Error("the business change failed");
      }),
      /business change failed/,
    );
    assert.equal(await mod.prisma.notification.count({ where: { title: "rolled back" } }), 0);
    assert.equal(await mod.prisma.notificationDelivery.count({ where: { caseId: c.id } }), 0);
  });
});

describe("preferences", () => {
  test("in-app off hides from the bell but e-mails; e-mail off queues none; a personal Slack webhook gets its copy", async () => {
    const supervisor = await viewer("usr_supervisor");
    const matrix = { ...BUILT_IN_PREFERENCES.matrix, DECISION_MADE: { inApp: false, email: true, chat: true }, WRITE_BACK_FAILED: { inApp: true, email: false, chat: false } };
    await mod.prefs.saveMyPreferences(supervisor, { matrix, digest: false });
    await mod.prefs.setMyChatWebhook(supervisor, { channel: "SLACK", url: `${hooks.url}/slack/personal-sam` });
    await assert.rejects(mod.prefs.setMyChatWebhook(supervisor, { channel: "SLACK", url: "https://example.org/hook" }), /not allowed/);
    const mine = await mod.prefs.getMyNotificationSettings(supervisor);
    assert.equal(mine.source, "own");
    assert.deepEqual(mine.chat, { channel: "SLACK", hint: `127.0.0.1:${new URL(hooks.url).port}/…-sam` });
    assert.equal(JSON.stringify(mine).includes("personal-sam"), false, "the URL is write-only");

    const c = await freshCase();
    await mod.prisma.$transaction(async (tx) => {
      await mod.record.recordNotifications(tx, [
        { kind: "DECISION_MADE", caseId: c.id, userIds: ["usr_supervisor"], title: "Pref test decision", body: "b", link: `/cases/${c.id}`, toChannels: false },
        { kind: "WRITE_BACK_FAILED", caseId: c.id, userIds: ["usr_supervisor"], title: "Pref test failure", body: "b", link: `/cases/${c.id}`, toChannels: false },
      ]);
    });
    const rows = await mod.prisma.notificationDelivery.findMany({ where: { caseId: c.id }, orderBy: [{ kind: "asc" }, { channel: "asc" }] });
    assert.deepEqual(rows.map((r) => [r.kind, r.channel]), [["DECISION_MADE", "EMAIL"], ["DECISION_MADE", "SLACK"]]);
    const bell = await mod.inbox.listNotifications(supervisor, 100);
    assert.equal(bell.items.some((n) => n.title === "Pref test decision"), false, "in-app off: not in the bell");
    assert.equal(bell.items.some((n) => n.title === "Pref test failure"), true);
    await deliver();
    await hooks.waitFor((p) => p.some((x) => x.path === "/slack/personal-sam"));
    assert.match(JSON.stringify(postsTo("/slack/personal-sam")[0].body), /Pref test decision/);

    await mod.prefs.resetMyPreferences(supervisor);
    const reset = await mod.prefs.getMyNotificationSettings(supervisor);
    assert.equal(reset.source, "built-in");
    assert.ok(reset.chat, "resetting the matrix keeps the personal webhook");
  });

  test("admins' defaults apply to people without their own choices", async () => {
    const admin = await viewer("usr_admin");
    await assert.rejects(mod.admin.saveNotificationDefaults(await viewer("usr_planner"), { matrix: BUILT_IN_PREFERENCES.matrix, digest: true, slaWarningMinutes: 60 }), (e: { code?: string }) => e.code === "FORBIDDEN");
    await mod.admin.saveNotificationDefaults(admin, { matrix: { ...BUILT_IN_PREFERENCES.matrix, MENTION: { inApp: true, email: true, chat: false } }, digest: true, slaWarningMinutes: 120 });
    const west = await mod.prefs.getMyNotificationSettings(await viewer("usr_planner_west"));
    assert.equal(west.source, "organisation");
    assert.equal(west.matrix.MENTION.email, true);
  });
});

describe("case alerts", () => {
  test("an SLA due within the lead time warns the assignee once per due date; later ones and unowned cases go to the site's triagers", async () => {
    const at = now();
    const owned = await freshCase();
    const unowned = await freshCase();
    const later = await freshCase();
    await mod.prisma.case.update({ where: { id: owned.id }, data: { assigneeId: "usr_planner", slaDueAt: new Date(at.getTime() + 90 * 60_000), snoozedAt: null } });
    await mod.prisma.case.update({ where: { id: unowned.id }, data: { assigneeId: null, slaDueAt: new Date(at.getTime() + 30 * 60_000), snoozedAt: null } });
    await mod.prisma.case.update({ where: { id: later.id }, data: { slaDueAt: new Date(at.getTime() + 5 * 3_600_000) } });
    // Lead time 120 min (set by the admin in the test above).
    await mod.alerts.warnCasesNearSla(mod.prisma, at);
    const forCase = (caseId: string) => mod.prisma.notification.findMany({ where: { caseId, kind: "SLA_AT_RISK" }, orderBy: { userId: "asc" } });
    assert.deepEqual((await forCase(owned.id)).map((n) => n.userId), ["usr_planner"]);
    assert.match((await forCase(owned.id))[0].title, new RegExp(`^SLA due in 1 hour 30 minutes: case #${owned.number}$`));
    assert.deepEqual((await forCase(unowned.id)).map((n) => n.userId), ["usr_planner", "usr_supervisor"]);
    assert.equal((await forCase(later.id)).length, 0);
    assert.equal(await mod.prisma.notificationDelivery.count({ where: { caseId: owned.id, kind: "SLA_AT_RISK", channel: "TEAMS" } }), 1, "the subscribed team channel too");

    const again = await mod.alerts.warnCasesNearSla(mod.prisma, new Date(at.getTime() + 5 * 60_000));
    assert.equal((await forCase(owned.id)).length, 1, "no second warning for the same due date");
    assert.ok(again.warned >= 0);
    // The due date moved (rescored): a new warning when the new one comes close.
    await mod.prisma.case.update({ where: { id: owned.id }, data: { slaDueAt: new Date(at.getTime() + 100 * 60_000) } });
    await mod.alerts.warnCasesNearSla(mod.prisma, new Date(at.getTime() + 10 * 60_000));
    assert.equal((await forCase(owned.id)).length, 2);
  });

  test("detection's critical cases notified the site's planner and supervisor, not other sites' people", async () => {
    const critical = await mod.prisma.case.findMany({ where: { severity: "CRITICAL" }, select: { id: true, number: true, site: { select: { code: true } } } });
    assert.ok(critical.length > 0, "the seeded demo has critical cases");
    for (const c of critical) {
      const to = (await mod.prisma.notification.findMany({ where: { caseId: c.id, kind: "NEW_CRITICAL_CASE" }, select: { userId: true, title: true } })).map((n) => n.userId).sort();
      const expected = ["DC-ATL", "DC-NJ"].includes(c.site.code) ? ["usr_planner", "usr_supervisor"] : ["DC-LAX", "DC-SEA"].includes(c.site.code) ? ["usr_planner_west"] : [];
      assert.deepEqual(to, expected, `case #${c.number} at ${c.site.code}`);
    }
  });

  test("raising a case to critical through detection notifies its assignee and the subscribed team channel", async () => {
    const { runDetectionPipeline } = await import("@/lib/server/pipeline/run-detection");
    // Lower a critical case to HIGH as if it had scored lower before; the next run scores it CRITICAL again.
    const c = await mod.prisma.case.findFirstOrThrow({ where: { severity: "CRITICAL", status: "OPEN" }, orderBy: { number: "asc" } });
    await mod.prisma.case.update({ where: { id: c.id }, data: { severity: "HIGH", assigneeId: "usr_admin" } });
    const asOf = (await mod.prisma.case.findFirstOrThrow({ orderBy: { openedAt: "asc" } })).openedAt;
    await runDetectionPipeline(mod.prisma, asOf);
    const title = `Case #${c.number} is now critical`;
    assert.deepEqual((await mod.prisma.notification.findMany({ where: { caseId: c.id, kind: "NEW_CRITICAL_CASE", title } })).map((n) => n.userId), ["usr_admin"]);
    const toTeams = await mod.prisma.notificationDelivery.findMany({ where: { caseId: c.id, kind: "NEW_CRITICAL_CASE", channel: "TEAMS" } });
    assert.deepEqual(toTeams.map((d) => (d.message as { title: string }).title), [title]);
    // Re-running on unchanged data raises nothing again.
    await runDetectionPipeline(mod.prisma, asOf);
    assert.equal(await mod.prisma.notification.count({ where: { caseId: c.id, kind: "NEW_CRITICAL_CASE" } }), 1);
  });
});
