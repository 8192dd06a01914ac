/**
 * CSRF defence for route handlers that change data (server actions get the same check from Next):
 * a browser always sends Origin with a POST; it must name this host. A request without Origin is
 * accepted only when the browser says it is same-origin (Sec-Fetch-Site). The webhook does not use
 * this: it is authenticated by its HMAC signature, not by a cookie.
 */

/** True when the request comes from a page of this application (not another site). */
export function isSameOrigin(headers: Headers): boolean {
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0].trim().toLowerCase();
  const origin = headers.get("origin");
  if (origin && origin !== "null") {
    try {
      return host !== "" && new URL(origin).host.toLowerCase() === host;
    } catch {
      return false;
    }
  }
  return headers.get("sec-fetch-site") === "same-origin";
}

export const CROSS_ORIGIN_MESSAGE = "Cross-site request refused: this endpoint only accepts requests from the workbench's own pages.";
