"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { AppError } from "@/lib/server/errors";
import { cancelAction, decideAction, editAction } from "@/lib/server/dal/case-actions";
import { authorize } from "@/lib/server/dal/cases";

const id = z.string().trim().min(1).max(40);
const level = z.number().int().min(1).max(10).optional();

const decisionSchema = z
  .object({
    actionId: id,
    decision: z.enum(["APPROVE", "REJECT", "REQUEST_CHANGES"]),
    reason: z.string().trim().max(500, "At most 500 characters").optional(),
    /** The level the approver's screen showed; a request that moved on since is a conflict. */
    level,
  })
  .superRefine((d, ctx) => {
    if (d.decision !== "APPROVE" && (d.reason?.length ?? 0) < 3) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: d.decision === "REJECT" ? "Say why you reject it (at least 3 characters)." : "Say what should change (at least 3 characters)." });
    }
  });

/** Approve, reject or request changes on the current level of a pending action (never one's own request). */
export async function decideActionAction(raw: unknown): Promise<ActionResult<{ caseId: string; status: string; level: number; of: number }>> {
  const result = await runAction(decisionSchema, raw, async (viewer, input) => {
    const r = await decideAction(viewer, input);
    return { caseId: r.caseId, status: r.status, level: r.level, of: r.of };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

const bulkSchema = z.object({
  items: z.array(z.object({ actionId: id, level })).min(1, "Select at least one request").max(50, "Approve at most 50 requests at once"),
});

export type BulkApproveResult = { approved: { actionId: string; status: string }[]; failed: { actionId: string; error: string }[] };

/**
 * Approve several requests at their current level, one transaction each: a row that fails (limit,
 * someone else decided it, own request) is reported and the others still go through.
 */
export async function bulkApproveAction(raw: unknown): Promise<ActionResult<BulkApproveResult>> {
  const result = await runAction(bulkSchema, raw, async (viewer, input) => {
    // A role that may not approve at all is refused as a whole, not row by row.
    authorize(viewer, "actions.approve");
    const out: BulkApproveResult = { approved: [], failed: [] };
    for (const item of input.items) {
      try {
        const r = await decideAction(viewer, { actionId: item.actionId, decision: "APPROVE", level: item.level });
        out.approved.push({ actionId: item.actionId, status: r.status });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        out.failed.push({ actionId: item.actionId, error: e.message });
      }
    }
    return out;
  });
  if (result.ok && result.data.approved.length > 0) revalidatePath("/", "layout");
  return result;
}

const editSchema = z.object({
  actionId: id,
  quantity: z
    .number({ message: "Quantity must be a number" })
    .int("Quantity must be a whole number")
    .positive("Quantity must be greater than 0")
    .max(10_000_000, "Quantity must be at most 10,000,000"),
  note: z.string().trim().min(3, "Note must be at least 3 characters").max(500, "Note must be at most 500 characters"),
  fromLocationId: z.string().trim().min(1).max(40).optional(),
  targetDate: z.string().trim().max(40).optional(),
});

/** Edit a request an approver sent back: a new revision that goes to level 1 again. */
export async function editActionAction(raw: unknown): Promise<ActionResult<{ caseId: string; status: string; revision: number; policyReason: string }>> {
  const result = await runAction(editSchema, raw, async (viewer, input) => {
    const r = await editAction(viewer, input);
    return { caseId: r.caseId, status: r.status, revision: r.revision, policyReason: r.policyReason };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

const cancelSchema = z.object({ actionId: id, reason: z.string().trim().min(3, "Say why you cancel it (at least 3 characters).").max(500, "At most 500 characters") });

/** Withdraw an open request (requester or supervisor); the case is open again. */
export async function cancelActionAction(raw: unknown): Promise<ActionResult<{ caseId: string; status: string }>> {
  const result = await runAction(cancelSchema, raw, async (viewer, input) => {
    const r = await cancelAction(viewer, input);
    return { caseId: r.caseId, status: r.status };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
