import "server-only";
/**
 * Proposing and deciding actions under the versioned approval policy (lib/domain/approval/policy.ts):
 * propose → required levels (or auto-approval) → one decision per level → APPROVED (write-back queued),
 * REJECTED, CHANGES_REQUESTED (→ edit → new revision) or CANCELLED/EXPIRED. Every state change writes
 * a timeline event, an audit row (policy version, level, score at decision time) and notifications in
 * the same transaction. Concurrency: a decision is a conditional UPDATE on (status, currentLevel,
 * revision) plus the UNIQUE(actionId, revision, level) of ActionApproval, so of two approvers deciding
 * the same level at the same moment exactly one wins.
 */
import { prisma } from "@/lib/server/db";
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { AppError, conflict, forbidden, invalid, notFound } from "@/lib/server/errors";
import { loadActivePolicy } from "@/lib/server/dal/approval-policy";
import { notifyLevelApprovers, notifyRequester, type NotifyCase } from "@/lib/server/approvals/notifications";
import { scoreSnapshot } from "@/lib/server/approvals/score-snapshot";
import { enqueueWriteBackJob, queueWriteBack } from "@/lib/server/writeback/queue-write-back";
import { canTransition } from "@/lib/domain/case/state-machine";
import { estimateActionValue, proposeActionSchema, type ProposeActionInput } from "@/lib/domain/case/action-schemas";
import {
  approverLimit,
  decideApproval,
  describeLevels,
  expiresAtFor,
  readRequiredLevels,
  requiredApprovals,
  type ActionContext,
  type ApprovalPolicy,
  type Decision,
  type RequiredApprovals,
} from "@/lib/domain/approval/policy";
import { hasPermission } from "@/lib/domain/auth/permissions";
import type { ActionType } from "@/lib/domain/score/config";

type Tx = Prisma.TransactionClient;
type Db = PrismaClient;

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;
const typeLabel = (t: string) => t.charAt(0) + t.slice(1).toLowerCase().replace(/_/g, " ");
const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;

/** Case columns every approval step reads (scope, score snapshot, notifications). */
const CASE_FIELDS = {
  id: true,
  number: true,
  title: true,
  status: true,
  siteId: true,
  itemId: true,
  score: true,
  severity: true,
  serviceExposure: true,
  financialExposure: true,
  urgency: true,
  confidence: true,
  configVersion: true,
  explanation: true,
  site: { select: { code: true } },
  item: { select: { unitCost: true } },
} as const;

type CaseRow = Prisma.CaseGetPayload<{ select: typeof CASE_FIELDS }>;

const notifyCase = (c: CaseRow): NotifyCase => ({ id: c.id, number: c.number, title: c.title, siteId: c.siteId });

/**
 * Facts the policy needs beyond the action itself. For a REALLOCATE: the tiers of the customers
 * whose open order lines hold allocated stock of the case's item at its site — the orders a
 * reallocation could take from.
 */
async function approvalContext(tx: Tx, c: CaseRow, type: ActionType): Promise<ActionContext> {
  let fromCustomerTiers: string[] = [];
  if (type === "REALLOCATE" && c.itemId) {
    const rows = await tx.$queryRaw<{ tier: string }[]>`
      SELECT DISTINCT cu.tier::text AS tier
      FROM "SalesOrderLine" l
      JOIN "SalesOrder" o ON o.id = l."salesOrderId"
      JOIN "Customer" cu ON cu.id = o."customerId"
      WHERE l."itemId" = ${c.itemId} AND COALESCE(l."locationId", o."locationId") = ${c.siteId}
        AND o.status = 'OPEN' AND l."qtyAllocated" > 0 AND l."qtyShipped" < l."qtyOrdered"`;
    fromCustomerTiers = rows.map((r) => r.tier);
  }
  return { siteCode: c.site.code, caseConfidence: c.confidence, fromCustomerTiers };
}

/** Auto-approval: the action is APPROVED with no human decision; timeline and audit say why. */
async function recordAutoApproval(tx: Tx, opts: { c: CaseRow; actionId: string; type: string; valueUsd: number; policy: ApprovalPolicy; required: RequiredApprovals; at: Date; revision: number }) {
  const { c, policy, required } = opts;
  await tx.caseEvent.create({
    data: {
      caseId: c.id,
      type: "ACTION_AUTO_APPROVED",
      actorId: null,
      createdAt: opts.at,
      data: json({ actionId: opts.actionId, type: opts.type, valueUsd: opts.valueUsd, reason: required.reason, policyVersion: policy.version, revision: opts.revision }),
    },
  });
  await appendAudit(tx, {
    actorId: null,
    actorRole: "system",
    action: "action.auto_approved",
    entityType: "CaseAction",
    entityId: opts.actionId,
    caseId: c.id,
    siteId: c.siteId,
    before: { actionStatus: "PENDING_APPROVAL", caseStatus: "PENDING_APPROVAL" },
    after: { actionStatus: "APPROVED", caseStatus: "ACTION_APPROVED", level: 0, levels: [], policyVersion: policy.version, valueUsd: opts.valueUsd, revision: opts.revision, score: scoreSnapshot(c) },
    reason: required.reason,
  });
}

export type ProposedAction = Awaited<ReturnType<typeof proposeAction>>;

/**
 * A planner (or supervisor/admin) proposes an action on a case. The policy decides the approval
 * levels; an auto-approved action is APPROVED at once and its write-back queued.
 */
export async function proposeAction(viewer: Viewer, input: ProposeActionInput, db: Db = prisma) {
  authorize(viewer, "cases.propose");
  const result = await db.$transaction(async (tx) => {
    const c = await tx.case.findFirst({ where: { id: input.caseId, ...siteScope(viewer) }, select: CASE_FIELDS });
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
    const policy = await loadActivePolicy(tx);
    const required = requiredApprovals(policy, { type: input.type, valueUsd, quantity: input.quantity }, await approvalContext(tx, c, input.type));
    const now = new Date();
    const auto = required.autoApproved;
    const { caseId, type, note, ...payload } = input;
    const action = await tx.caseAction.create({
      data: {
        caseId,
        type,
        note,
        payload: json(payload),
        valueUsd,
        requestedById: viewer.id,
        requestedAt: now,
        policyVersion: policy.version,
        requiredLevels: json(required.levels),
        // Level 1 waits first; an auto-approved action has no levels, so 1 = levels + 1 = fully approved.
        currentLevel: 1,
        autoApproved: auto,
        policyReason: required.reason,
        status: auto ? "APPROVED" : "PENDING_APPROVAL",
        decidedAt: auto ? now : null,
        expiresAt: auto ? null : expiresAtFor(policy, now),
      },
    });
    const caseStatus = auto ? "ACTION_APPROVED" : "PENDING_APPROVAL";
    if (auto && !canTransition("PENDING_APPROVAL", "ACTION_APPROVED")) throw conflict("The case cannot take an approved action.");
    // Conditional update: a concurrent proposal on the same case loses instead of overwriting.
    const moved = await tx.case.updateMany({ where: { id: c.id, status: c.status }, data: { status: caseStatus } });
    if (moved.count !== 1) throw conflict("The case changed while you were proposing; reload and try again.");
    await tx.caseEvent.create({
      data: {
        caseId,
        type: "ACTION_PROPOSED",
        actorId: viewer.id,
        createdAt: now,
        data: json({ actionId: action.id, type, quantity: input.quantity, valueUsd, note, levels: required.levels, policyVersion: policy.version, policyReason: required.reason }),
      },
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
      after: {
        caseStatus: "PENDING_APPROVAL",
        actionStatus: "PENDING_APPROVAL",
        type,
        payload,
        valueUsd,
        note,
        levels: required.levels,
        matchedRules: required.matchedRuleIds,
        policyVersion: policy.version,
        policyReason: required.reason,
        expiresAt: action.expiresAt,
        score: scoreSnapshot(c),
      },
      reason: note,
    });
    let writeBackId: string | null = null;
    if (auto) {
      await recordAutoApproval(tx, { c, actionId: action.id, type, valueUsd, policy, required, at: new Date(now.getTime() + 1), revision: 1 });
      writeBackId = (await queueWriteBack(tx, { actionId: action.id }))?.writeBackId ?? null;
    } else {
      const first = required.levels[0];
      await notifyLevelApprovers(tx, { c: notifyCase(c), actionId: action.id, level: 1, of: required.levels.length, role: first.role, valueUsd, typeLabel: typeLabel(type), excludeUserIds: [viewer.id] });
    }
    return { action, writeBackId };
  });
  if (result.writeBackId) await enqueueWriteBackJob(result.writeBackId);
  return result.action;
}

export type DecisionInput = { actionId: string; decision: Decision; reason?: string | null; level?: number };
export type DecisionResult = { actionId: string; caseId: string; status: string; level: number; of: number; writeBackId: string | null };

const ACTION_STATUS_OF = { APPROVE: "APPROVED", REJECT: "REJECTED", REQUEST_CHANGES: "CHANGES_REQUESTED" } as const;

/**
 * One approver decides the current level of a pending action: approve (next level, or APPROVED when
 * it was the last), reject (case → OPEN) or request changes (the requester edits or cancels).
 * `level` is the level the approver's screen showed; a request that moved on is a conflict.
 */
export async function decideAction(viewer: Viewer, input: DecisionInput, db: Db = prisma): Promise<DecisionResult> {
  authorize(viewer, "actions.approve");
  const reason = input.reason?.trim() || null;
  const result = await db.$transaction(async (tx) => {
    const action = await tx.caseAction.findFirst({
      where: { id: input.actionId, case: siteScope(viewer) },
      include: { case: { select: CASE_FIELDS }, approvals: { select: { level: true, deciderId: true } } },
    });
    if (!action) throw notFound("Action");
    const policy = await loadActivePolicy(tx);
    const levels = readRequiredLevels(action.requiredLevels);
    const level = input.level ?? action.currentLevel;
    const now = new Date();
    const verdict = decideApproval(policy, {
      action: {
        status: action.status,
        requestedById: action.requestedById,
        editedByIds: action.editedByIds,
        valueUsd: action.valueUsd,
        requiredLevels: levels,
        currentLevel: action.currentLevel,
        expiresAt: action.expiresAt,
        otherLevelDeciderIds: action.approvals.filter((a) => a.level !== action.currentLevel).map((a) => a.deciderId),
      },
      approver: { id: viewer.id, role: viewer.role },
      level,
      decision: input.decision,
      reason,
      now,
    });
    if (!verdict.allowed) {
      if (verdict.code === "STATUS" || verdict.code === "EXPIRED" || verdict.code === "STALE_LEVEL") throw conflict(verdict.message);
      if (verdict.code === "REASON_REQUIRED") throw invalid(verdict.message);
      throw forbidden(verdict.message);
    }
    const c = action.case;
    const nextStatus = verdict.nextStatus;
    const caseNext = nextStatus === "APPROVED" ? "ACTION_APPROVED" : nextStatus === "REJECTED" ? "OPEN" : c.status;
    if (caseNext !== c.status && !canTransition(c.status, caseNext)) throw conflict(`The case is ${c.status}; it cannot move to ${caseNext}.`);

    // The guard: only a request still at this status, level and revision moves. A concurrent
    // decision on the same level blocks on the row lock, then finds nothing to update.
    const closes = nextStatus !== "PENDING_APPROVAL";
    const moved = await tx.caseAction.updateMany({
      where: { id: action.id, status: "PENDING_APPROVAL", currentLevel: action.currentLevel, revision: action.revision },
      data: {
        status: nextStatus,
        currentLevel: verdict.nextLevel,
        ...(closes ? { decidedById: viewer.id, decidedAt: now, decisionReason: reason } : {}),
        // The requester gets a fresh window to edit before the request lapses.
        ...(nextStatus === "CHANGES_REQUESTED" ? { expiresAt: expiresAtFor(policy, now) } : {}),
      },
    });
    if (moved.count !== 1) throw conflict("Someone decided this request a moment ago; reload to see where it stands.");
    try {
      await tx.actionApproval.create({
        data: {
          actionId: action.id,
          revision: action.revision,
          level: action.currentLevel,
          decision: ACTION_STATUS_OF[input.decision],
          deciderId: viewer.id,
          deciderRole: viewer.role,
          reason,
          policyVersion: policy.version,
          decidedAt: now,
        },
      });
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") throw conflict("Someone decided this level a moment ago; reload to see where it stands.");
      throw e;
    }
    if (caseNext !== c.status) {
      const caseMoved = await tx.case.updateMany({ where: { id: c.id, status: c.status }, data: { status: caseNext } });
      if (caseMoved.count !== 1) throw conflict("The case changed at the same moment; reload and try again.");
    }

    const of = levels.length;
    const eventType =
      nextStatus === "APPROVED" ? "ACTION_APPROVED" : nextStatus === "PENDING_APPROVAL" ? "ACTION_LEVEL_APPROVED" : nextStatus === "REJECTED" ? "ACTION_REJECTED" : "CHANGES_REQUESTED";
    const nextRole = nextStatus === "PENDING_APPROVAL" ? levels.find((l) => l.level === verdict.nextLevel)?.role ?? null : null;
    await tx.caseEvent.create({
      data: {
        caseId: c.id,
        type: eventType,
        actorId: viewer.id,
        createdAt: now,
        data: json({ actionId: action.id, type: action.type, valueUsd: action.valueUsd, level: action.currentLevel, of, role: verdict.actingAs, nextRole, reason, policyVersion: policy.version, revision: action.revision }),
      },
    });
    const auditAction = { APPROVED: "action.approved", PENDING_APPROVAL: "action.level_approved", REJECTED: "action.rejected", CHANGES_REQUESTED: "action.changes_requested" }[nextStatus];
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: auditAction,
      entityType: "CaseAction",
      entityId: action.id,
      caseId: c.id,
      siteId: c.siteId,
      before: { actionStatus: action.status, caseStatus: c.status, level: action.currentLevel },
      after: {
        actionStatus: nextStatus,
        caseStatus: caseNext,
        decision: input.decision,
        level: action.currentLevel,
        of,
        actingAs: verdict.actingAs,
        nextLevel: nextStatus === "PENDING_APPROVAL" ? verdict.nextLevel : null,
        type: action.type,
        valueUsd: action.valueUsd,
        requestedById: action.requestedById,
        revision: action.revision,
        policyVersion: policy.version,
        proposedUnderPolicyVersion: action.policyVersion,
        score: scoreSnapshot(c),
      },
      reason,
    });

    const nc = notifyCase(c);
    const what = `${typeLabel(action.type)} ${usd(action.valueUsd)} on case #${c.number}`;
    if (nextStatus === "PENDING_APPROVAL" && nextRole) {
      const decided = action.approvals.map((a) => a.deciderId);
      await notifyLevelApprovers(tx, {
        c: nc,
        actionId: action.id,
        level: verdict.nextLevel,
        of,
        role: nextRole,
        valueUsd: action.valueUsd,
        typeLabel: typeLabel(action.type),
        excludeUserIds: [action.requestedById, ...action.editedByIds, ...decided, viewer.id],
      });
    }
    const outcome = {
      APPROVED: `Approved: ${what}`,
      PENDING_APPROVAL: `Level ${action.currentLevel} of ${of} approved: ${what}`,
      REJECTED: `Rejected: ${what}`,
      CHANGES_REQUESTED: `Changes requested: ${what}`,
    }[nextStatus];
    const body = [`By ${viewer.name} (${verdict.actingAs}).`, reason ? `“${reason}”` : null, nextRole ? `Now waiting for ${nextRole} (level ${verdict.nextLevel} of ${of}).` : null].filter(Boolean).join(" ");
    await notifyRequester(tx, { c: nc, userId: action.requestedById, title: outcome, body });

    const writeBackId = nextStatus === "APPROVED" ? ((await queueWriteBack(tx, { actionId: action.id }))?.writeBackId ?? null) : null;
    return { actionId: action.id, caseId: c.id, status: nextStatus, level: action.currentLevel, of, writeBackId };
  });
  if (result.writeBackId) await enqueueWriteBackJob(result.writeBackId);
  return result;
}

export type EditActionInput = { actionId: string; quantity: number; note: string; fromLocationId?: string; targetDate?: string };

/** Who may edit or cancel an open request: its requester, or a supervisor/admin of its site. */
function mayManage(viewer: Viewer, requestedById: string): boolean {
  if (viewer.id === requestedById) return hasPermission(viewer.role, "cases.propose");
  return (viewer.role === "supervisor" || viewer.role === "admin") && hasPermission(viewer.role, "actions.approve");
}

/**
 * Edit an action an approver sent back (CHANGES_REQUESTED): a new revision that starts again at
 * level 1 with its levels re-evaluated under today's policy. The editor joins editedByIds and can
 * never approve it.
 */
export async function editAction(viewer: Viewer, input: EditActionInput, db: Db = prisma) {
  authorize(viewer, "cases.propose");
  const result = await db.$transaction(async (tx) => {
    const action = await tx.caseAction.findFirst({ where: { id: input.actionId, case: siteScope(viewer) }, include: { case: { select: CASE_FIELDS } } });
    if (!action) throw notFound("Action");
    if (!mayManage(viewer, action.requestedById)) throw forbidden("Only the requester or a supervisor can edit this request.");
    if (action.status !== "CHANGES_REQUESTED") throw conflict(`This request is ${action.status.toLowerCase().replace(/_/g, " ")}; only a request sent back for changes can be edited.`);
    if (action.expiresAt && action.expiresAt.getTime() <= Date.now()) throw conflict("This request expired before it was edited; propose the action again if it is still needed.");
    const parsed = proposeActionSchema.safeParse({ caseId: action.caseId, type: action.type, quantity: input.quantity, note: input.note, fromLocationId: input.fromLocationId, targetDate: input.targetDate });
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => i.message).join("; "));
    const next = parsed.data;
    if (next.fromLocationId && !(await tx.location.findUnique({ where: { id: next.fromLocationId } }))) throw notFound("Source location");
    const c = action.case;
    const valueUsd = estimateActionValue(action.type, next.quantity, c.item ? Number(c.item.unitCost) : 0);
    const policy = await loadActivePolicy(tx);
    const required = requiredApprovals(policy, { type: action.type, valueUsd, quantity: next.quantity }, await approvalContext(tx, c, action.type));
    const auto = required.autoApproved;
    const now = new Date();
    const { caseId: _caseId, type: _type, note, ...payload } = next;
    const revision = action.revision + 1;
    const editedByIds = action.editedByIds.includes(viewer.id) ? action.editedByIds : [...action.editedByIds, viewer.id];
    const moved = await tx.caseAction.updateMany({
      where: { id: action.id, status: "CHANGES_REQUESTED", revision: action.revision },
      data: {
        payload: json(payload),
        note,
        valueUsd,
        revision,
        editedByIds,
        status: auto ? "APPROVED" : "PENDING_APPROVAL",
        requiredLevels: json(required.levels),
        // Level 1 waits first; an auto-approved action has no levels, so 1 = levels + 1 = fully approved.
        currentLevel: 1,
        autoApproved: auto,
        policyReason: required.reason,
        policyVersion: policy.version,
        expiresAt: auto ? null : expiresAtFor(policy, now),
        decidedById: null,
        decidedAt: auto ? now : null,
        decisionReason: null,
      },
    });
    if (moved.count !== 1) throw conflict("This request changed a moment ago; reload and try again.");
    if (auto) {
      const caseMoved = await tx.case.updateMany({ where: { id: c.id, status: "PENDING_APPROVAL" }, data: { status: "ACTION_APPROVED" } });
      if (caseMoved.count !== 1) throw conflict("The case changed at the same moment; reload and try again.");
    }
    const before = { payload: action.payload, note: action.note, valueUsd: action.valueUsd, revision: action.revision, levels: readRequiredLevels(action.requiredLevels) };
    await tx.caseEvent.create({
      data: {
        caseId: c.id,
        type: "ACTION_EDITED",
        actorId: viewer.id,
        createdAt: now,
        data: json({ actionId: action.id, type: action.type, quantity: next.quantity, valueUsd, note, revision, levels: required.levels, policyVersion: policy.version, policyReason: required.reason, before }),
      },
    });
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "action.edited",
      entityType: "CaseAction",
      entityId: action.id,
      caseId: c.id,
      siteId: c.siteId,
      before: { actionStatus: "CHANGES_REQUESTED", caseStatus: c.status, ...before },
      after: {
        actionStatus: "PENDING_APPROVAL",
        caseStatus: "PENDING_APPROVAL",
        payload,
        note,
        valueUsd,
        revision,
        level: 1,
        levels: required.levels,
        editedByIds,
        policyVersion: policy.version,
        policyReason: required.reason,
        score: scoreSnapshot(c),
      },
      reason: note,
    });
    let writeBackId: string | null = null;
    if (auto) {
      await recordAutoApproval(tx, { c, actionId: action.id, type: action.type, valueUsd, policy, required, at: new Date(now.getTime() + 1), revision });
      writeBackId = (await queueWriteBack(tx, { actionId: action.id }))?.writeBackId ?? null;
    } else {
      await notifyLevelApprovers(tx, {
        c: notifyCase(c),
        actionId: action.id,
        level: 1,
        of: required.levels.length,
        role: required.levels[0].role,
        valueUsd,
        typeLabel: typeLabel(action.type),
        excludeUserIds: [action.requestedById, ...editedByIds],
      });
    }
    if (viewer.id !== action.requestedById) {
      await notifyRequester(tx, { c: notifyCase(c), userId: action.requestedById, title: `Your request on case #${c.number} was edited`, body: `${viewer.name} edited it (revision ${revision}); it needs ${describeLevels(required.levels.map((l) => l.role))}.`, toChannels: false });
    }
    return { actionId: action.id, caseId: c.id, status: auto ? "APPROVED" : "PENDING_APPROVAL", revision, policyReason: required.reason, writeBackId };
  });
  if (result.writeBackId) await enqueueWriteBackJob(result.writeBackId);
  return result;
}

/** Withdraw an open request (pending or sent back): by its requester or a supervisor; the case is open again. */
export async function cancelAction(viewer: Viewer, input: { actionId: string; reason: string }, db: Db = prisma) {
  authorize(viewer, "cases.read");
  const reason = input.reason.trim();
  if (reason.length < 3) throw invalid("Say why you cancel it (at least 3 characters).");
  return db.$transaction(async (tx) => {
    const action = await tx.caseAction.findFirst({ where: { id: input.actionId, case: siteScope(viewer) }, include: { case: { select: CASE_FIELDS } } });
    if (!action) throw notFound("Action");
    if (!mayManage(viewer, action.requestedById)) throw forbidden("Only the requester or a supervisor can cancel this request.");
    if (action.status !== "PENDING_APPROVAL" && action.status !== "CHANGES_REQUESTED") throw conflict(`This request is ${action.status.toLowerCase().replace(/_/g, " ")}; it can no longer be cancelled.`);
    const c = action.case;
    if (!canTransition(c.status, "OPEN")) throw conflict(`The case is ${c.status}; it cannot reopen.`);
    const now = new Date();
    const moved = await tx.caseAction.updateMany({
      where: { id: action.id, status: action.status, revision: action.revision },
      data: { status: "CANCELLED", decidedById: viewer.id, decidedAt: now, decisionReason: reason },
    });
    if (moved.count !== 1) throw conflict("This request changed a moment ago; reload to see where it stands.");
    const caseMoved = await tx.case.updateMany({ where: { id: c.id, status: c.status }, data: { status: "OPEN" } });
    if (caseMoved.count !== 1) throw conflict("The case changed at the same moment; reload and try again.");
    await tx.caseEvent.create({
      data: { caseId: c.id, type: "ACTION_CANCELLED", actorId: viewer.id, createdAt: now, data: json({ actionId: action.id, type: action.type, valueUsd: action.valueUsd, reason, revision: action.revision }) },
    });
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "action.cancelled",
      entityType: "CaseAction",
      entityId: action.id,
      caseId: c.id,
      siteId: c.siteId,
      before: { actionStatus: action.status, caseStatus: c.status, level: action.currentLevel },
      after: { actionStatus: "CANCELLED", caseStatus: "OPEN", level: action.currentLevel, revision: action.revision, policyVersion: action.policyVersion, score: scoreSnapshot(c) },
      reason,
    });
    if (viewer.id !== action.requestedById) {
      await notifyRequester(tx, { c: notifyCase(c), userId: action.requestedById, title: `Cancelled: ${typeLabel(action.type)} ${usd(action.valueUsd)} on case #${c.number}`, body: `By ${viewer.name}: “${reason}”` });
    }
    return { actionId: action.id, caseId: c.id, status: "CANCELLED" as const };
  });
}

// ───────────────────────────── reads ─────────────────────────────

/** Plain-data view of one approval decision. */
export type ApprovalView = { level: number; revision: number; decision: string; deciderName: string; deciderRole: string; reason: string | null; decidedAt: string; policyVersion: number };

const approvalView = (a: { level: number; revision: number; decision: string; deciderRole: string; reason: string | null; decidedAt: Date; policyVersion: number; decider: { name: string } }): ApprovalView => ({
  level: a.level,
  revision: a.revision,
  decision: a.decision,
  deciderName: a.decider.name,
  deciderRole: a.deciderRole,
  reason: a.reason,
  decidedAt: a.decidedAt.toISOString(),
  policyVersion: a.policyVersion,
});

/** What the viewer may do with an open request, and why not when they may not. */
export type ViewerCapabilities = {
  /** The viewer's role (or admin) holds the current level. */
  atTheirLevel: boolean;
  canApprove: boolean;
  /** Reject / request changes (not limited by value). */
  canDecide: boolean;
  /** Why the viewer cannot approve (self-approval, edited, decided another level, limit…); null when they can. */
  blockedReason: string | null;
  canEdit: boolean;
  canCancel: boolean;
};

function capabilities(viewer: Viewer, policy: ApprovalPolicy | null, a: { status: string; requestedById: string; editedByIds: string[]; valueUsd: number; requiredLevels: unknown; currentLevel: number; expiresAt: Date | null; approvals: { level: number; deciderId: string }[] }, now: Date): ViewerCapabilities {
  const levels = readRequiredLevels(a.requiredLevels);
  const current = levels.find((l) => l.level === a.currentLevel);
  const atTheirLevel = a.status === "PENDING_APPROVAL" && !!current && hasPermission(viewer.role, "actions.approve") && (viewer.role === current.role || viewer.role === "admin");
  const base = {
    status: a.status,
    requestedById: a.requestedById,
    editedByIds: a.editedByIds,
    valueUsd: a.valueUsd,
    requiredLevels: levels,
    currentLevel: a.currentLevel,
    expiresAt: a.expiresAt,
    otherLevelDeciderIds: a.approvals.filter((x) => x.level !== a.currentLevel).map((x) => x.deciderId),
  };
  const verdict = (decision: Decision) => (policy && atTheirLevel ? decideApproval(policy, { action: base, approver: { id: viewer.id, role: viewer.role }, level: a.currentLevel, decision, reason: "placeholder", now }) : null);
  const approve = verdict("APPROVE");
  const reject = verdict("REJECT");
  const open = a.status === "PENDING_APPROVAL" || a.status === "CHANGES_REQUESTED";
  return {
    atTheirLevel,
    canApprove: !!approve?.allowed,
    canDecide: !!reject?.allowed,
    blockedReason: approve && !approve.allowed ? approve.message : policy === null && atTheirLevel ? "The approval policy is not valid; an admin must fix it first." : null,
    canEdit: a.status === "CHANGES_REQUESTED" && (!a.expiresAt || a.expiresAt > now) && mayManage(viewer, a.requestedById),
    canCancel: open && mayManage(viewer, a.requestedById),
  };
}

async function policyOrNull(): Promise<ApprovalPolicy | null> {
  return loadActivePolicy(prisma).catch((e) => {
    if (e instanceof AppError) return null;
    throw e;
  });
}

/**
 * The approval side of a case page: every decision per action, and for the open request (pending
 * or sent back) its levels, policy reason and what the viewer may do with it.
 */
export async function getCaseApprovalState(viewer: Viewer, caseId: string, now = new Date()) {
  authorize(viewer, "cases.read");
  const c = await prisma.case.findFirst({ where: { id: caseId, ...siteScope(viewer) }, select: { id: true } });
  if (!c) throw notFound("Case");
  const actions = await prisma.caseAction.findMany({
    where: { caseId },
    orderBy: { requestedAt: "desc" },
    include: {
      requestedBy: { select: { id: true, name: true } },
      approvals: { orderBy: [{ revision: "asc" }, { level: "asc" }], include: { decider: { select: { name: true } } } },
    },
  });
  const openRow = actions.find((a) => a.status === "PENDING_APPROVAL" || a.status === "CHANGES_REQUESTED") ?? null;
  const policy = openRow ? await policyOrNull() : null;
  const byAction: Record<string, { levels: { level: number; role: string }[]; currentLevel: number; revision: number; autoApproved: boolean; policyReason: string; policyVersion: number; expiresAt: string | null; approvals: ApprovalView[] }> = {};
  for (const a of actions) {
    byAction[a.id] = {
      levels: readRequiredLevels(a.requiredLevels),
      currentLevel: a.currentLevel,
      revision: a.revision,
      autoApproved: a.autoApproved,
      policyReason: a.policyReason,
      policyVersion: a.policyVersion,
      expiresAt: a.expiresAt?.toISOString() ?? null,
      approvals: a.approvals.map(approvalView),
    };
  }
  const open = openRow
    ? {
        id: openRow.id,
        type: openRow.type,
        status: openRow.status,
        payload: openRow.payload as { quantity?: number; fromLocationId?: string; targetDate?: string },
        valueUsd: openRow.valueUsd,
        note: openRow.note,
        requestedById: openRow.requestedBy.id,
        requestedByName: openRow.requestedBy.name,
        isRequester: openRow.requestedBy.id === viewer.id,
        decisionReason: openRow.decisionReason,
        ...byAction[openRow.id],
        viewer: capabilities(viewer, policy, openRow, now),
      }
    : null;
  return { open, byAction };
}

export type CaseApprovalState = Awaited<ReturnType<typeof getCaseApprovalState>>;
export type OpenRequest = NonNullable<CaseApprovalState["open"]>;

/** Pending requests whose current level the viewer's role holds (admins: every level), in the viewer's sites. */
export async function findApprovalInbox(viewer: Viewer, now = new Date()) {
  authorize(viewer, "actions.approve");
  const policy = await policyOrNull();
  const rows = await prisma.caseAction.findMany({
    where: { status: "PENDING_APPROVAL", case: siteScope(viewer) },
    orderBy: [{ valueUsd: "desc" }, { requestedAt: "asc" }],
    take: 500,
    include: {
      requestedBy: { select: { id: true, name: true } },
      approvals: { orderBy: [{ revision: "asc" }, { level: "asc" }], include: { decider: { select: { name: true } } } },
      case: {
        select: {
          id: true,
          number: true,
          title: true,
          severity: true,
          score: true,
          serviceExposure: true,
          financialExposure: true,
          urgency: true,
          confidence: true,
          configVersion: true,
          explanation: true,
          recommendations: true,
          slaDueAt: true,
          site: { select: { code: true, name: true } },
          item: { select: { sku: true, name: true } },
        },
      },
    },
  });
  const mine = rows
    .map((a) => ({ a, caps: capabilities(viewer, policy, a, now) }))
    .filter(({ caps }) => caps.atTheirLevel);
  return { policyVersion: policy?.version ?? null, policyValid: policy !== null, limit: policy ? approverLimit(policy, viewer.role) : null, rows: mine };
}

export type ApprovalInbox = Awaited<ReturnType<typeof findApprovalInbox>>;

/** The viewer's own requests, newest first, with where each stands. */
export async function findMyRequests(viewer: Viewer, take = 30) {
  authorize(viewer, "cases.propose");
  const rows = await prisma.caseAction.findMany({
    where: { requestedById: viewer.id, case: siteScope(viewer) },
    orderBy: { requestedAt: "desc" },
    take,
    include: {
      approvals: { orderBy: [{ revision: "asc" }, { level: "asc" }], include: { decider: { select: { name: true } } } },
      case: { select: { id: true, number: true, title: true, site: { select: { code: true } } } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    type: a.type,
    status: a.status,
    valueUsd: a.valueUsd,
    quantity: typeof (a.payload as { quantity?: unknown })?.quantity === "number" ? (a.payload as { quantity: number }).quantity : null,
    requestedAt: a.requestedAt,
    expiresAt: a.expiresAt,
    levels: readRequiredLevels(a.requiredLevels),
    currentLevel: a.currentLevel,
    revision: a.revision,
    autoApproved: a.autoApproved,
    policyReason: a.policyReason,
    decisionReason: a.decisionReason,
    approvals: a.approvals.map(approvalView),
    case: { id: a.case.id, number: a.case.number, title: a.case.title, siteCode: a.case.site.code },
  }));
}

/** Add a comment to a case's timeline. */
export async function addComment(viewer: Viewer, caseId: string, body: string) {
  authorize(viewer, "cases.comment");
  const c = await prisma.case.findFirst({ where: { id: caseId, ...siteScope(viewer) }, select: { id: true } });
  if (!c) throw notFound("Case");
  return prisma.caseEvent.create({ data: { caseId, type: "COMMENTED", actorId: viewer.id, data: json({ body }) } });
}
