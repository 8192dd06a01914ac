"use server";
/** The notification bell: mark some or all of the viewer's own notifications read. */
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { markNotificationsRead } from "@/lib/server/dal/notifications";

const schema = z.object({ ids: z.array(z.string().min(1).max(40)).min(1).max(100).optional() });

/** Mark the given notifications (or, without ids, all unread ones) read. */
export async function markNotificationsReadAction(raw: { ids?: string[] }): Promise<ActionResult<{ updated: number }>> {
  return runAction(schema, raw, (viewer, input) => markNotificationsRead(viewer, input));
}
