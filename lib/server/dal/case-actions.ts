import "server-only";
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { conflict, forbidden, notFound } from "@/lib/server/errors";
import { canTransition } from "@/lib/domain/case/state-machine";
import { estimateActionValue, type ProposeActionInput } from "@/lib/domain/case/action-schemas";
import { DEFAULT_APPROVAL_POLICY, decideApproval } from "@/lib/domain/approval/policy";

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/** Snapshot of the score at decision time, kept in the audit row. */
const scoreAtDecision = (c: { score: number; severity: string; serviceExposure: number; financialExposure: number; urgency: number; confidence: number; configVersion: number }) => ({
  score: c.score,
  severity: c.severity,
  serviceExposure: c.serviceExposure,
  financialExposure: c.financialExposure,
  urgency: c.urgency,
  confidence: c.confidence,
  configVersion: c.configVersion,
});

/** A planner (or supervisor/admin) proposes an action on a case; it waits for approval. */
export async function proposeAction(viewer: Viewer, input: ProposeActionInput) {
  authorize(viewer, "cases.propose");
  return prisma.$transaction(async (tx) => {
    const c = await tx.case.findFirst({ where: { id: input.caseId, ...siteScope(viewer) }, include: { item: true } });
    if (!c) throw notFound("Case");
    if (!canTransition(c.status, "PENDING_APPROVAL")) {
      throw conflict(c.status === "PENDING_APPROVAL" ? "This case already has an action waiting for approval." : `A case in status ${c.status} cannot take a new action.`);
    }
    if (input.fromLocationId) {
      const from = await tx.location.findUnique({ where: { id: input.fromLocationId } });
      if (!from) throw notFound("Source location");
    }
    const unitCost = c.item ? Number(c.item.unitCost) : 0;
    const valueUsd = estimateActionValue(input.type, input.quantity, unitCost);
    const { caseId, type, note, ...payload } = input;
    const action = await tx.caseAction.create({
      data: {
        caseId,
        type,
        note,
        payload: json(payload),
        valueUsd,
        requestedById: viewer.id,
        policyVersion: DEFAULT_APPROVAL_POLICY.version,
      },
    });
    // Conditional update: a concurrent proposal on the same case loses instead of overwriting.
    const moved = await tx.case.updateMany({ where: { id: c.id, status: c.status }, data: { status: "PENDING_APPROVAL" } });
    if (moved.count !== 1) throw conflict("The case changed while you were proposing; reload and try again.");
    await tx.caseEvent.create({
      data: { caseId, type: "ACTION_PROPOSED", actorId: viewer.id, data: json({ actionId: action.id, type, quantity: input.quantity, valueUsd, note }) },
    });
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "action.proposed",
      entityType: "CaseAction",
      entityId: action.id,
      caseId,
      siteId: c.siteId,
      before: { caseStatus: c.status },
      after: { caseStatus: "PENDING_APPROVAL", type, payload, valueUsd, note, score: scoreAtDecision(c) },
      reason: note,
    });
    return action;
  });
}

export type DecisionInput = { actionId: string; decision: "APPROVE" | "REJECT"; reason?: string };

/** A supervisor approves or rejects a pending action; requester ≠ approver is enforced here. */
export async function decideAction(viewer: Viewer, input: DecisionInput) {
  authorize(viewer, "actions.approve");
  return prisma.$transaction(async (tx) => {
    const action = await tx.caseAction.findFirst({
      where: { id: input.actionId, case: siteScope(viewer) },
      include: { case: true },
    });
    if (!action) throw notFound("Action");
    const verdict = decideApproval({
      action: { requestedById: action.requestedById, valueUsd: action.valueUsd, status: action.status },
      approver: { id: viewer.id, role: viewer.role },
    });
    // Rejecting needs the same authority as approving, except the value limit.
    if (!verdict.allowed && !(input.decision === "REJECT" && verdict.code === "LIMIT")) {
      if (verdict.code === "STATUS") throw conflict(verdict.message);
      throw forbidden(verdict.message);
    }
    const approved = input.decision === "APPROVE";
    const nextCaseStatus = approved ? "ACTION_APPROVED" : "OPEN";
    if (!canTransition(action.case.status, nextCaseStatus)) throw conflict(`The case is ${action.case.status}; it cannot move to ${nextCaseStatus}.`);
    const decided = await tx.caseAction.updateMany({
      where: { id: action.id, status: "PENDING_APPROVAL" },
      data: { status: approved ? "APPROVED" : "REJECTED", decidedById: viewer.id, decidedAt: new Date(), decisionReason: input.reason ?? null },
    });
    if (decided.count !== 1) throw conflict("Someone decided this action a moment ago.");
    await tx.case.update({ where: { id: action.caseId }, data: { status: nextCaseStatus } });
    await tx.caseEvent.create({
      data: {
        caseId: action.caseId,
        type: approved ? "ACTION_APPROVED" : "ACTION_REJECTED",
        actorId: viewer.id,
        data: json({ actionId: action.id, type: action.type, valueUsd: action.valueUsd, reason: input.reason ?? null, policyVersion: action.policyVersion }),
      },
    });
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: approved ? "action.approved" : "action.rejected",
      entityType: "CaseAction",
      entityId: action.id,
      caseId: action.caseId,
      siteId: action.case.siteId,
      before: { actionStatus: "PENDING_APPROVAL", caseStatus: action.case.status },
      after: {
        actionStatus: approved ? "APPROVED" : "REJECTED",
        caseStatus: nextCaseStatus,
        valueUsd: action.valueUsd,
        requestedById: action.requestedById,
        policyVersion: action.policyVersion,
        score: scoreAtDecision(action.case),
      },
      reason: input.reason ?? null,
    });
    return { actionId: action.id, caseId: action.caseId, status: approved ? "APPROVED" : "REJECTED" };
  });
}

/** Pending approvals in the viewer's sites, largest value first. */
export async function findPendingApprovals(viewer: Viewer) {
  authorize(viewer, "actions.approve");
  return prisma.caseAction.findMany({
    where: { status: "PENDING_APPROVAL", case: siteScope(viewer) },
    orderBy: [{ valueUsd: "desc" }, { requestedAt: "asc" }],
    take: 200,
    include: {
      requestedBy: { select: { id: true, name: true } },
      case: { select: { id: true, number: true, title: true, severity: true, score: true, slaDueAt: true, site: { select: { code: true } } } },
    },
  });
}

/** Add a comment to a case's timeline. */
export async function addComment(viewer: Viewer, caseId: string, body: string) {
  authorize(viewer, "cases.comment");
  const c = await prisma.case.findFirst({ where: { id: caseId, ...siteScope(viewer) }, select: { id: true } });
  if (!c) throw notFound("Case");
  return prisma.caseEvent.create({ data: { caseId, type: "COMMENTED", actorId: viewer.id, data: json({ body }) } });
}
