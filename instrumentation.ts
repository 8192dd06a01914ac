import type { Instrumentation } from "next";

/** Runs once when a server process starts (Node runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/server/startup-checks");
  (await import("./lib/server/log")).log.setBindings({ service: "web" });
}

/**
 * Any error a page, action or route handler did not handle itself: one structured line with the
 * request id proxy.ts assigned (no query string: it may carry tokens).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log, errorFields } = await import("./lib/server/log");
  const requestId = request.headers["x-request-id"];
  log.error(
    { requestId: typeof requestId === "string" ? requestId : undefined, method: request.method, path: request.path.split("?")[0], routePath: context.routePath, routeType: context.routeType, ...errorFields(error) },
    "request error",
  );
};
