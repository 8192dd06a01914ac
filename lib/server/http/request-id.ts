/**
 * Request ids: proxy.ts gives every page, action and API request an `x-request-id` — the caller's own
 * when it is sane (a load balancer or client that already traces the request), else a new UUID — and
 * returns it on the response. Server code reads it back from the request headers for its log lines.
 * No Node imports: proxy.ts may run in any runtime.
 */

export const REQUEST_ID_HEADER = "x-request-id";

/** 1–128 characters of letters, digits and `._:-`: enough for UUIDs, trace ids and ULIDs, nothing that could forge a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming id when it is sane, else a fresh UUID. */
export function requestIdFrom(incoming: string | null | undefined): string {
  const id = incoming?.trim();
  return id && SANE_REQUEST_ID.test(id) ? id : crypto.randomUUID();
}
