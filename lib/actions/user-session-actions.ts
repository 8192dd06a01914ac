"use server";
/** Sessions and accounts: sign out everywhere (anyone, for themselves), revoke and (de)activate (admins). */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { revokeUserSessions, setUserActive, signOutEverywhere } from "@/lib/server/dal/user-sessions";

const userId = z.string().trim().min(1).max(40);

/** End every session of the signed-in user, this one included; the browser then signs out. */
export async function signOutEverywhereAction(): Promise<ActionResult<{ userId: string }>> {
  return runAction(z.object({}), {}, async (viewer) => ({ userId: (await signOutEverywhere(viewer)).userId }));
}

/** End every session of another user (admins). */
export async function revokeUserSessionsAction(raw: unknown): Promise<ActionResult<{ userId: string }>> {
  const r = await runAction(z.object({ userId }), raw, async (viewer, input) => ({ userId: (await revokeUserSessions(viewer, input)).userId }));
  if (r.ok) revalidatePath("/admin");
  return r;
}

/** Deactivate a user (their sessions end at once) or reactivate them (admins). */
export async function setUserActiveAction(raw: unknown): Promise<ActionResult<{ userId: string; active: boolean }>> {
  const r = await runAction(z.object({ userId, active: z.boolean() }), raw, (viewer, input) => setUserActive(viewer, input));
  if (r.ok) revalidatePath("/admin");
  return r;
}
