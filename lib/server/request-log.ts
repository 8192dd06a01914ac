import "server-only";
/**
 * Log context for web requests. proxy.ts put the request's id on the `x-request-id` request header;
 * these helpers read it back (Next's `headers()`) and open the log context (lib/server/log.ts) so every
 * line written while handling the request carries it.
 */
import { headers } from "next/headers";
import { log, withLogContext, errorFields, type Logger } from "@/lib/server/log";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/server/http/request-id";

/** The current request's id (a fresh one when proxy.ts did not run, e.g. a path outside its matcher). */
export async function currentRequestId(): Promise<string> {
  try {
    return requestIdFrom((await headers()).get(REQUEST_ID_HEADER));
  } catch {
    return requestIdFrom(null); // outside a request (build, scripts)
  }
}

/** A logger bound to the current request, for server components (pages) that log outside an action. */
export async function requestLog(): Promise<Logger> {
  return log.child({ requestId: await currentRequestId() });
}

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wrap a route handler: runs it inside the request's log context and writes one line per request
 * (route, method, status, duration). Unexpected errors are logged with the request id and answered 500.
 */
export function withRequestLog<C, R extends Request = Request>(route: string, handler: (request: R, context: C) => Promise<Response>): RouteHandler<C> {
  return async (request, context) => {
    const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
    return withLogContext({ requestId }, async () => {
      const started = performance.now();
      try {
        const response = await handler(request as R, context);
        const ms = Math.round(performance.now() - started);
        log[response.status >= 500 ? "error" : "info"]({ route, method: request.method, status: response.status, ms }, "route");
        return response;
      } catch (e) {
        if (isNextControlFlow(e)) throw e;
        log.error({ route, method: request.method, status: 500, ms: Math.round(performance.now() - started), ...errorFields(e) }, "route failed");
        return Response.json({ error: "Something went wrong on our side.", requestId }, { status: 500, headers: { [REQUEST_ID_HEADER]: requestId } });
      }
    });
  };
}

/** redirect(), notFound() and Next's dynamic-rendering bailouts throw errors tagged with a `digest`: control flow, not failures. */
function isNextControlFlow(e: unknown): boolean {
  return typeof e === "object" && e !== null && typeof (e as { digest?: unknown }).digest === "string";
}
