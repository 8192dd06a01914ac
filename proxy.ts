import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/server/http/request-id";

/** Reachable without a session: sign-in, next-auth, the HMAC-signed webhook, and the health check (which shows details only to admins). */
const NO_SESSION_NEEDED = /^\/(login|api\/auth|api\/events|api\/health)(\/|$)/;

/**
 * Runs before every page, action and API request:
 *  - gives it an `x-request-id` (the caller's when sane, else new), forwarded to the server code (log
 *    lines) and returned on the response;
 *  - first gate only: sends signed-out visitors to /login (401 for /api). Every page, action and route
 *    handler authorizes again on the server (lib/server/auth/viewer.ts + the data-access layer).
 */
export async function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const response = await gate(request, requestId);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

async function gate(request: NextRequest, requestId: string): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  if (!NO_SESSION_NEEDED.test(pathname) && !(await getToken({ req: request, secret: process.env.AUTH_SECRET }))) {
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Not signed in", requestId }, { status: 401 });
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
    return NextResponse.redirect(login);
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  // Everything but build assets, so every request gets an id.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
