import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { encode } from "next-auth/jwt";
import { decodeSessionToken, sessionCookieName, sessionTokenFrom } from "@/lib/server/auth/session-token";

const SECRET = "a-test-secret-of-reasonable-length-0123456789";
const claims = { uid: "usr_planner", sv: 3, authTime: Math.floor(Date.now() / 1000) };

describe("session token", () => {
  test("decodes next-auth's token to its claims, the same again from memory", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    const first = await decodeSessionToken(token, SECRET);
    assert.equal(first?.uid, "usr_planner");
    assert.equal(first?.sv, 3);
    assert.equal(first?.authTime, claims.authTime);
    assert.deepEqual(await decodeSessionToken(token, SECRET), first);
  });

  test("refuses a tampered token, one under another secret, an expired one, and none", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    const parts = token.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "BB" : "AA");
    assert.equal(await decodeSessionToken(parts.join("."), SECRET), null);
    assert.equal(await decodeSessionToken(token, `${SECRET}-other`), null);
    const expired = await encode({ token: claims, secret: SECRET, maxAge: -60 });
    assert.equal(await decodeSessionToken(expired, SECRET), null);
    assert.equal(await decodeSessionToken(null, SECRET), null);
    assert.equal(await decodeSessionToken("not-a-jwe", SECRET), null);
  });

  test("reads the cookie whole or from next-auth's numbered chunks", () => {
    const name = sessionCookieName();
    assert.equal(sessionTokenFrom([{ name: "other", value: "x" }, { name, value: "abc" }]), "abc");
    assert.equal(
      sessionTokenFrom([
        { name: `${name}.1`, value: "def" },
        { name: `${name}.0`, value: "abc" },
        { name: `${name}.x`, value: "zzz" },
      ]),
      "abcdef",
    );
    assert.equal(sessionTokenFrom([{ name: "other", value: "x" }]), null);
  });
});
