import "server-only";
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { appendAudit, type AuditInput } from "@/lib/server/audit/append-audit";
import { invalid } from "@/lib/server/errors";
import { canTransition } from "@/lib/domain/case/state-machine";
import { hasPermission, seesAllSites } from "@/lib/domain/auth/permissions";
import { isUserResolutionCode, resolutionLabel, type ResolutionCode } from "@/lib/domain/case/resolution-codes";
import { describeSnoozeConditions, snoozeRequestProblem } from "@/lib/domain/case/snooze";

/**
 * Triage of one or many cases (the case page header and the queue's bulk bar): assign, acknowledge,
 * snooze / unsnooze, resolve with a reason, reopen. One transaction per call; each case is decided
 * on its own — a case the viewer cannot see is skipped as "not found" (never revealed), a case the
 * change does not apply to is skipped with the reason — and every updated case gets a timeline
 * event and an audit row in that transaction.
 */

export const MAX_TRIAGE_CASES = 200;

export type TriageSkip = { caseId: string; reason: string };
export type TriageResult = { updated: number; skipped: TriageSkip[] };

export type AssignInput = { caseIds: string[]; assigneeId: string | null };
export type CaseIdsInput = { caseIds: string[] };
export type SnoozeInput = { caseIds: string[]; until?: Date | null; onChange?: boolean; scoreRisePct?: number | null };
export type SetStatusInput = { caseIds: string[]; status: "RESOLVED" | "OPEN"; reasonCode?: ResolutionCode | null; note?: string | null };

const CASE_SELECT = {
  id: true,
  number: true,
  causeKey: true,
  status: true,
  siteId: true,
  score: true,
  assigneeId: true,
  acknowledgedAt: true,
  snoozedAt: true,
  snoozeUntil: true,
  snoozeOnChange: true,
  snoozeScoreRisePct: true,
  snoozeScoreBase: true,
  resolutionCode: true,
  resolutionReason: true,
  resolvedAt: true,
  site: { select: { code: true } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.CaseSelect;

type TriageCase = Prisma.CaseGetPayload<{ select: typeof CASE_SELECT }>;
type Tx = Prisma.TransactionClient;

/** What to do to one case: a skip with its reason, or the update with its timeline event and audit row. */
type Decision =
  | { skip: string }
  | {
      data: Prisma.CaseUpdateInput;
      event: { type: string; data: Record<string, unknown> };
      audit: { action: string; before: Record<string, unknown>; after: Record<string, unknown>; reason?: string | null };
    };

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const CLEARED_SNOOZE = { snoozedAt: null, snoozedById: null, snoozeUntil: null, snoozeOnChange: false, snoozeScoreRisePct: null, snoozeScoreBase: null } as const;

const snoozeState = (c: TriageCase) => ({
  snoozedAt: iso(c.snoozedAt),
  snoozeUntil: iso(c.snoozeUntil),
  snoozeOnChange: c.snoozeOnChange,
  snoozeScoreRisePct: c.snoozeScoreRisePct,
  snoozeScoreBase: c.snoozeScoreBase,
});

function uniqueIds(caseIds: string[]): string[] {
  const ids = [...new Set(caseIds)];
  if (ids.length === 0) throw invalid("Choose at least one case.");
  if (ids.length > MAX_TRIAGE_CASES) throw invalid(`At most ${MAX_TRIAGE_CASES} cases at a time.`);
  return ids;
}

/**
 * The shared shape of every triage call: lock the named cases (in id order, so two bulk calls
 * cannot deadlock), load those in the viewer's sites, decide each, write updates, events and audit
 * rows together.
 */
async function triage(
  viewer: Viewer,
  caseIds: string[],
  decide: (c: TriageCase, tx: Tx, now: Date) => Decision | Promise<Decision>,
): Promise<TriageResult> {
  authorize(viewer, "cases.triage");
  const ids = uniqueIds(caseIds);
  return prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT id FROM "Case" WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, ids);
    const found = await tx.case.findMany({ where: { id: { in: ids }, ...siteScope(viewer) }, select: CASE_SELECT });
    const byId = new Map(found.map((c) => [c.id, c]));
    const now = new Date();
    const skipped: TriageSkip[] = [];
    const events: Prisma.CaseEventCreateManyInput[] = [];
    const audit: AuditInput[] = [];
    for (const id of ids) {
      const c = byId.get(id);
      if (!c) {
        skipped.push({ caseId: id, reason: "not found" });
        continue;
      }
      const d = await decide(c, tx, now);
      if ("skip" in d) {
        skipped.push({ caseId: id, reason: d.skip });
        continue;
      }
      await tx.case.update({ where: { id }, data: d.data });
      events.push({ caseId: id, type: d.event.type, actorId: viewer.id, data: json(d.event.data), createdAt: now });
      audit.push({
        actorId: viewer.id,
        actorRole: viewer.role,
        action: d.audit.action,
        entityType: "Case",
        entityId: id,
        caseId: id,
        siteId: c.siteId,
        before: d.audit.before,
        after: d.audit.after,
        reason: d.audit.reason ?? null,
      });
    }
    if (events.length > 0) await tx.caseEvent.createMany({ data: events });
    await appendAudit(tx, audit);
    return { updated: events.length, skipped };
  });
}

/** Assign cases to a person (or unassign with null). The assignee must be active, may triage, and must see each case's site. */
export async function assignCases(viewer: Viewer, input: AssignInput): Promise<TriageResult> {
  authorize(viewer, "cases.triage");
  const assignee = input.assigneeId
    ? await prisma.user.findUnique({ where: { id: input.assigneeId }, select: { id: true, name: true, role: true, active: true, sites: { select: { locationId: true } } } })
    : null;
  const assigneeProblem = !input.assigneeId
    ? null
    : !assignee
      ? "assignee not found"
      : !assignee.active
        ? `${assignee.name} is not an active user`
        : !hasPermission(assignee.role, "cases.triage")
          ? `${assignee.name} (${assignee.role}) may not work cases`
          : null;
  const assigneeSites = new Set(assignee?.sites.map((s) => s.locationId) ?? []);
  return triage(viewer, input.caseIds, (c) => {
    if (assigneeProblem) return { skip: assigneeProblem };
    if (c.status === "RESOLVED") return { skip: "case is resolved" };
    if (assignee && !seesAllSites(assignee.role) && !assigneeSites.has(c.siteId)) return { skip: `${assignee.name} cannot see site ${c.site.code}` };
    if ((c.assigneeId ?? null) === (assignee?.id ?? null)) return { skip: assignee ? `already assigned to ${assignee.name}` : "already unassigned" };
    const before = { assigneeId: c.assigneeId, assigneeName: c.assignee?.name ?? null };
    const after = { assigneeId: assignee?.id ?? null, assigneeName: assignee?.name ?? null };
    return {
      data: { assignee: assignee ? { connect: { id: assignee.id } } : { disconnect: true } },
      event: { type: "ASSIGNED", data: { ...after, previousAssigneeId: before.assigneeId, previousAssigneeName: before.assigneeName } },
      audit: { action: assignee ? "case.assigned" : "case.unassigned", before, after },
    };
  });
}

/** Mark cases as seen and being worked ("acknowledged"). */
export async function acknowledgeCases(viewer: Viewer, input: CaseIdsInput): Promise<TriageResult> {
  return triage(viewer, input.caseIds, (c, _tx, now) => {
    if (c.status === "RESOLVED") return { skip: "case is resolved" };
    if (c.acknowledgedAt) return { skip: "already acknowledged" };
    return {
      data: { acknowledgedAt: now, acknowledgedById: viewer.id },
      event: { type: "ACKNOWLEDGED", data: {} },
      audit: { action: "case.acknowledged", before: { acknowledgedAt: null }, after: { acknowledgedAt: now.toISOString(), acknowledgedById: viewer.id } },
    };
  });
}

/**
 * Snooze cases until a date, until a source record behind them changes, and/or until their score
 * rises by a percentage (over the score each case has now). Snoozing a snoozed case replaces its conditions.
 */
export async function snoozeCases(viewer: Viewer, input: SnoozeInput): Promise<TriageResult> {
  authorize(viewer, "cases.triage");
  const request = { until: input.until ?? null, onChange: input.onChange ?? false, scoreRisePct: input.scoreRisePct ?? null };
  const problem = snoozeRequestProblem(request, new Date());
  if (problem) throw invalid(problem);
  return triage(viewer, input.caseIds, (c, _tx, now) => {
    if (c.status === "RESOLVED") return { skip: "case is resolved" };
    const next = {
      snoozeUntil: request.until,
      snoozeOnChange: request.onChange,
      snoozeScoreRisePct: request.scoreRisePct,
      snoozeScoreBase: request.scoreRisePct != null ? c.score : null,
    };
    const conditions = describeSnoozeConditions(next);
    return {
      data: { snoozedAt: now, snoozedById: viewer.id, ...next },
      event: { type: "SNOOZED", data: { until: iso(next.snoozeUntil), onChange: next.snoozeOnChange, scoreRisePct: next.snoozeScoreRisePct, scoreBase: next.snoozeScoreBase, conditions } },
      audit: { action: "case.snoozed", before: snoozeState(c), after: { snoozedAt: now.toISOString(), ...next, snoozeUntil: iso(next.snoozeUntil) }, reason: conditions },
    };
  });
}

/** Wake snoozed cases by hand. */
export async function unsnoozeCases(viewer: Viewer, input: CaseIdsInput): Promise<TriageResult> {
  return triage(viewer, input.caseIds, (c) => {
    if (!c.snoozedAt) return { skip: "not snoozed" };
    return {
      data: CLEARED_SNOOZE,
      event: { type: "UNSNOOZED", data: { conditions: describeSnoozeConditions(c) } },
      audit: { action: "case.unsnoozed", before: snoozeState(c), after: { snoozedAt: null } },
    };
  });
}

/** Why a case cannot be resolved by hand from its current status, or null when it can. */
function resolveBlocker(status: string): string | null {
  if (status === "RESOLVED") return "already resolved";
  if (status === "PENDING_APPROVAL") return "an action is waiting for approval; decide it first";
  if (status === "ACTION_APPROVED") return "an approved action is in progress; it closes when the source confirms it";
  return canTransition(status, "RESOLVED") ? null : `a ${status} case cannot be resolved`;
}

/**
 * Resolve (OPEN → RESOLVED, with a reason code and an optional note) or reopen (RESOLVED → OPEN,
 * with a note saying why). Cases with an action in flight are not resolved from here.
 */
export async function setCaseStatus(viewer: Viewer, input: SetStatusInput): Promise<TriageResult> {
  authorize(viewer, "cases.triage");
  const note = input.note?.trim() || null;
  if (input.status === "RESOLVED") {
    const code = input.reasonCode;
    if (!isUserResolutionCode(code)) throw invalid("Choose a resolution reason.");
    return triage(viewer, input.caseIds, (c, _tx, now) => {
      const blocker = resolveBlocker(c.status);
      if (blocker) return { skip: blocker };
      return {
        data: { status: "RESOLVED", resolvedAt: now, resolutionCode: code, resolutionReason: note, ...CLEARED_SNOOZE },
        event: { type: "RESOLVED", data: { reasonCode: code, reasonLabel: resolutionLabel(code), note, by: viewer.name } },
        audit: { action: "case.resolved", before: { status: c.status, ...snoozeState(c) }, after: { status: "RESOLVED", resolutionCode: code, resolutionReason: note }, reason: note ?? resolutionLabel(code) },
      };
    });
  }
  if (!note) throw invalid("Say why the case is reopened.");
  return triage(viewer, input.caseIds, async (c, tx) => {
    if (c.status !== "RESOLVED" || !canTransition(c.status, "OPEN")) return { skip: "not resolved" };
    // Detection opens a fresh case when a cleared condition returns; two open cases for one cause would split its history.
    const sibling = await tx.case.findFirst({ where: { causeKey: c.causeKey, status: { not: "RESOLVED" }, id: { not: c.id } }, select: { number: true } });
    if (sibling) return { skip: `case #${sibling.number} is already open for the same cause` };
    return {
      data: { status: "OPEN", resolvedAt: null, resolutionCode: null, resolutionReason: null },
      event: { type: "REOPENED", data: { note, previousReasonCode: c.resolutionCode, previousReason: c.resolutionReason } },
      audit: {
        action: "case.reopened",
        before: { status: "RESOLVED", resolutionCode: c.resolutionCode, resolutionReason: c.resolutionReason, resolvedAt: iso(c.resolvedAt) },
        after: { status: "OPEN" },
        reason: note,
      },
    };
  });
}
