/**
 * The next-auth session cookie, decoded with next-auth's own `decode` and remembered per token.
 *
 * Why: every request checks the session twice (proxy.ts, then the server code), and next-auth
 * derives the encryption key with HKDF and decrypts the JWE each time; getServerSession also
 * re-encrypts a fresh cookie. Under load that was ~1 ms of CPU per queue request. A token that
 * decrypted once decrypts to the same claims again, so the claims are kept (bounded map, until the
 * token's exp, at most 10 minutes). Nothing is trusted from the cache that the database does not
 * re-check on each request: the user's role, sites, `active` and sessionVersion are reloaded
 * (lib/server/auth/viewer.ts), and the absolute lifetime is checked against authTime.
 * Not refreshing the cookie on each request loses nothing: the JWT's maxAge equals the absolute
 * session lifetime (auth-options.ts), so a refreshed cookie could not live longer anyway.
 */
import { decode, type JWT } from "next-auth/jwt";

const MAX_ENTRIES = 2_000;
const MAX_KEEP_S = 600;
/** jose's clockTolerance in next-auth's decode. */
const CLOCK_TOLERANCE_S = 15;

const cache = new Map<string, { claims: JWT; until: number }>();

/** next-auth's cookie name: `__Secure-` prefixed when the app's URL is https (as getToken decides). */
export function sessionCookieName(): string {
  const secure = process.env.NEXTAUTH_URL?.startsWith("https://") ?? Boolean(process.env.VERCEL);
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The session token from a request's cookies; next-auth splits a large one into `name.0`, `name.1`, … */
export function sessionTokenFrom(cookies: { name: string; value: string }[]): string | null {
  const name = sessionCookieName();
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value || null;
  const chunks = cookies
    .map((c) => ({ c, i: c.name.startsWith(`${name}.`) ? Number(c.name.slice(name.length + 1)) : NaN }))
    .filter((x) => Number.isInteger(x.i) && x.i >= 0)
    .sort((a, b) => a.i - b.i);
  return chunks.length ? chunks.map((x) => x.c.value).join("") : null;
}

/** The token's verified claims, or null (bad, tampered or expired token). */
export async function decodeSessionToken(token: string | null, secret = process.env.AUTH_SECRET): Promise<JWT | null> {
  if (!token || !secret) return null;
  const nowS = Date.now() / 1000;
  const key = `${secret.length}:${token}`;
  const hit = cache.get(key);
  if (hit) {
    if (nowS < hit.until) return hit.claims;
    cache.delete(key);
  }
  let claims: JWT | null;
  try {
    claims = await decode({ token, secret });
  } catch {
    return null; // not cached: a bad token costs what it always did
  }
  if (!claims) return null;
  const exp = typeof claims.exp === "number" ? claims.exp + CLOCK_TOLERANCE_S : nowS;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { claims, until: Math.min(exp, nowS + MAX_KEEP_S) });
  return claims;
}
