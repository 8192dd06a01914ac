import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/server/errors";
import { requireViewer, type Viewer } from "@/lib/server/auth/viewer";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; code: string; fieldErrors?: Record<string, string[]> };

/**
 * The one shape of every server action: authenticate, validate with zod on the server, run the
 * data-access function (which authorizes and audits), and turn expected errors into messages.
 * Unexpected errors are logged and replaced by a generic message (no internals leak to the browser).
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  fn: (viewer: Viewer, input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const viewer = await requireViewer();
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
    console.error("[action] unexpected error", e);
    return { ok: false, code: "INTERNAL", error: "Something went wrong on our side. Nothing was changed; please try again." };
  }
}
