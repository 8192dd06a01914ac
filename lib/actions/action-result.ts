import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { z } from "zod";
import { findUnstorableText } from "@/lib/utils/storable-text";
import { AppError } from "@/lib/server/errors";
import { requireViewer, type Viewer } from "@/lib/server/auth/viewer";
import { headers } from "next/headers";
import { errorFields, log, withLogContext } from "@/lib/server/log";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/server/http/request-id";
import { actionName } from "@/lib/server/action-names";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; code: string; fieldErrors?: Record<string, string[]> };

/**
 * The one shape of every server action: authenticate, validate with zod on the server, run the
 * data-access function (which authorizes and audits), and turn expected errors into messages.
 * Unexpected errors are logged and replaced by a generic message (no internals leak to the browser).
 * Each call writes one log line: action, request id, viewer, duration, outcome (never the input).
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  fn: (viewer: Viewer, input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const probe = schemaProbe.getStore();
  if (probe) {
    probe.push(schema);
    return { ok: false, code: "PROBE", error: "schema probe: the action was not run" };
  }
  const { requestId, action } = await actionRequestFacts();
  return withLogContext({ requestId }, async () => {
    const started = performance.now();
    const state: { viewerId?: string } = {};
    const result = await runActionSteps(schema, raw, fn, state);
    const fields = { action, viewerId: state.viewerId ?? null, ms: Math.round(performance.now() - started), outcome: result.ok ? "ok" : result.code };
    if (result.ok || result.code !== "INTERNAL") log.info(fields, "action");
    else log.error(fields, "action failed");
    return result;
  });
}

/** Request id (set by proxy.ts) and action name; outside a Next request (tests calling actions directly) a fresh id. */
async function actionRequestFacts(): Promise<{ requestId: string; action: string | null }> {
  try {
    const h = await headers();
    return { requestId: requestIdFrom(h.get(REQUEST_ID_HEADER)), action: actionName(h.get("next-action")) };
  } catch {
    return { requestId: requestIdFrom(null), action: null };
  }
}

async function runActionSteps<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  fn: (viewer: Viewer, input: z.infer<S>) => Promise<T>,
  state: { viewerId?: string },
): Promise<ActionResult<T>> {
  try {
    const viewer = await requireViewer();
    state.viewerId = viewer.id;
    // PostgreSQL cannot store U+0000 or lone surrogates: name the field instead of failing in the database.
    const unstorable = findUnstorableText(raw);
    if (unstorable) {
      const key = unstorable.path.join(".") || "_form";
      return { ok: false, code: "INVALID", error: "Please correct the highlighted fields.", fieldErrors: { [key]: [`${unstorable.reason[0].toUpperCase()}${unstorable.reason.slice(1)}.`] } };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "_form";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, code: "INVALID", error: "Please correct the highlighted fields.", fieldErrors };
    }
    return { ok: true, data: await fn(viewer, parsed.data) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, code: e.code, error: e.message };
    log.error({ viewerId: state.viewerId ?? null, ...errorFields(e) }, "action: unexpected error");
    return { ok: false, code: "INTERNAL", error: "Something went wrong on our side. Nothing was changed; please try again." };
  }
}

const schemaProbe = new AsyncLocalStorage<z.ZodType[]>();

/**
 * Test support (lib/actions/boundary-schemas.test.ts): calls `fn` and returns the schema of every runAction reached
 * inside it, without authenticating or running anything — so every server action's input schema can be fuzzed,
 * including actions added later.
 */
export async function captureActionSchemas(fn: () => Promise<unknown>): Promise<z.ZodType[]> {
  const schemas: z.ZodType[] = [];
  await schemaProbe.run(schemas, fn);
  return schemas;
}
