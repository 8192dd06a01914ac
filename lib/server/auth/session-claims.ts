import "server-only";
import type { AsyncLocalStorage } from "node:async_hooks";
import { cookies } from "next/headers";
import { decodeSessionToken, sessionTokenFrom } from "@/lib/server/auth/session-token";
import type { SessionClaims } from "@/lib/domain/auth/session-policy";

export type { SessionClaims };

/**
 * The one test seam of authentication (see lib/testing/test-session.ts): integration tests call
 * server actions and route handlers directly, as a chosen user, without a browser cookie. It is
 * unreachable in production twice over: Next inlines `process.env.NODE_ENV` ("production" in
 * `next build`), so the branch is removed from the bundle (e2e/security-headers.spec.ts checks the
 * build holds no trace of it), and the store is only ever created by test code.
 */
function testSession(): SessionClaims | null | undefined {
  if (process.env.NODE_ENV !== "test") return undefined;
  const key = Symbol.for("workbench.testSession");
  const store = (globalThis as unknown as Record<symbol, AsyncLocalStorage<{ claims: SessionClaims | null }> | undefined>)[key];
  return store?.getStore()?.claims;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** What the request's verified session token says: user id, session version and sign-in time; null when signed out. */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const seam = testSession();
  if (seam !== undefined) return seam;
  // The token's claims as auth-options' session callback exposes them (uid, sv, authTime); decoded
  // once per token, not on every request (session-token.ts).
  const token = await decodeSessionToken(sessionTokenFrom((await cookies()).getAll()));
  if (typeof token?.uid !== "string" || !token.uid) return null;
  return { userId: token.uid, sessionVersion: num(token.sv), authTime: num(token.authTime) };
}
