import "server-only";
/**
 * Rule tuning (Settings → Rule tuning): per-rule outcomes, threshold proposals with their evidence,
 * and the admin's decision. Accepting creates the next ScoringConfig version through the versioning
 * path of the detection settings (validated, optimistic version check, audited with before/after)
 * in the same transaction as the proposal's status change and its own audit row. Every function
 * authorizes "admin.manage".
 */
import { prisma } from "@/lib/server/db";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { conflict, invalid, notFound } from "@/lib/server/errors";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { createScoringVersionInTx, inScoringVersionTransaction, latestScoringVersion } from "@/lib/server/dal/detection-settings";
import { loadOutcomeGroups } from "@/lib/server/learning/load-history";
import { computeThresholdProposals, sameOverrides, type ProposalEvidence, type ProposalRunSummary } from "@/lib/server/learning/threshold-proposals";
import { currentScoringParams } from "@/lib/server/pipeline/run-detection";
import { dismissalTrigger, summarizeRuleOutcomes, type RuleOutcomeStats, type TriggerState } from "@/lib/domain/learning/outcomes";
import { withThreshold } from "@/lib/domain/learning/propose-threshold";
import { TUNABLE_RULES } from "@/lib/domain/learning/rule-triggers";
import { IMPLEMENTED_TYPES } from "@/lib/domain/detect/rules";
import type { RuleThresholdKey } from "@/lib/domain/score/rule-threshold";
import { DAY_MS } from "@/lib/domain/util/dates";
import { fmtUsd } from "@/lib/domain/util/numbers";

export interface RuleRow {
  stats: RuleOutcomeStats;
  trigger: TriggerState;
  /** The threshold a proposal would change, and its global value today; null for rules without one. */
  threshold: { key: string; value: number } | null;
  /** The rule's last accepted or dismissed proposal. */
  lastDecision: { status: "ACCEPTED" | "DISMISSED"; proposedValue: number; acceptedVersion: number | null; decidedAt: Date | null } | null;
}

export interface ProposalView {
  id: string;
  ruleType: string;
  thresholdKey: string;
  currentValue: number;
  proposedValue: number;
  baseVersion: number;
  status: string;
  /** Null when the stored evidence cannot be read (the card says so; recomputing replaces it). */
  evidence: ProposalEvidence | null;
  createdAt: Date;
  computedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionNote: string | null;
  acceptedVersion: number | null;
}

/** The stored evidence if it has the shape the page reads, else null (hand-edited or from an older version). */
function readProposalEvidence(value: unknown): ProposalEvidence | null {
  const e = value as Partial<ProposalEvidence> | null;
  const d = e?.draft;
  const ok = !!e && !!e.window && !!e.outcomes?.counts && !!d && !!d.suppressed && !!d.population && Array.isArray(d.candidates) && Array.isArray(d.dismissedSuppressed) && Array.isArray(d.actedOnLost);
  return ok ? (e as ProposalEvidence) : null;
}

const emptyStats = (ruleType: string): RuleOutcomeStats => ({
  ruleType,
  counts: { DISMISSED: 0, NO_ACTION: 0, ACTED_ON: 0, CLEARED: 0, EXCLUDED: 0 },
  usd: { DISMISSED: 0, NO_ACTION: 0, ACTED_ON: 0, CLEARED: 0, EXCLUDED: 0 },
  judged: 0,
  dismissalRate: null,
  noActionRate: null,
  actedOnRate: null,
});

/** Everything the Rule tuning page shows: outcomes of every rule over the window, open proposals, recent decisions. */
export async function getRuleTuning(viewer: Viewer, now = new Date()) {
  authorize(viewer, "admin.manage");
  const params = await currentScoringParams(prisma);
  const cfg = params.learning;
  const since = new Date(now.getTime() - cfg.lookbackDays * DAY_MS);
  const [groups, open, decided, lastDecisions] = await Promise.all([
    loadOutcomeGroups(prisma, since),
    prisma.thresholdProposal.findMany({ where: { status: "OPEN" }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
    prisma.thresholdProposal.findMany({ where: { status: { not: "OPEN" } }, orderBy: [{ decidedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }], take: 20 }),
    prisma.thresholdProposal.findMany({
      where: { status: { in: ["ACCEPTED", "DISMISSED"] } },
      orderBy: [{ ruleType: "asc" }, { decidedAt: { sort: "desc", nulls: "last" } }],
      distinct: ["ruleType"],
      select: { ruleType: true, status: true, proposedValue: true, acceptedVersion: true, decidedAt: true },
    }),
  ]);
  const lastByRule = new Map(lastDecisions.map((d) => [d.ruleType, { status: d.status as "ACCEPTED" | "DISMISSED", proposedValue: d.proposedValue, acceptedVersion: d.acceptedVersion, decidedAt: d.decidedAt }]));
  const byRule = new Map(summarizeRuleOutcomes(groups).map((s) => [s.ruleType, s]));
  const types = [...new Set([...IMPLEMENTED_TYPES, ...byRule.keys()])];
  const rules: RuleRow[] = types.map((t) => {
    const stats = byRule.get(t) ?? emptyStats(t);
    const tunable = TUNABLE_RULES[t];
    return {
      stats,
      trigger: dismissalTrigger(stats, cfg),
      threshold: tunable ? { key: tunable.key, value: params.rules[tunable.key] as number } : null,
      lastDecision: lastByRule.get(t) ?? null,
    };
  });
  rules.sort((a, b) => (b.stats.dismissalRate ?? -1) - (a.stats.dismissalRate ?? -1) || b.stats.judged - a.stats.judged || (a.stats.ruleType < b.stats.ruleType ? -1 : 1));
  const userIds = [...new Set(decided.map((p) => p.decidedById).filter((id): id is string => !!id))];
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const view = (p: (typeof open)[number]): ProposalView => ({
    id: p.id,
    ruleType: p.ruleType,
    thresholdKey: p.thresholdKey,
    currentValue: p.currentValue,
    proposedValue: p.proposedValue,
    baseVersion: p.baseVersion,
    status: p.status,
    evidence: readProposalEvidence(p.evidence),
    createdAt: p.createdAt,
    computedAt: p.computedAt,
    decidedAt: p.decidedAt,
    decidedBy: p.decidedById ? (nameOf.get(p.decidedById) ?? p.decidedById) : null,
    decisionNote: p.decisionNote,
    acceptedVersion: p.acceptedVersion,
  });
  const lastComputedAt = [...open, ...decided].reduce<Date | null>((d, p) => (!d || p.computedAt > d ? p.computedAt : d), null);
  return { configVersion: params.version, learning: cfg, since, rules, open: open.map(view), decided: decided.map(view), lastComputedAt };
}

export type RuleTuning = Awaited<ReturnType<typeof getRuleTuning>>;

/** Recompute proposals now (the same computation as the nightly job), as the admin. */
export async function recomputeThresholdProposals(viewer: Viewer): Promise<ProposalRunSummary> {
  authorize(viewer, "admin.manage");
  return computeThresholdProposals(prisma, { now: new Date(), actor: { id: viewer.id, role: viewer.role } });
}

/** The note the new scoring version carries: the change and the evidence it rests on. */
function acceptanceNote(p: { id: string; ruleType: string; thresholdKey: string; currentValue: number; proposedValue: number }, e: ProposalEvidence, extra: string | null): string {
  const s = e.draft.suppressed;
  const evidence =
    `Rule tuning: ${p.thresholdKey} ${p.currentValue} → ${p.proposedValue} for ${p.ruleType}. ` +
    `Replay of ${e.window.days} days: would have suppressed ${s.cases} past case(s) worth ${fmtUsd(s.usd)} — ` +
    `${s.dismissed} dismissed as not an issue (${fmtUsd(s.dismissedUsd)}), ${s.actedOn} acted on (${fmtUsd(s.actedOnUsd)}), ${s.noAction} closed without action. Proposal ${p.id}.`;
  return extra ? `${evidence} ${extra}` : evidence;
}

/** Accept an open proposal: the next scoring version with the proposed threshold, audited, in one transaction. */
export async function acceptThresholdProposal(viewer: Viewer, input: { id: string; note?: string | null }): Promise<{ version: number }> {
  authorize(viewer, "admin.manage");
  const extra = input.note?.trim() || null;
  return inScoringVersionTransaction(async (tx) => {
    const p = await tx.thresholdProposal.findUnique({ where: { id: input.id } });
    if (!p) throw notFound("Proposal");
    if (p.status !== "OPEN") throw conflict(`This proposal was already ${p.status.toLowerCase()}.`);
    const latest = await latestScoringVersion(tx);
    if (!latest?.params) throw conflict("The scoring configuration in use does not pass validation; fix it under Detection & routing first.");
    const key = p.thresholdKey as RuleThresholdKey;
    const now = latest.params.rules[key];
    const evidence = readProposalEvidence(p.evidence);
    if (!evidence) throw conflict("This proposal's evidence cannot be read. Recompute the proposals.");
    // The replay holds only for the threshold it ran against: a change since (value or overrides) needs a new replay.
    if (typeof now !== "number" || now !== p.currentValue || !sameOverrides(latest.params.thresholdOverrides.filter((o) => o.key === key), evidence.overrides)) {
      throw conflict(`${p.thresholdKey} changed since this proposal was computed (now ${typeof now === "number" ? now : "per class"}). Recompute the proposals.`);
    }
    const note = acceptanceNote(p, evidence, extra);
    const { version } = await createScoringVersionInTx(tx, viewer, {
      baseVersion: latest.version,
      params: withThreshold(latest.params, key, p.proposedValue),
      note,
      action: "scoring_config.created",
      extra: { fromProposal: p.id },
    });
    const decidedAt = new Date();
    const updated = await tx.thresholdProposal.updateMany({
      where: { id: p.id, status: "OPEN" },
      data: { status: "ACCEPTED", decidedById: viewer.id, decidedAt, decisionNote: extra, acceptedVersion: version },
    });
    if (updated.count !== 1) throw conflict("This proposal was decided by someone else at the same moment.");
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "threshold_proposal.accepted",
      entityType: "ThresholdProposal",
      entityId: p.id,
      before: { status: "OPEN", [key]: p.currentValue, scoringVersion: latest.version },
      after: { status: "ACCEPTED", [key]: p.proposedValue, scoringVersion: version },
      reason: note,
    });
    return { version };
  });
}

/** Dismiss an open proposal with a reason; the same change is not proposed again. */
export async function dismissThresholdProposal(viewer: Viewer, input: { id: string; reason: string }): Promise<void> {
  authorize(viewer, "admin.manage");
  const reason = input.reason.trim();
  if (reason.length < 3) throw invalid("Say why you dismiss the proposal (at least 3 characters).");
  await prisma.$transaction(async (tx) => {
    const p = await tx.thresholdProposal.findUnique({ where: { id: input.id } });
    if (!p) throw notFound("Proposal");
    const updated = await tx.thresholdProposal.updateMany({ where: { id: p.id, status: "OPEN" }, data: { status: "DISMISSED", decidedById: viewer.id, decidedAt: new Date(), decisionNote: reason } });
    if (updated.count !== 1) throw conflict(`This proposal was already ${p.status.toLowerCase()}.`);
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "threshold_proposal.dismissed",
      entityType: "ThresholdProposal",
      entityId: p.id,
      before: { status: "OPEN" },
      after: { status: "DISMISSED", [p.thresholdKey]: p.currentValue },
      reason,
    });
  });
}
