import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy, newNonce, oidcOrigin, strictTransportSecurity, viaHttps } from "@/lib/server/http/security-headers";
import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from "@/lib/server/http/same-origin";
import { sessionMaxAgeHours } from "@/lib/domain/auth/session-policy";

/** Reachable without a session: the sign-in page, next-auth's own endpoints, and the HMAC-signed webhook. */
const PUBLIC = [/^\/login(\/|$)/, /^\/api\/auth(\/|$)/, /^\/api\/events$/];
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * First gate only (every page, action and route handler authorizes again on the server, with the
 * viewer reloaded from the database — lib/server/auth/viewer.ts):
 *  - a per-request CSP nonce and the security headers (lib/server/http/security-headers.ts);
 *  - signed-out visitors, and sessions past their absolute lifetime, go to /login (401 for /api);
 *  - cross-site mutations of /api routes are refused (the route handlers check again).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const https = viaHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"));
  const nonce = newNonce();
  const form = oidcOrigin(process.env.OIDC_ISSUER);
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https, extraFormActions: form ? [form] : [] });
  const isApi = pathname.startsWith("/api/");

  let refusal: NextResponse | null = null;
  if (isApi && MUTATING.has(request.method) && !/^\/api\/(events|auth)(\/|$)/.test(pathname) && !isSameOrigin(request.headers)) {
    refusal = NextResponse.json({ error: CROSS_ORIGIN_MESSAGE }, { status: 403 });
  } else if (!PUBLIC.some((p) => p.test(pathname))) {
    const token = await getToken({ req: request, secret: process.env.AUTH_SECRET });
    const authTime = typeof token?.authTime === "number" ? token.authTime : null;
    const live = token && authTime !== null && Date.now() - authTime * 1000 <= sessionMaxAgeHours(process.env.SESSION_MAX_AGE_HOURS) * 3_600_000;
    if (!live) {
      if (isApi) refusal = NextResponse.json({ error: "Not signed in" }, { status: 401 });
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
  const response = refusal ?? NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  const hsts = strictTransportSecurity(process.env.NODE_ENV === "production", https);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  // Everything but build assets (those get the fixed headers from next.config.js).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
