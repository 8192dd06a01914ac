/**
 * Integration: the daily digest on a clone of the seeded database with a real SMTP catcher. The first digest
 * lists a person's items as new; a re-run the same day sends nothing; the next day with nothing changed stays
 * quiet; a change (escalation, a new approval, a resolved case) makes the next one go out with that item marked.
 */
process.env.AUTH_SECRET ??= "test-secret-for-digest-0123456789abcdef";
process.env.APP_URL = "https://workbench.test";

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startMailCatcher, type MailCatcher } from "@/lib/testing/notification-catchers";

let tdb: TestDatabase;
let mail: MailCatcher;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  digest: typeof import("@/lib/server/notify/daily-digest");
  deliver: typeof import("@/lib/server/notify/deliver-notifications");
  prefs: typeof import("@/lib/server/dal/notification-preferences");
  actions: typeof import("@/lib/server/dal/case-actions");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
};
const day = (n: number) => new Date(Date.UTC(2026, 11, 10 + n, 7, 0, 0));
let caseA: { id: string; number: number };
let caseB: { id: string; number: number };

const viewer = async (id: string) => (await mod.loadViewer(mod.prisma, id))!;
/** Run the digest for a day and send what it queued; returns the planner's digest e-mails of that day. */
async function digestOn(n: number) {
  const summary = await mod.digest.runDailyDigest(mod.prisma, day(n));
  await mod.deliver.deliverDueNotifications(mod.prisma, { now: () => new Date(Math.max(Date.now(), day(n).getTime())) });
  const date = day(n).toISOString().slice(0, 10);
  return { summary, planner: mail.messages.filter((m) => m.envelopeTo.includes("planner@demo.local") && m.subject.includes(date)) };
}

before(async () => {
  mail = await startMailCatcher();
  process.env.SMTP_URL = mail.url;
  tdb = await createTestDatabase("seeded");
  process.env.DATABASE_URL = tdb.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    digest: await import("@/lib/server/notify/daily-digest"),
    deliver: await import("@/lib/server/notify/deliver-notifications"),
    prefs: await import("@/lib/server/dal/notification-preferences"),
    actions: await import("@/lib/server/dal/case-actions"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
  };
  // The planner owns exactly two open cases; nobody else owns anything (other people's lists stay empty).
  await mod.prisma.case.updateMany({ data: { assigneeId: null } });
  const two = await mod.prisma.case.findMany({ where: { status: "OPEN", site: { code: "DC-ATL" } }, orderBy: { number: "asc" }, take: 2, select: { id: true, number: true } });
  [caseA, caseB] = two;
  await mod.prisma.case.updateMany({ where: { id: { in: two.map((c) => c.id) } }, data: { assigneeId: "usr_planner", escalationLevel: 0, slaDueAt: day(30) } });
});

after(async () => {
  await mod?.prisma.$disconnect();
  await tdb?.drop();
  await mail?.close();
});

describe("daily digest", () => {
  test("the first digest lists every item as new; a re-run the same day sends nothing more", async () => {
    const { summary, planner } = await digestOn(0);
    assert.equal(planner.length, 1, "one digest e-mail to the planner");
    const [m] = planner;
    assert.match(m.subject, /Your daily digest for 2026-12-10: 2 items, 2 new or changed/);
    assert.match(m.text, new RegExp(`Your open cases \\(2\\)\\n- #${caseA.number} .* \\[new\\] — `));
    assert.ok(m.text.includes(`https://workbench.test/cases/${caseB.id}`));
    assert.ok(summary.sent >= 1);
    const rerun = await digestOn(0);
    assert.equal(rerun.planner.length, 1, "still one: the day is done for everyone");
    assert.equal(rerun.summary.sent, 0);
    assert.equal(rerun.summary.alreadyDone, rerun.summary.users);
  });

  test("the next day with nothing changed stays quiet", async () => {
    // Drift that must not count: a rescore moves the SLA due date and the score.
    await mod.prisma.case.update({ where: { id: caseA.id }, data: { slaDueAt: day(31), score: { increment: 5 } } });
    const { summary, planner } = await digestOn(1);
    assert.equal(planner.length, 0, "no e-mail");
    assert.equal(summary.sent, 0);
    const run = await mod.prisma.digestRun.findUniqueOrThrow({ where: { userId_day: { userId: "usr_planner", day: "2026-12-11" } } });
    assert.deepEqual([run.sent, run.items, run.changed], [false, 2, 0]);
  });

  test("an escalation makes the next digest go out with only that item marked changed", async () => {
    await mod.prisma.case.update({ where: { id: caseB.id }, data: { escalationLevel: 1 } });
    const { planner } = await digestOn(2);
    assert.equal(planner.length, 1);
    const text = planner[0].text;
    assert.match(planner[0].subject, /2 items, 1 new or changed/);
    assert.match(text, new RegExp(`#${caseB.number} .* \\[changed\\] — .*escalated \\(level 1\\)`));
    assert.doesNotMatch(text, new RegExp(`#${caseA.number} [^\\n]*\\[(new|changed)\\]`));
    assert.equal((await digestOn(3)).planner.length, 0, "and quiet again the day after");
  });

  test("a resolved case leaves the list and is reported once; turning the digest off stops it", async () => {
    await mod.prisma.case.update({ where: { id: caseA.id }, data: { status: "RESOLVED", resolvedAt: day(4) } });
    const { planner } = await digestOn(4);
    assert.equal(planner.length, 1);
    assert.match(planner[0].text, /1 item left your list since the last digest\./);
    assert.match(planner[0].text, /Your open cases \(1\)/);

    const planner_ = await viewer("usr_planner");
    const mine = await mod.prefs.getMyNotificationSettings(planner_);
    await mod.prefs.saveMyPreferences(planner_, { matrix: mine.matrix, digest: false });
    await mod.prisma.case.update({ where: { id: caseB.id }, data: { escalationLevel: 2 } });
    assert.equal((await digestOn(5)).planner.length, 0, "digest off: nothing, even with a change");
  });

  test("a supervisor's digest lists the approvals waiting at their level", async () => {
    const planner = await viewer("usr_planner");
    const c = await mod.prisma.case.findFirstOrThrow({ where: { status: "OPEN", site: { code: "DC-NJ" }, itemId: { not: null } }, orderBy: { number: "asc" } });
    const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 4, note: "digest" });
    await mod.digest.runDailyDigest(mod.prisma, day(6));
    await mod.deliver.deliverDueNotifications(mod.prisma, { now: () => new Date(Math.max(Date.now(), day(6).getTime())) });
    const sup = mail.messages.filter((m) => m.envelopeTo.includes("supervisor@demo.local") && m.subject.includes("2026-12-16"));
    assert.equal(sup.length, 1);
    assert.match(sup[0].text, new RegExp(`Approvals waiting for you \\(1\\)\\n- Recount \\$[\\d,]+ on case #${c.number} \\[new\\]`));
    assert.ok(sup[0].text.includes(`https://workbench.test/approvals#action-${action.id}`));
  });
});
