/**
 * Integration: the worker's wake-up on a real database. The recording transaction's NOTIFY reaches a LISTENing
 * worker only when it commits; a rolled-back transaction wakes nobody.
 */
process.env.AUTH_SECRET ??= "test-secret-for-listener-0123456789abcdef";

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let tdb: TestDatabase;
let prisma: typeof import("@/lib/server/db").prisma;

before(async () => {
  tdb = await createTestDatabase("seeded");
  process.env.DATABASE_URL = tdb.url;
  prisma = (await import("@/lib/server/db")).prisma;
});

after(async () => {
  await prisma?.$disconnect();
  await tdb?.drop();
});

test("a committed recording wakes the listener once it commits; a rollback does not", async () => {
  const { listenForOutbox } = await import("@/lib/server/jobs/notify-listener");
  const { recordNotification } = await import("@/lib/server/notify/record-notifications");
  const { createTeamWebhook } = await import("@/lib/server/dal/notification-admin");
  const { loadViewer } = await import("@/lib/server/auth/load-viewer");
  await createTeamWebhook((await loadViewer(prisma, "usr_admin"))!, { name: "all", channel: "SLACK", url: "https://hooks.slack.com/services/T/B/secret", kinds: ["WRITE_BACK_FAILED"], siteIds: [], teams: [], enabled: true });
  const c = await prisma.case.findFirstOrThrow({ orderBy: { number: "asc" } });
  let wakes = 0;
  const listener = await listenForOutbox(tdb.url, async () => void wakes++);
  try {
    const event = { kind: "WRITE_BACK_FAILED" as const, caseId: c.id, userIds: [], title: "x", body: "", link: null };
    await assert.rejects(
      prisma.$transaction(async (tx) => {
        await recordNotification(tx, event);
        throw new Error("rollback");
      }),
    );
    let wokeInside = -1;
    await prisma.$transaction(async (tx) => {
      await recordNotification(tx, event);
      await new Promise((r) => setTimeout(r, 300));
      wokeInside = wakes;
    });
    assert.equal(wokeInside, 0, "nothing before commit (and nothing from the rollback)");
    const deadline = Date.now() + 5_000;
    while (wakes === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(wakes, 1, "one wake-up after commit");
  } finally {
    await listener.close();
  }
});
