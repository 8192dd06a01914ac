/**
 * Integration: sign-in throttling through the real credentials check (bcrypt, PostgreSQL counters,
 * audit rows): 5 failures lock an account for 15 minutes with a clear message, unknown accounts
 * behave the same, an address is locked after 20 failures across accounts, parallel guesses are
 * counted before checking, and an unknown account costs the same bcrypt work as a known one.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let db: TestDatabase;
let prisma: typeof import("@/lib/server/db").prisma;
let checkCredentials: typeof import("@/lib/server/auth/auth-options").checkCredentials;

const PASSWORD = "workbench-demo";
const fromIp = (ip: string) => ({ "x-forwarded-for": ip });
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/** Outcome of one sign-in attempt: "ok", "bad" (wrong credentials) or the lock message. */
async function attempt(email: string, password: string, ip: string, now = new Date()): Promise<string> {
  try {
    return (await checkCredentials({ email, password }, fromIp(ip), now)) ? "ok" : "bad";
  } catch (e) {
    return (e as Error).message;
  }
}

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  prisma = (await import("@/lib/server/db")).prisma;
  checkCredentials = (await import("@/lib/server/auth/auth-options")).checkCredentials;
});

after(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe("sign-in throttling", () => {
  test("5 failures lock the account for 15 minutes, even for the right password; then it works and starts over", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(await attempt("planner@demo.local", "wrong", "10.0.0.1"));
    assert.deepEqual(outcomes.slice(0, 4), ["bad", "bad", "bad", "bad"]);
    assert.match(outcomes[4], /Too many failed sign-ins\. Sign-in is locked for 15 more minutes/);
    assert.match(await attempt("planner@demo.local", PASSWORD, "10.0.0.2"), /locked for 15 more minutes/, "the lock is per account, from any address");
    assert.match(await attempt("planner@demo.local", PASSWORD, "10.0.0.2", minutes(10)), /locked for 5 more minutes/);
    assert.equal(await attempt("planner@demo.local", PASSWORD, "10.0.0.2", minutes(16)), "ok");
    assert.equal(await prisma.loginThrottle.count({ where: { key: "account:planner@demo.local" } }), 0, "a success clears the account's counter");
    const audit = await prisma.auditEntry.findMany({ where: { action: { startsWith: "auth." }, entityId: "usr_planner" }, orderBy: { seq: "asc" } });
    assert.deepEqual(audit.map((a) => a.action), ["auth.signin_failed", "auth.signin_failed", "auth.signin_failed", "auth.signin_failed", "auth.signin_failed", "auth.locked", "auth.signin"]);
    assert.equal((audit[0].after as { ip: string }).ip, "10.0.0.1");
  });

  test("an unknown account is locked exactly like a known one (the lockout does not reveal which accounts exist)", async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await attempt("finance@demo.local", "wrong", "10.0.1.1"));
      unknown.push(await attempt("nobody@demo.local", "wrong", "10.0.1.2"));
    }
    assert.deepEqual(unknown, known);
    assert.equal(await prisma.auditEntry.count({ where: { action: "auth.signin_failed", entityId: "unknown-account" } }), 5);
  });

  test("an address is locked after 20 failures across accounts", async () => {
    for (let i = 0; i < 20; i++) assert.equal(await attempt(`guess${i}@demo.local`, "wrong", "10.0.2.1"), i === 19 ? (await lockText()) : "bad");
    assert.match(await attempt("executive@demo.local", PASSWORD, "10.0.2.1"), /Too many failed sign-ins/, "even a right password from that address waits");
    assert.equal(await attempt("executive@demo.local", PASSWORD, "10.0.2.9"), "ok", "other addresses are not affected");
    assert.equal(await prisma.auditEntry.count({ where: { action: "auth.locked", entityType: "ClientAddress", entityId: "10.0.2.1" } }), 1);
  });

  test("parallel guesses are counted before the password is checked: at most 5 are checked", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => attempt("supervisor@demo.local", "wrong", "10.0.3.1")));
    assert.deepEqual(results.filter((r) => r !== "bad" && !/^Too many failed sign-ins/.test(r)), [], "every attempt is either checked or refused as locked");
    assert.equal(await prisma.auditEntry.count({ where: { action: "auth.signin_failed", entityId: "usr_supervisor" } }), 5, "exactly 5 passwords were checked");
    assert.match(await attempt("supervisor@demo.local", PASSWORD, "10.0.3.2"), /locked/);
  });

  test("an unknown account takes as long as a wrong password for a known one (same bcrypt work)", async () => {
    const time = async (email: string, ip: string) => {
      const t = performance.now();
      await attempt(email, "wrong", ip);
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time("admin@demo.local", `10.0.4.${i}`));
      unknown.push(await time(`ghost${i}@demo.local`, `10.0.5.${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    // Without the dummy hash an unknown account would answer in a few ms against ~250 ms for bcrypt(12).
    assert.ok(median(unknown) > median(known) * 0.5, `unknown ${median(unknown).toFixed(0)} ms vs known ${median(known).toFixed(0)} ms`);
  });
});

/** The message the 20th failure from one address gets (locked for 15 minutes). */
async function lockText() {
  const { lockedMessage } = await import("@/lib/domain/auth/login-throttle");
  return lockedMessage(minutes(15), new Date());
}
