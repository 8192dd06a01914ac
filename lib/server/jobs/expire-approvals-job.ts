/**
 * Job `approvals.expire` (every 5 minutes): requests not decided by their expiresAt — waiting for
 * approval, or sent back for changes and never edited — become EXPIRED; the case opens again, with
 * a timeline event, an audit row and a notification to the requester in the same transaction.
 * The conditional UPDATE (status and expiresAt unchanged) makes a re-run or two racing workers
 * expire each request once, and a decision committed a moment earlier wins over the expiry.
 */
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { notifyRequester } from "@/lib/server/approvals/notifications";
import { scoreSnapshot } from "@/lib/server/approvals/score-snapshot";
import { log } from "@/lib/server/log";

export type ExpireApprovalsJobData = { asOf?: string };
export type ExpirySummary = { expired: number; ms: number };

const BATCH = 200;
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/** Expire every overdue open request as of `now`, one transaction per request. */
export async function expireOverdueApprovals(db: PrismaClient, now = new Date()): Promise<ExpirySummary> {
  const started = Date.now();
  let expired = 0;
  const due = await db.caseAction.findMany({
    where: { status: { in: ["PENDING_APPROVAL", "CHANGES_REQUESTED"] }, expiresAt: { lte: now } },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  for (const { id } of due) {
    const done = await db.$transaction(async (tx) => {
      const a = await tx.caseAction.findUnique({
        where: { id },
        include: { case: { select: { id: true, number: true, title: true, status: true, siteId: true, score: true, severity: true, serviceExposure: true, financialExposure: true, urgency: true, confidence: true, configVersion: true, explanation: true } } },
      });
      if (!a || (a.status !== "PENDING_APPROVAL" && a.status !== "CHANGES_REQUESTED") || !a.expiresAt || a.expiresAt > now) return false;
      const hours = Math.round((a.expiresAt.getTime() - a.requestedAt.getTime()) / 3_600_000);
      const reason = a.status === "CHANGES_REQUESTED" ? "Not edited before the request expired" : `Not decided within ${hours} h`;
      const moved = await tx.caseAction.updateMany({
        where: { id, status: a.status, revision: a.revision, expiresAt: a.expiresAt },
        data: { status: "EXPIRED", decidedAt: now, decisionReason: reason },
      });
      if (moved.count !== 1) return false;
      const c = a.case;
      const reopened = c.status === "PENDING_APPROVAL" ? (await tx.case.updateMany({ where: { id: c.id, status: "PENDING_APPROVAL" }, data: { status: "OPEN" } })).count === 1 : false;
      const caseAfter = reopened ? "OPEN" : c.status;
      await tx.caseEvent.create({
        data: { caseId: c.id, type: "ACTION_EXPIRED", actorId: null, createdAt: now, data: json({ actionId: id, type: a.type, valueUsd: a.valueUsd, level: a.currentLevel, revision: a.revision, expiresAt: a.expiresAt, reason }) },
      });
      await appendAudit(tx, {
        actorId: null,
        actorRole: "system",
        action: "action.expired",
        entityType: "CaseAction",
        entityId: id,
        caseId: c.id,
        siteId: c.siteId,
        before: { actionStatus: a.status, caseStatus: c.status, level: a.currentLevel },
        after: { actionStatus: "EXPIRED", caseStatus: caseAfter, level: a.currentLevel, revision: a.revision, expiresAt: a.expiresAt, policyVersion: a.policyVersion, score: scoreSnapshot(c) },
        reason,
      });
      await notifyRequester(tx, {
        c: { id: c.id, number: c.number, title: c.title, siteId: c.siteId },
        userId: a.requestedById,
        title: `Expired: your ${a.type.toLowerCase()} request on case #${c.number}`,
        body: `${reason}. The case is open again; propose the action again if it is still needed.`,
      });
      return true;
    });
    if (done) expired++;
  }
  return { expired, ms: Date.now() - started };
}

/** Job handler: one sweep; the summary is stored as the job's output. Cron-scheduled jobs arrive with `data: null`. */
export async function handleExpireApprovalsJob(db: PrismaClient, data: ExpireApprovalsJobData | null = {}): Promise<ExpirySummary> {
  const summary = await expireOverdueApprovals(db, data?.asOf ? new Date(data.asOf) : new Date());
  if (summary.expired > 0) log.info({ expired: summary.expired, ms: summary.ms }, "approval requests expired");
  return summary;
}
