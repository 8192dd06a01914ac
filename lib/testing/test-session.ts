/**
 * Integration tests act as a user by running code inside `withSession(...)` (usually through
 * `callAs` / `callWith` in access-matrix/harness.ts): server actions and route handlers then see that session exactly as they would see a verified next-auth cookie (the viewer is
 * still reloaded from the database and the session checks still run). Works only under
 * NODE_ENV=test (npm test sets it); lib/server/auth/session-claims.ts explains why production never
 * reaches it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { SessionClaims } from "@/lib/domain/auth/session-policy";

const TEST_SESSION = Symbol.for("workbench.testSession");
type Store = AsyncLocalStorage<{ claims: SessionClaims | null }>;

function store(): Store {
  if (process.env.NODE_ENV !== "test") throw new Error("withSession needs NODE_ENV=test (run the tests with `npm test`).");
  const g = globalThis as { [TEST_SESSION]?: Store };
  return (g[TEST_SESSION] ??= new AsyncLocalStorage());
}

/** Run `fn` with the given session claims (null = signed out). */
export function withSession<T>(claims: SessionClaims | null, fn: () => Promise<T>): Promise<T> {
  return store().run({ claims }, fn);
}
