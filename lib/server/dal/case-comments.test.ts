/**
 * Integration: comments with @mentions and the notification inbox, on a clone of the seeded database.
 * Mention ids are checked against who can see the case; only mentions still in the text count;
 * mentioned people (not the author) get a MENTION notification linking to the case; each reads and
 * clears only their own notifications.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  comments: typeof import("@/lib/server/dal/case-comments");
  people: typeof import("@/lib/server/dal/case-people");
  notifications: typeof import("@/lib/server/dal/notifications");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
};

const viewer = async (id: string) => {
  const v = await mod.loadViewer(mod.prisma, id);
  assert.ok(v, `demo user ${id} exists`);
  return v;
};

const expectAppError = async (p: Promise<unknown>, code: string, message?: RegExp) => {
  await assert.rejects(p, (e: unknown) => {
    assert.equal((e as { code?: string }).code, code, `expected ${code}, got ${String(e)}`);
    if (message) assert.match((e as Error).message, message);
    return true;
  });
};

const openCaseAt = (code: string, skip = 0) =>
  mod.prisma.case.findFirstOrThrow({ where: { status: "OPEN", site: { code } }, orderBy: { number: "asc" }, skip });

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    comments: await import("@/lib/server/dal/case-comments"),
    people: await import("@/lib/server/dal/case-people"),
    notifications: await import("@/lib/server/dal/notifications"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
  };
});

after(async () => {
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("mentions", () => {
  test("the autocomplete offers exactly the people who can see the case's site, not the author", async () => {
    const planner = await viewer("usr_planner");
    const nj = await openCaseAt("DC-NJ");
    const ids = (await mod.people.listMentionCandidates(planner, nj.id)).map((u) => u.id).sort();
    assert.deepEqual(ids, ["usr_admin", "usr_executive", "usr_finance", "usr_supervisor"]);
    const west = await viewer("usr_planner_west");
    assert.deepEqual(await mod.people.listMentionCandidates(west, nj.id), [], "a case the viewer cannot see has no candidates");
  });

  test("a comment stores its mentions, notifies each mentioned person once and writes an audit row", async () => {
    const planner = await viewer("usr_planner");
    const c = await openCaseAt("DC-NJ", 1);
    const body = "@Sam Supervisor can you approve the expedite? cc @Fiona Finance — and a note to @Priya Planner";
    const r = await mod.comments.addCaseComment(planner, { caseId: c.id, body, mentions: ["usr_supervisor", "usr_finance", "usr_finance", "usr_admin"] });
    // Alex Admin was picked but the text no longer says "@Alex Admin": not a mention.
    assert.deepEqual(r.mentioned, [
      { id: "usr_supervisor", name: "Sam Supervisor" },
      { id: "usr_finance", name: "Fiona Finance" },
    ]);
    assert.equal(r.notified, 2);
    const event = await mod.prisma.caseEvent.findUniqueOrThrow({ where: { id: r.eventId } });
    assert.equal(event.type, "COMMENTED");
    assert.equal(event.actorId, planner.id);
    assert.deepEqual(event.data, { body, mentions: r.mentioned });

    const notes = await mod.prisma.notification.findMany({ where: { caseId: c.id }, orderBy: { userId: "asc" } });
    assert.deepEqual(
      notes.map((n) => [n.userId, n.kind, n.title, n.link, n.readAt]),
      [
        ["usr_finance", "MENTION", `Priya Planner mentioned you on case #${c.number}`, `/cases/${c.id}#timeline`, null],
        ["usr_supervisor", "MENTION", `Priya Planner mentioned you on case #${c.number}`, `/cases/${c.id}#timeline`, null],
      ],
    );
    assert.equal(notes[0].body, body);
    const audit = await mod.prisma.auditEntry.findFirstOrThrow({ where: { caseId: c.id, action: "case.commented" } });
    assert.deepEqual(audit.after, { length: body.length, mentions: ["usr_supervisor", "usr_finance"], notified: ["usr_supervisor", "usr_finance"] });
  });

  test("mentioning someone who cannot see the case refuses the whole comment", async () => {
    const planner = await viewer("usr_planner");
    const c = await openCaseAt("DC-NJ", 2);
    const before = await mod.prisma.caseEvent.count({ where: { caseId: c.id } });
    await expectAppError(
      mod.comments.addCaseComment(planner, { caseId: c.id, body: "@Wes Planner look", mentions: ["usr_planner_west"] }),
      "INVALID",
      /Only people who can see this case/,
    );
    await expectAppError(mod.comments.addCaseComment(planner, { caseId: c.id, body: "@Ghost hi", mentions: ["usr_ghost"] }), "INVALID");
    assert.equal(await mod.prisma.caseEvent.count({ where: { caseId: c.id } }), before);
    assert.equal(await mod.prisma.notification.count({ where: { caseId: c.id } }), 0);
  });

  test("mentioning yourself highlights but does not notify; scope and permissions hold", async () => {
    const supervisor = await viewer("usr_supervisor");
    const c = await openCaseAt("DC-ATL");
    const r = await mod.comments.addCaseComment(supervisor, { caseId: c.id, body: "Note to @Sam Supervisor: follow up", mentions: ["usr_supervisor"] });
    assert.equal(r.mentioned.length, 1);
    assert.equal(r.notified, 0);
    await expectAppError(mod.comments.addCaseComment(await viewer("usr_planner_west"), { caseId: c.id, body: "peek" }), "NOT_FOUND");
    await expectAppError(mod.comments.addCaseComment(await viewer("usr_executive"), { caseId: c.id, body: "hello" }), "FORBIDDEN");
  });
});

describe("notification inbox", () => {
  test("lists the viewer's own notifications with an unread count; marking read touches only their own", async () => {
    const supervisor = await viewer("usr_supervisor");
    const finance = await viewer("usr_finance");
    // The seeded detection run already told the DC-ATL/DC-NJ supervisor about its critical cases.
    const alerts = await mod.prisma.notification.count({ where: { userId: "usr_supervisor", kind: "NEW_CRITICAL_CASE" } });
    const inbox = await mod.notifications.listNotifications(supervisor);
    assert.equal(inbox.unread, 1 + alerts);
    assert.equal(inbox.items.length, 1 + alerts);
    assert.match(inbox.items[0].title, /^Priya Planner mentioned you on case #\d+$/);
    const theirs = (await mod.notifications.listNotifications(finance)).items[0];

    // Someone else's id changes nothing.
    assert.deepEqual(await mod.notifications.markNotificationsRead(supervisor, { ids: [theirs.id] }), { updated: 0 });
    assert.equal((await mod.notifications.listNotifications(finance)).unread, 1);

    assert.deepEqual(await mod.notifications.markNotificationsRead(supervisor, { ids: [inbox.items[0].id] }), { updated: 1 });
    const after = await mod.notifications.listNotifications(supervisor);
    assert.equal(after.unread, alerts);
    assert.ok(after.items[0].readAt, "read notifications stay listed");
    assert.deepEqual(await mod.notifications.markNotificationsRead(finance, {}), { updated: 1 });
    assert.equal((await mod.notifications.listNotifications(finance)).unread, 0);
    assert.equal(await mod.prisma.auditEntry.count({ where: { action: "notifications.read" } }), 2);
  });
});
