"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { createSavedView, deleteSavedView, updateSavedView, type SavedViewSummary } from "@/lib/server/dal/saved-views";

const id = z.string().min(1).max(40);
const name = z.string().trim().min(1, "Give the view a name.").max(60, "A view name has at most 60 characters.");
// The query string is re-parsed by the queue schema in the DAL; this only bounds its size.
const query = z.string().max(2000, "This view has too many filters to save.");

const createSchema = z.object({ name, query, shared: z.boolean().default(false) });
const updateSchema = z.object({ id, name: name.optional(), query: query.optional(), shared: z.boolean().optional() });
const deleteSchema = z.object({ id });

/** Save the current queue view (filters, sort, columns, density) for the viewer, optionally shared with the team. */
export async function createSavedViewAction(raw: unknown): Promise<ActionResult<SavedViewSummary>> {
  const result = await runAction(createSchema, raw, (viewer, input) => createSavedView(viewer, input));
  if (result.ok) revalidatePath("/cases");
  return result;
}

/** Rename, share/unshare or overwrite one of the viewer's own views. */
export async function updateSavedViewAction(raw: unknown): Promise<ActionResult<SavedViewSummary>> {
  const result = await runAction(updateSchema, raw, (viewer, input) => updateSavedView(viewer, input));
  if (result.ok) revalidatePath("/cases");
  return result;
}

/** Delete one of the viewer's own views. */
export async function deleteSavedViewAction(raw: unknown): Promise<ActionResult<null>> {
  const result = await runAction(deleteSchema, raw, async (viewer, input) => {
    await deleteSavedView(viewer, input.id);
    return null;
  });
  if (result.ok) revalidatePath("/cases");
  return result;
}
