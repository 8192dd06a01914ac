"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { proposeActionSchema } from "@/lib/domain/case/action-schemas";
import { proposeAction } from "@/lib/server/dal/case-actions";
import { addCaseComment } from "@/lib/server/dal/case-comments";

/** Propose an action on a case (goes to the approvals inbox, or is auto-approved when the policy says so). */
export async function proposeActionAction(raw: unknown): Promise<ActionResult<{ actionId: string; status: string; policyReason: string }>> {
  const result = await runAction(proposeActionSchema, raw, async (viewer, input) => {
    const action = await proposeAction(viewer, input);
    return { actionId: action.id, status: action.status, policyReason: action.policyReason };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

const commentSchema = z.object({
  caseId: z.string().min(1).max(40),
  body: z.string().trim().min(1, "Write something first").max(2000),
  /** Ids of the people picked in the @mention autocomplete; checked against who can see the case. */
  mentions: z.array(z.string().min(1).max(40)).max(20, "Mention at most 20 people").optional(),
});

/** Comment on a case's timeline; @mentioned people are notified. */
export async function addCommentAction(raw: unknown): Promise<ActionResult<{ notified: number }>> {
  const result = await runAction(commentSchema, raw, async (viewer, input) => {
    const r = await addCaseComment(viewer, input);
    return { notified: r.notified };
  });
  if (result.ok && typeof raw === "object" && raw && "caseId" in raw) revalidatePath(`/cases/${String(raw.caseId)}`);
  return result;
}
