import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

/**
 * First gate only: sends signed-out visitors to /login. /api/events is machine-to-machine (HMAC-signed), not a session. Every page, action and route handler
 * authorizes again on the server (lib/server/auth/viewer.ts + the data-access layer).
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.AUTH_SECRET });
  if (token) return NextResponse.next();
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "Not signed in" }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!login|api/auth|api/events|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
