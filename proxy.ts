import { NextResponse, type NextRequest } from "next/server";
import { decodeSessionToken, sessionTokenFrom } from "@/lib/server/auth/session-token";
import { contentSecurityPolicy, newNonce, oidcOrigin, strictTransportSecurity, viaHttps } from "@/lib/server/http/security-headers";
import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from "@/lib/server/http/same-origin";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/server/http/request-id";
import { sessionMaxAgeHours } from "@/lib/domain/auth/session-policy";

/** Reachable without a session: sign-in, next-auth's own endpoints, the HMAC-signed webhook, and the health check (details only for admins). */
const PUBLIC = [/^\/login(\/|$)/, /^\/api\/auth(\/|$)/, /^\/api\/events$/, /^\/api\/health$/];
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Runs before every page, action and API request. First gate only (every page, action and route
 * handler authorizes again on the server, with the viewer reloaded from the database —
 * lib/server/auth/viewer.ts):
 *  - an `x-request-id` (the caller's when sane, else new), forwarded to the server code (log lines)
 *    and returned on the response;
 *  - a per-request CSP nonce and the security headers (lib/server/http/security-headers.ts);
 *  - signed-out visitors, and sessions past their absolute lifetime, go to /login (401 for /api);
 *  - cross-site mutations of /api routes are refused (the route handlers check again).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const https = viaHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"));
  const nonce = newNonce();
  const form = oidcOrigin(process.env.OIDC_ISSUER);
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https, extraFormActions: form ? [form] : [] });
  const isApi = pathname.startsWith("/api/");

  let refusal: NextResponse | null = null;
  if (isApi && MUTATING.has(request.method) && !/^\/api\/(events|auth)(\/|$)/.test(pathname) && !isSameOrigin(request.headers)) {
    refusal = NextResponse.json({ error: CROSS_ORIGIN_MESSAGE, requestId }, { status: 403 });
  } else if (!PUBLIC.some((p) => p.test(pathname))) {
    const token = await decodeSessionToken(sessionTokenFrom(request.cookies.getAll()));
    const authTime = typeof token?.authTime === "number" ? token.authTime : null;
    const live = token && authTime !== null && Date.now() - authTime * 1000 <= sessionMaxAgeHours(process.env.SESSION_MAX_AGE_HOURS) * 3_600_000;
    if (!live) {
      if (isApi) refusal = NextResponse.json({ error: "Not signed in", requestId }, { status: 401 });
      else {
        const login = new URL("/login", request.url);
        login.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
        refusal = NextResponse.redirect(login);
      }
    }
  }

  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const response = refusal ?? NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  const hsts = strictTransportSecurity(process.env.NODE_ENV === "production", https);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  // Everything but build assets (those get the fixed headers from next.config.js), so every request gets an id.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
