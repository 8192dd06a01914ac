"use server";
/** A person's own notification preferences and personal chat webhook: zod here, authorization and audit in the DAL. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { preferencesSchema } from "@/lib/domain/notify/preferences";
import { clearMyChatWebhook, resetMyPreferences, saveMyPreferences, sendMyTestNotification, setMyChatWebhook } from "@/lib/server/dal/notification-preferences";

const PAGE = "/settings/notifications";
const done = <T,>(r: ActionResult<T>) => {
  if (r.ok) revalidatePath(PAGE);
  return r;
};

/** Save the viewer's own kind × channel matrix and digest choice. */
export async function saveMyPreferencesAction(raw: z.input<typeof preferencesSchema>): Promise<ActionResult> {
  return done(await runAction(preferencesSchema, raw, async (viewer, input) => void (await saveMyPreferences(viewer, input))));
}

/** Go back to the organisation's defaults. */
export async function resetMyPreferencesAction(): Promise<ActionResult> {
  return done(await runAction(z.object({}), {}, async (viewer) => void (await resetMyPreferences(viewer))));
}

const chatSchema = z.object({ channel: z.enum(["SLACK", "TEAMS"]), url: z.string().trim().min(1, "Paste the webhook URL.").max(2000) });

/** Store or replace the viewer's personal Slack/Teams incoming webhook (write-only). */
export async function setMyChatWebhookAction(raw: z.input<typeof chatSchema>): Promise<ActionResult<{ hint: string }>> {
  return done(await runAction(chatSchema, raw, (viewer, input) => setMyChatWebhook(viewer, input)));
}

export async function clearMyChatWebhookAction(): Promise<ActionResult> {
  return done(await runAction(z.object({}), {}, async (viewer) => void (await clearMyChatWebhook(viewer))));
}

/** Queue a test message to the viewer's e-mail and personal webhook. */
export async function sendMyTestNotificationAction(): Promise<ActionResult<{ queued: string[] }>> {
  return done(await runAction(z.object({}), {}, (viewer) => sendMyTestNotification(viewer)));
}
