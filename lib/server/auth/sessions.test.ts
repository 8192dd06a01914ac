/**
 * Integration: sessions end when they should, on the real stack — a server action called with a session
 * (lib/testing/test-session.ts) after "sign out everywhere", an admin's revoke, deactivation, or the end
 * of the absolute lifetime is refused as UNAUTHENTICATED and changes nothing.
 */
import "@/lib/testing/next-runtime";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { callAs, callWith } from "@/lib/testing/access-matrix/harness";
import type { SessionClaims } from "@/lib/domain/auth/session-policy";

let db: TestDatabase;
let prisma: typeof import("@/lib/server/db").prisma;
let sessions: typeof import("@/lib/actions/user-session-actions");
let views: typeof import("@/lib/actions/saved-view-actions");

const nowSec = () => Math.floor(Date.now() / 1000);
const claimsOf = async (userId: string, authTime = nowSec()): Promise<SessionClaims> => ({
  userId,
  sessionVersion: (await prisma.user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion,
  authTime,
});
/** A harmless action that needs a session: create a saved view. */
const createView = async (claims: SessionClaims | null, name: string) => (await callWith(claims, () => views.createSavedViewAction({ name, query: "status=OPEN" }))).value;

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  prisma = (await import("@/lib/server/db")).prisma;
  sessions = await import("@/lib/actions/user-session-actions");
  views = await import("@/lib/actions/saved-view-actions");
});

after(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe("sessions", () => {
  test("a fresh session acts; the same token after 'sign out everywhere' does not, nor do the user's other sessions", async () => {
    const laptop = await claimsOf("usr_planner");
    const phone = await claimsOf("usr_planner");
    assert.equal((await createView(laptop, "laptop view")).ok, true);
    const out = await callAs({ id: "usr_planner", sessionVersion: laptop.sessionVersion! }, () => sessions.signOutEverywhereAction());
    assert.equal(out.value.ok, true);
    for (const token of [laptop, phone]) {
      const r = await createView(token, "after sign-out");
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.code, "UNAUTHENTICATED");
    }
    assert.equal(await prisma.savedView.count({ where: { ownerId: "usr_planner", name: "after sign-out" } }), 0);
    // Signing in again issues a token with the new version.
    assert.equal((await createView(await claimsOf("usr_planner"), "new session")).ok, true);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "auth.signed_out_everywhere", entityId: "usr_planner" } });
    assert.equal(audit.actorId, "usr_planner");
  });

  test("an admin revokes another user's sessions; a non-admin cannot", async () => {
    const target = await claimsOf("usr_supervisor");
    const byPlanner = await callAs({ id: "usr_planner", sessionVersion: (await claimsOf("usr_planner")).sessionVersion! }, () => sessions.revokeUserSessionsAction({ userId: "usr_supervisor" }));
    assert.equal(!byPlanner.value.ok && byPlanner.value.code, "FORBIDDEN");
    assert.equal((await createView(target, "still signed in")).ok, true);
    const byAdmin = await callAs({ id: "usr_admin", sessionVersion: 0 }, () => sessions.revokeUserSessionsAction({ userId: "usr_supervisor" }));
    assert.equal(byAdmin.value.ok, true);
    assert.equal((await createView(target, "revoked")).ok, false);
  });

  test("deactivating a user ends their sessions at once; reactivating needs a new sign-in; admins cannot deactivate themselves", async () => {
    const token = await claimsOf("usr_executive");
    const admin = { id: "usr_admin", sessionVersion: 0 };
    assert.equal((await callAs(admin, () => sessions.setUserActiveAction({ userId: "usr_executive", active: false }))).value.ok, true);
    assert.equal((await createView(token, "deactivated")).ok, false);
    assert.equal((await createView(await claimsOf("usr_executive"), "deactivated, new token")).ok, false, "an inactive user has no session at all");
    assert.equal((await callAs(admin, () => sessions.setUserActiveAction({ userId: "usr_executive", active: true }))).value.ok, true);
    assert.equal((await createView(token, "old token after reactivation")).ok, false, "the old token stays dead");
    assert.equal((await createView(await claimsOf("usr_executive"), "signed in again")).ok, true);
    const self = await callAs(admin, () => sessions.setUserActiveAction({ userId: "usr_admin", active: false }));
    assert.equal(!self.value.ok && self.value.code, "INVALID");
    const actions = (await prisma.auditEntry.findMany({ where: { entityId: "usr_executive", action: { startsWith: "user." } }, orderBy: { seq: "asc" } })).map((a) => a.action);
    assert.deepEqual(actions, ["user.deactivated", "user.reactivated"]);
  });

  test("a session past SESSION_MAX_AGE_HOURS (from sign-in, however active) is refused on the server", async () => {
    const saved = process.env.SESSION_MAX_AGE_HOURS;
    try {
      process.env.SESSION_MAX_AGE_HOURS = "2";
      assert.equal((await createView(await claimsOf("usr_finance", nowSec() - 3600), "1 h old")).ok, true);
      const old = await createView(await claimsOf("usr_finance", nowSec() - 3 * 3600), "3 h old");
      assert.equal(!old.ok && old.code, "UNAUTHENTICATED");
      assert.equal((await createView({ ...(await claimsOf("usr_finance")), authTime: null }, "no sign-in time")).ok, false);
      assert.equal((await createView({ ...(await claimsOf("usr_finance")), sessionVersion: null }, "no version")).ok, false);
    } finally {
      if (saved === undefined) delete process.env.SESSION_MAX_AGE_HOURS;
      else process.env.SESSION_MAX_AGE_HOURS = saved;
    }
  });
});
