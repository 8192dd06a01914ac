/**
 * Job `learning.proposals` (nightly cron): recompute threshold proposals from the outcome history
 * (lib/server/learning/threshold-proposals.ts). Idempotent: an unchanged proposal only gets fresh
 * evidence, so a retry or two workers running it in turn change nothing twice.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { computeThresholdProposals, type ProposalRunSummary } from "@/lib/server/learning/threshold-proposals";
import { log } from "@/lib/server/log";

export type LearningProposalsJobData = { asOf?: string };

/** Job handler: one computation as the system; the summary is stored as the job's output. Cron runs carry null data. */
export async function handleLearningProposalsJob(db: PrismaClient, data: LearningProposalsJobData | null = null): Promise<ProposalRunSummary> {
  const summary = await computeThresholdProposals(db, { now: data?.asOf ? new Date(data.asOf) : new Date(), actor: { id: null, role: "system" } });
  log.info({ ...summary }, "learning.proposals: recomputed threshold proposals");
  return summary;
}
