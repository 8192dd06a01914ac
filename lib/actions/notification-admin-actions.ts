"use server";
/** Admin notification settings: defaults, team channels, delivery retries. zod here; admin.manage and audit in the DAL. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { preferenceMatrixSchema } from "@/lib/domain/notify/preferences";
import { CHANNEL_KINDS } from "@/lib/domain/notify/kinds";
import { createTeamWebhook, deleteTeamWebhook, retryDelivery, saveNotificationDefaults, sendTeamWebhookTest, updateTeamWebhook } from "@/lib/server/dal/notification-admin";

const PAGE = "/admin/notifications";
const done = <T,>(r: ActionResult<T>) => {
  if (r.ok) revalidatePath(PAGE);
  return r;
};
const id = z.string().min(1).max(60);

const defaultsSchema = z.object({
  matrix: preferenceMatrixSchema,
  digest: z.boolean(),
  slaWarningMinutes: z.coerce.number().int("Whole minutes").min(5, "At least 5 minutes").max(7 * 24 * 60, "At most a week"),
});

export async function saveNotificationDefaultsAction(raw: z.input<typeof defaultsSchema>): Promise<ActionResult> {
  return done(await runAction(defaultsSchema, raw, async (viewer, input) => void (await saveNotificationDefaults(viewer, input))));
}

const channelFields = {
  name: z.string().trim().min(2, "2–60 characters").max(60, "2–60 characters").regex(/^[\w .#-]+$/, "Letters, digits, spaces, . # - _"),
  channel: z.enum(["SLACK", "TEAMS"]),
  kinds: z.array(z.enum(CHANNEL_KINDS)).min(1, "Pick at least one event").max(CHANNEL_KINDS.length),
  siteIds: z.array(id).max(50).default([]),
  teams: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  enabled: z.boolean().default(true),
};
const createSchema = z.object({ ...channelFields, url: z.string().trim().min(1, "Paste the incoming-webhook URL.").max(2000) });
const updateSchema = z.object({ ...channelFields, id, url: z.string().trim().max(2000).optional() });

export async function createTeamWebhookAction(raw: z.input<typeof createSchema>): Promise<ActionResult<{ id: string }>> {
  return done(await runAction(createSchema, raw, (viewer, input) => createTeamWebhook(viewer, input)));
}

export async function updateTeamWebhookAction(raw: z.input<typeof updateSchema>): Promise<ActionResult> {
  return done(await runAction(updateSchema, raw, async (viewer, input) => void (await updateTeamWebhook(viewer, input))));
}

export async function deleteTeamWebhookAction(raw: { id: string }): Promise<ActionResult> {
  return done(await runAction(z.object({ id }), raw, async (viewer, input) => void (await deleteTeamWebhook(viewer, input))));
}

export async function testTeamWebhookAction(raw: { id: string }): Promise<ActionResult> {
  return done(await runAction(z.object({ id }), raw, async (viewer, input) => void (await sendTeamWebhookTest(viewer, input))));
}

export async function retryDeliveryAction(raw: { id: string }): Promise<ActionResult> {
  return done(await runAction(z.object({ id }), raw, async (viewer, input) => void (await retryDelivery(viewer, input))));
}
