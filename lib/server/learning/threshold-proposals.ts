/**
 * Computes threshold proposals from the outcome history and stores them (the `learning.proposals`
 * cron job and the admin's "Recompute" button both call this). Per rule whose dismissal rate is at
 * the trigger: replay its resolved cases (lib/domain/learning/propose-threshold.ts); an identical
 * open proposal gets fresh evidence, a different one supersedes it, and an open proposal the
 * evidence no longer supports is superseded. A proposal an admin dismissed is not raised again for
 * the same change. Creations and supersessions are audited in the writing transaction.
 */
import type { PrismaClient, Prisma } from "@/lib/server/generated/prisma/client";
import { appendAudit, canonicalJson, type AuditInput } from "@/lib/server/audit/append-audit";
import { currentScoringParams } from "@/lib/server/pipeline/run-detection";
import { loadOutcomeGroups, loadReplayCases } from "@/lib/server/learning/load-history";
import { dismissalTrigger, summarizeRuleOutcomes, type RuleOutcomeStats } from "@/lib/domain/learning/outcomes";
import { proposeThreshold, type ThresholdProposalDraft } from "@/lib/domain/learning/propose-threshold";
import { TUNABLE_RULES } from "@/lib/domain/learning/rule-triggers";
import type { ScoringParams } from "@/lib/domain/score/config";
import { DAY_MS } from "@/lib/domain/util/dates";

/** Serialises proposal writers (job and button). */
const PROPOSALS_LOCK = 727_301;

export type ProposalActor = { id: string | null; role: string };

/** What a stored proposal's `evidence` holds. */
export interface ProposalEvidence {
  window: { days: number; from: string; to: string };
  /** The rule's outcome counts over the window (all its resolved cases, replayable or not). */
  outcomes: Pick<RuleOutcomeStats, "counts" | "usd" | "judged" | "dismissalRate">;
  config: ScoringParams["learning"];
  /** The overrides of the threshold when computed: accepting checks they still hold. */
  overrides: ScoringParams["thresholdOverrides"];
  draft: ThresholdProposalDraft;
}

export interface ProposalRunSummary {
  rulesWithHistory: number;
  triggered: number;
  created: number;
  refreshed: number;
  superseded: number;
  /** Rules at the trigger without a proposal, and why. */
  noProposal: { ruleType: string; reason: string }[];
  configVersion: number;
  ms: number;
}

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;
const sameNumber = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** Replays every triggered rule and brings the stored proposals in line with the result. */
export async function computeThresholdProposals(db: PrismaClient, opts: { now: Date; actor: ProposalActor }): Promise<ProposalRunSummary> {
  const started = Date.now();
  const params = await currentScoringParams(db);
  const cfg = params.learning;
  const since = new Date(opts.now.getTime() - cfg.lookbackDays * DAY_MS);
  const stats = summarizeRuleOutcomes(await loadOutcomeGroups(db, since));
  const drafts: { stats: RuleOutcomeStats; draft: ThresholdProposalDraft }[] = [];
  const noProposal: ProposalRunSummary["noProposal"] = [];
  let triggered = 0;
  for (const s of stats) {
    if (dismissalTrigger(s, cfg).state !== "TRIGGERED") continue;
    triggered++;
    if (!TUNABLE_RULES[s.ruleType]) {
      noProposal.push({ ruleType: s.ruleType, reason: "This rule has no single numeric threshold to replay." });
      continue;
    }
    const r = proposeThreshold({ ruleType: s.ruleType, params, cases: await loadReplayCases(db, s.ruleType, since), config: cfg });
    if (r.kind === "proposal") drafts.push({ stats: s, draft: r.draft });
    else noProposal.push({ ruleType: s.ruleType, reason: r.reason });
  }

  const summary = { created: 0, refreshed: 0, superseded: 0 };
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PROPOSALS_LOCK})`);
    const open = await tx.thresholdProposal.findMany({ where: { status: "OPEN" } });
    const audit: AuditInput[] = [];
    const supersede = async (p: (typeof open)[number], reason: string) => {
      await tx.thresholdProposal.updateMany({ where: { id: p.id, status: "OPEN" }, data: { status: "SUPERSEDED", decidedAt: opts.now, decisionNote: reason } });
      audit.push({ actorId: opts.actor.id, actorRole: opts.actor.role, action: "threshold_proposal.superseded", entityType: "ThresholdProposal", entityId: p.id, before: { status: "OPEN" }, after: { status: "SUPERSEDED" }, reason });
      summary.superseded++;
    };
    for (const { stats: s, draft } of drafts) {
      const evidence: ProposalEvidence = {
        window: { days: cfg.lookbackDays, from: since.toISOString(), to: opts.now.toISOString() },
        outcomes: { counts: s.counts, usd: s.usd, judged: s.judged, dismissalRate: s.dismissalRate },
        config: cfg,
        overrides: params.thresholdOverrides.filter((o) => o.key === draft.key),
        draft,
      };
      const mine = open.filter((p) => p.ruleType === draft.ruleType);
      const same = mine.find((p) => p.thresholdKey === draft.key && sameNumber(p.currentValue, draft.currentValue) && sameNumber(p.proposedValue, draft.proposedValue));
      for (const p of mine) if (p !== same) await supersede(p, `Replaced by a proposal of ${draft.key} ${draft.currentValue} → ${draft.proposedValue}`);
      if (same) {
        await tx.thresholdProposal.update({ where: { id: same.id }, data: { evidence: json(evidence), computedAt: opts.now, baseVersion: params.version } });
        summary.refreshed++;
        continue;
      }
      // An admin said no to exactly this change: do not ask again until the evidence points elsewhere.
      const declined = await tx.thresholdProposal.findFirst({ where: { status: "DISMISSED", ruleType: draft.ruleType, thresholdKey: draft.key, currentValue: draft.currentValue, proposedValue: draft.proposedValue } });
      if (declined) continue;
      const created = await tx.thresholdProposal.create({
        data: { ruleType: draft.ruleType, thresholdKey: draft.key, currentValue: draft.currentValue, proposedValue: draft.proposedValue, baseVersion: params.version, evidence: json(evidence), createdAt: opts.now, computedAt: opts.now },
      });
      audit.push({
        actorId: opts.actor.id,
        actorRole: opts.actor.role,
        action: "threshold_proposal.created",
        entityType: "ThresholdProposal",
        entityId: created.id,
        after: { ruleType: draft.ruleType, key: draft.key, currentValue: draft.currentValue, proposedValue: draft.proposedValue, baseVersion: params.version, suppressed: draft.suppressed },
      });
      summary.created++;
    }
    const proposed = new Set(drafts.map((d) => d.draft.ruleType));
    for (const p of open) {
      if (proposed.has(p.ruleType)) continue;
      const why = noProposal.find((n) => n.ruleType === p.ruleType)?.reason ?? "The rule's dismissal rate is no longer at the trigger.";
      await supersede(p, why);
    }
    if (audit.length > 0) await appendAudit(tx, audit);
  });
  return { rulesWithHistory: stats.length, triggered, ...summary, noProposal, configVersion: params.version, ms: Date.now() - started };
}

/** True when the stored overrides of a threshold equal those a proposal was computed with. */
export function sameOverrides(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? []) === canonicalJson(b ?? []);
}
