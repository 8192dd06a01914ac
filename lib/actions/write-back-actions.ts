"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { closeCaseWithoutConfirmation, retryWriteBack } from "@/lib/server/dal/write-backs";

const retrySchema = z.object({ writeBackId: z.string().trim().min(1).max(40) });

/** Send a failed write-back again (same idempotency key, so the source applies it at most once). */
export async function retryWriteBackAction(raw: unknown): Promise<ActionResult<{ writeBackId: string }>> {
  const result = await runAction(retrySchema, raw, async (viewer, input) => {
    const r = await retryWriteBack(viewer, input);
    revalidatePath(`/cases/${r.caseId}`);
    return { writeBackId: r.writeBackId };
  });
  if (result.ok) revalidatePath("/cases");
  return result;
}

const closeSchema = z.object({
  caseId: z.string().trim().min(1).max(40),
  reason: z.string().trim().min(5, "Give a reason of at least 5 characters").max(500, "Keep the reason under 500 characters"),
});

/** Close an approved case whose write-back the source has not confirmed, with a reason. */
export async function closeWithoutConfirmationAction(raw: unknown): Promise<ActionResult<{ caseId: string }>> {
  const result = await runAction(closeSchema, raw, async (viewer, input) => {
    const r = await closeCaseWithoutConfirmation(viewer, input);
    return { caseId: r.caseId };
  });
  if (result.ok) {
    revalidatePath(`/cases/${result.data.caseId}`);
    revalidatePath("/cases");
  }
  return result;
}
