/**
 * Expectations for the case-work server actions: proposing, deciding, triage, comments, write-backs,
 * plus the per-user actions (notifications, saved views, sessions). See access-matrix.test.ts.
 */
import { LEVEL_ROLES, type LevelRole } from "@/lib/domain/approval/policy";
import type { ActionExpectation, Cell } from "@/lib/testing/access-matrix/types";

/** The level a decider of this role would hold (a role that holds none gets a supervisor level and is refused anyway). */
const levelFor = (cell: Cell): LevelRole => ((LEVEL_ROLES as readonly string[]).includes(cell.actor.role) ? (cell.actor.role as LevelRole) : "supervisor");
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

type Triage = { updated: number; skipped: { reason: string }[] };
const triage = {
  permission: "cases.triage",
  siteScoped: true,
  changes: ["Case", "CaseEvent", "AuditEntry"],
  succeeded: (d: unknown) => (d as Triage).updated === 1,
  // Bulk triage skips cases outside the viewer's sites as "not found" instead of failing the whole call.
  refusedInside: (d: unknown) => (d as Triage).updated === 0 && (d as Triage).skipped.every((s) => s.reason === "not found"),
} as const;

type Bulk = { approved: unknown[]; failed: unknown[] };

export const CASE_ACTIONS: Record<string, ActionExpectation> = {
  proposeActionAction: {
    permission: "cases.propose",
    siteScoped: true,
    changes: ["CaseAction", "Case", "CaseEvent", "AuditEntry"],
    sample: async ({ fx, siteId }) => ({ caseId: (await fx.openCase(siteId)).id, type: "RECOUNT", quantity: 2, note: "matrix proposal" }),
  },
  addCommentAction: {
    permission: "cases.comment",
    siteScoped: true,
    changes: ["CaseEvent", "AuditEntry"],
    sample: async ({ fx, siteId }) => ({ caseId: (await fx.openCase(siteId)).id, body: "matrix comment" }),
  },
  decideActionAction: {
    permission: "actions.approve",
    siteScoped: true,
    changes: ["CaseAction", "ActionApproval", "AuditEntry"],
    note: "the request waits at a level of the actor's own role and was requested by someone else (requester ≠ approver is its own test)",
    sample: async (cell) => ({ actionId: (await cell.fx.pendingAction(cell.siteId, levelFor(cell))).id, decision: "APPROVE" }),
  },
  bulkApproveAction: {
    permission: "actions.approve",
    siteScoped: true,
    changes: ["CaseAction", "ActionApproval", "AuditEntry"],
    sample: async (cell) => ({ items: [{ actionId: (await cell.fx.pendingAction(cell.siteId, levelFor(cell))).id }] }),
    succeeded: (d) => (d as Bulk).approved.length === 1,
    refusedInside: (d) => (d as Bulk).approved.length === 0 && (d as Bulk).failed.length === 1,
  },
  editActionAction: {
    permission: "cases.propose",
    siteScoped: true,
    changes: ["CaseAction", "AuditEntry"],
    note: "the actor's own request, sent back for changes (supervisors editing others' requests: approval-workflow.test.ts)",
    sample: async ({ fx, siteId, actor }) => ({ actionId: (await fx.changesRequested(siteId, actor.id)).id, quantity: 3, note: "matrix edit" }),
  },
  cancelActionAction: {
    permission: "cases.propose",
    siteScoped: true,
    changes: ["CaseAction", "Case", "AuditEntry"],
    note: "the actor's own pending request",
    sample: async ({ fx, siteId, actor }) => ({ actionId: (await fx.ownPendingAction(siteId, actor.id)).id, reason: "matrix cancel" }),
  },
  assignCasesAction: { ...triage, sample: async ({ fx, siteId, actor }) => ({ caseIds: [(await fx.openCase(siteId)).id], assigneeId: actor.id }) },
  acknowledgeCasesAction: { ...triage, sample: async ({ fx, siteId }) => ({ caseIds: [(await fx.openCase(siteId)).id] }) },
  snoozeCasesAction: { ...triage, sample: async ({ fx, siteId }) => ({ caseIds: [(await fx.openCase(siteId)).id], until: tomorrow() }) },
  unsnoozeCasesAction: { ...triage, sample: async ({ fx, siteId }) => ({ caseIds: [(await fx.snoozedCase(siteId)).id] }) },
  setCaseStatusAction: {
    ...triage,
    sample: async ({ fx, siteId }) => ({ caseIds: [(await fx.openCase(siteId)).id], status: "RESOLVED", reasonCode: "NOT_AN_ISSUE", note: "matrix" }),
  },
  retryWriteBackAction: {
    permission: "writeback.retry",
    siteScoped: true,
    changes: ["WriteBack", "CaseEvent", "AuditEntry", "job"],
    sample: async ({ fx, siteId }) => ({ writeBackId: (await fx.failedWriteBack(siteId)).writeBackId }),
  },
  closeWithoutConfirmationAction: {
    permission: "cases.close",
    siteScoped: true,
    changes: ["Case", "CaseEvent", "AuditEntry"],
    sample: async ({ fx, siteId }) => ({ caseId: (await fx.failedWriteBack(siteId)).caseId, reason: "matrix: applied by hand" }),
  },
  markNotificationsReadAction: {
    permission: "signed-in",
    siteScoped: false,
    changes: ["Notification"],
    note: "only the viewer's own notifications",
    sample: async ({ fx, actor }) => ({ ids: [(await fx.notification(actor.id)).id] }),
    succeeded: (d) => (d as { updated: number }).updated === 1,
  },
  createSavedViewAction: {
    permission: "cases.read",
    siteScoped: false,
    changes: ["SavedView", "AuditEntry"],
    sample: async ({ fx }) => ({ name: `matrix view new ${fx.next()}`, query: "status=OPEN" }),
  },
  updateSavedViewAction: {
    permission: "cases.read",
    siteScoped: false,
    changes: ["SavedView", "AuditEntry"],
    note: "the actor's own view (others' views: saved-views.test.ts)",
    sample: async ({ fx, actor }) => ({ id: (await fx.savedView(actor.id)).id, name: `matrix renamed ${fx.next()}` }),
  },
  deleteSavedViewAction: {
    permission: "cases.read",
    siteScoped: false,
    changes: ["SavedView", "AuditEntry"],
    sample: async ({ fx, actor }) => ({ id: (await fx.savedView(actor.id)).id }),
  },
  signOutEverywhereAction: {
    permission: "signed-in",
    siteScoped: false,
    changes: ["User", "AuditEntry"],
    note: "ends the actor's own sessions",
    sample: async () => undefined,
  },
  revokeUserSessionsAction: {
    permission: "admin.manage",
    siteScoped: false,
    changes: ["User", "AuditEntry"],
    sample: async ({ fx, siteId }) => ({ userId: (await fx.user(siteId)).id }),
  },
  setUserActiveAction: {
    permission: "admin.manage",
    siteScoped: false,
    changes: ["User", "AuditEntry"],
    sample: async ({ fx, siteId }) => ({ userId: (await fx.user(siteId)).id, active: false }),
  },
};
