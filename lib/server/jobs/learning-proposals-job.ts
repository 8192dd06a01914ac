/**
 * Job `learning.proposals` (nightly cron): recompute threshold proposals from the outcome history
 * (lib/server/learning/threshold-proposals.ts). Idempotent: an unchanged proposal only gets fresh
 * evidence, so a retry or two workers running it in turn change nothing twice.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { computeThresholdProposals, type ProposalRunSummary } from "@/lib/server/learning/threshold-proposals";

export type LearningProposalsJobData = { asOf?: string };

/** Job handler: one computation as the system; the summary is stored as the job's output. */
export async function handleLearningProposalsJob(db: PrismaClient, data: LearningProposalsJobData = {}): Promise<ProposalRunSummary> {
  const summary = await computeThresholdProposals(db, { now: data.asOf ? new Date(data.asOf) : new Date(), actor: { id: null, role: "system" } });
  console.log(
    `[worker] learning.proposals: ${summary.triggered} rule(s) at the dismissal trigger, ${summary.created} new, ${summary.refreshed} refreshed, ${summary.superseded} superseded in ${summary.ms} ms`,
  );
  return summary;
}
