"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { decideAction } from "@/lib/server/dal/case-actions";

const decisionSchema = z
  .object({
    actionId: z.string().min(1).max(40),
    decision: z.enum(["APPROVE", "REJECT"]),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((d) => d.decision === "APPROVE" || (d.reason?.length ?? 0) >= 3, {
    path: ["reason"],
    message: "Say why you reject it (at least 3 characters).",
  });

/** Approve or reject a pending action (supervisor/admin; never one's own request). */
export async function decideActionAction(raw: unknown): Promise<ActionResult<{ caseId: string; status: string }>> {
  const result = await runAction(decisionSchema, raw, (viewer, input) => decideAction(viewer, input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
