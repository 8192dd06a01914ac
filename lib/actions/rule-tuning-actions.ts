"use server";
/** Server actions for /admin/tuning: zod-validated here, authorized and audited in the DAL (lib/server/dal/rule-tuning.ts). */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { acceptThresholdProposal, dismissThresholdProposal, recomputeThresholdProposals } from "@/lib/server/dal/rule-tuning";
import type { ProposalRunSummary } from "@/lib/server/learning/threshold-proposals";

const PAGE = "/admin/tuning";
const id = z.string().min(1).max(100);

/** Recompute the proposals now (the nightly job's computation). */
export async function recomputeProposalsAction(): Promise<ActionResult<ProposalRunSummary>> {
  const r = await runAction(z.object({}), {}, (viewer) => recomputeThresholdProposals(viewer));
  if (r.ok) revalidatePath(PAGE);
  return r;
}

const acceptSchema = z.object({ id, note: z.string().trim().max(1_000).optional() });

/** Accept a proposal: a new scoring version with the proposed threshold. */
export async function acceptProposalAction(input: z.input<typeof acceptSchema>): Promise<ActionResult<{ version: number }>> {
  const r = await runAction(acceptSchema, input, (viewer, d) => acceptThresholdProposal(viewer, d));
  if (r.ok) {
    revalidatePath(PAGE);
    revalidatePath("/admin/detection");
  }
  return r;
}

const dismissSchema = z.object({ id, reason: z.string().trim().min(3, "Say why (at least 3 characters)").max(1_000) });

/** Dismiss a proposal with a reason. */
export async function dismissProposalAction(input: z.input<typeof dismissSchema>): Promise<ActionResult> {
  const r = await runAction(dismissSchema, input, async (viewer, d) => {
    await dismissThresholdProposal(viewer, d);
    return undefined;
  });
  if (r.ok) revalidatePath(PAGE);
  return r;
}
