"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { proposeActionSchema } from "@/lib/domain/case/action-schemas";
import { addComment, proposeAction } from "@/lib/server/dal/case-actions";

/** Propose an action on a case (goes to the approvals inbox). */
export async function proposeActionAction(raw: unknown): Promise<ActionResult<{ actionId: string }>> {
  const result = await runAction(proposeActionSchema, raw, async (viewer, input) => {
    const action = await proposeAction(viewer, input);
    return { actionId: action.id };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

const commentSchema = z.object({ caseId: z.string().min(1).max(40), body: z.string().trim().min(1, "Write something first").max(2000) });

/** Comment on a case's timeline. */
export async function addCommentAction(raw: unknown): Promise<ActionResult<null>> {
  const result = await runAction(commentSchema, raw, async (viewer, input) => {
    await addComment(viewer, input.caseId, input.body);
    return null;
  });
  if (result.ok && typeof raw === "object" && raw && "caseId" in raw) revalidatePath(`/cases/${String(raw.caseId)}`);
  return result;
}
