"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { requestDetectionRun } from "@/lib/server/dal/admin";

/** Queue a detection run (processed by the worker). */
export async function runDetectionAction(): Promise<ActionResult<{ jobId: string | null }>> {
  const result = await runAction(z.object({}), {}, async (viewer) => ({ jobId: await requestDetectionRun(viewer) }));
  if (result.ok) revalidatePath("/admin");
  return result;
}
