"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { approvalPolicySchema } from "@/lib/domain/approval/policy";
import { saveApprovalPolicyVersion } from "@/lib/server/dal/approval-policy";

const saveSchema = z.object({
  baseVersion: z.number().int().positive().nullable(),
  note: z.string().trim().min(3, "Say why you change the policy (at least 3 characters).").max(500, "At most 500 characters"),
  // Validated here for field errors ("policy.rules.0.id"); the data layer validates again with the real version.
  policy: approvalPolicySchema,
});

/** Save the edited approval policy as a new version (admins only; audited with before/after). */
export async function saveApprovalPolicyAction(raw: unknown): Promise<ActionResult<{ version: number }>> {
  const result = await runAction(saveSchema, raw, (viewer, input) => saveApprovalPolicyVersion(viewer, input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
