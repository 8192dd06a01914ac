/**
 * Detection entry point: snapshot + params → scored, grouped cases with a summary and ranked
 * recommendations (detect → group → score → recommend → sort). A scope (item-locations and/or
 * sales orders) runs only the rules' objects that can share a case with them and returns the same
 * drafts a full run returns for them (the incremental path).
 */
import type { CaseDraft, Finding } from "@/lib/domain/model/case-draft";
import type { Snapshot } from "@/lib/domain/model/snapshot";
import { buildCaseSummary } from "@/lib/domain/case/case-summary";
import { buildCaseTitle } from "@/lib/domain/case/case-title";
import { groupFindings, type FindingGroup } from "@/lib/domain/case/group-findings";
import { recommendActions } from "@/lib/domain/case/recommend-actions";
import { applyScope, buildIndexes, isBalanceStale, itemLocKey, type DetectionContext } from "@/lib/domain/detect/context";
import { locCode } from "@/lib/domain/detect/finding";
import { DETECTION_RULES } from "@/lib/domain/detect/rules";
import { masterDataProblems } from "@/lib/domain/detect/rules/master-data-invalid";
import { resolveScope, type DetectionScopeInput, type ResolvedScope } from "@/lib/domain/detect/scope";
import { DEFAULT_SCORING_PARAMS, type ScoringParams } from "@/lib/domain/score/config";
import { scoreCase, type ConfidenceInputs } from "@/lib/domain/score/score-case";
import { round } from "@/lib/domain/util/numbers";

export type { DetectionScopeInput } from "@/lib/domain/detect/scope";

const SEVERITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;

/** Source-level types: they depend on every case, so only full runs evaluate them. */
const FULL_RUN_ONLY_TYPES = new Set(["DATA_FEED_STALE"]);

/** Runs every registered rule and returns raw findings in a stable order. */
export function detectFindings(ctx: DetectionContext): Finding[] {
  return Object.keys(DETECTION_RULES)
    .sort()
    .filter((type) => ctx.scope === null || !FULL_RUN_ONLY_TYPES.has(type))
    .flatMap((type) => DETECTION_RULES[type](ctx));
}

/** Stale sources and master-data validity behind a case's findings, plus its oldest source timestamp. */
export function caseProvenance(ctx: DetectionContext, findings: readonly Finding[]): ConfidenceInputs & { dataAsOf: Date } {
  const stale = new Set<string>();
  let oldest = ctx.asOf;
  let invalid = false;
  const older = (d: Date | null | undefined) => {
    if (d && d < oldest) oldest = d;
  };
  for (const f of findings) {
    // The stale-feed and master-data cases are certain about their own finding.
    if (f.type === "DATA_FEED_STALE" || f.type === "MASTER_DATA_INVALID") continue;
    if (f.itemId) {
      const b = ctx.balancesByKey.get(itemLocKey(f.itemId, f.siteId));
      if (b) {
        if (isBalanceStale(ctx, b)) stale.add(b.sourceSystem);
        older(b.sourceUpdatedAt);
      }
      const item = ctx.itemsById.get(f.itemId);
      if (item && masterDataProblems(ctx, item).length > 0) invalid = true;
    }
    const poLineId = f.evidence.poLineId;
    const line = typeof poLineId === "string" ? ctx.poLinesById.get(poLineId) : undefined;
    if (line) {
      if (ctx.staleSources.has(line.sourceSystem)) stale.add(line.sourceSystem);
      older(ctx.sourcesByCode.get(line.sourceSystem)?.lastSuccessAt);
    }
  }
  return { staleSources: [...stale].sort(), invalidMasterData: invalid, dataAsOf: oldest };
}

/** Location codes a case touches, the case site first. */
function siteCodes(ctx: DetectionContext, findings: readonly Finding[]): string[] {
  const codes = findings.map((f) => locCode(ctx, f.siteId));
  return [...new Set(codes)];
}

/** Scores a group and builds its draft (title, summary, recommendations). */
function buildDraft(ctx: DetectionContext, g: FindingGroup): CaseDraft {
  const root = g.findings[0];
  const { dataAsOf, ...confidence } = caseProvenance(ctx, g.findings);
  const { score, slaDueAt } = scoreCase({ asOf: ctx.asOf, findings: g.findings, params: ctx.params, confidence });
  const title = buildCaseTitle(g.findings);
  const recommendations = recommendActions(ctx, g.findings);
  return {
    causeKey: g.causeKey,
    title,
    primaryType: root.type,
    siteId: root.siteId,
    itemId: root.itemId,
    supplierId: g.findings.find((f) => f.supplierId)?.supplierId ?? null,
    findings: g.findings,
    score,
    dataAsOf,
    slaDueAt,
    summary: buildCaseSummary({ title, findings: g.findings, score, slaDueAt, recommendations, siteCodes: siteCodes(ctx, g.findings) }),
    recommendations,
  };
}

/**
 * A stale feed's exposure is what depends on it: Σ (E_svc + E_fin) of the cases whose
 * confidence it lowered. Set on the feed finding before its case is scored.
 */
function withDependentExposure(g: FindingGroup, dependent: ReadonlyMap<string, { usd: number; cases: number }>): FindingGroup {
  return {
    ...g,
    findings: g.findings.map((f) => {
      if (f.type !== "DATA_FEED_STALE") return f;
      const d = dependent.get(String(f.evidence.sourceCode)) ?? { usd: 0, cases: 0 };
      const exposure = round(d.usd);
      return { ...f, exposure, evidence: { ...f.evidence, dependentCases: d.cases, dependentExposure: exposure }, impact: f.impact ? { ...f.impact, units: d.cases } : f.impact };
    }),
  };
}

/** Keys a finding is about, for selecting the drafts of an incremental run. */
function touches(ctx: DetectionContext, f: Finding, scope: ResolvedScope): boolean {
  if (f.itemId && scope.seedKeys.has(itemLocKey(f.itemId, f.siteId))) return true;
  if (f.type === "MASTER_DATA_INVALID" && f.itemId && scope.seedItems.has(f.itemId)) return true;
  const orderId = f.evidence.salesOrderId;
  if (f.type === "CREDIT_HOLD_BLOCKING" && typeof orderId === "string") {
    return (ctx.soLinesByOrder.get(orderId) ?? []).some((s) => scope.seedKeys.has(itemLocKey(s.itemId, s.locationId)));
  }
  return false;
}

/**
 * Detects, groups (one case per root cause), scores and sorts cases by score desc (ties: severity,
 * causeKey). With `scope`, evaluates only what can share a case with those item-locations / orders
 * and returns the cases touching them (stale-feed cases are left to full runs).
 */
export function runDetection(snapshot: Snapshot, params: ScoringParams = DEFAULT_SCORING_PARAMS, scope?: DetectionScopeInput): CaseDraft[] {
  const base = buildIndexes(snapshot, params);
  const resolved = scope && (scope.itemLocationKeys || scope.orderIds) ? resolveScope(base, scope) : null;
  const ctx = applyScope(base, resolved ? resolved.closure : null);
  const groups = groupFindings(detectFindings(ctx));

  const isFeed = (g: FindingGroup) => g.findings.every((f) => f.type === "DATA_FEED_STALE");
  const drafts = groups.filter((g) => !isFeed(g)).map((g) => buildDraft(ctx, g));
  const dependent = new Map<string, { usd: number; cases: number }>();
  for (const d of drafts) {
    const stale = d.score.terms.find((t) => t.code === "confidence")?.inputs.stale_sources;
    if (typeof stale !== "string") continue;
    for (const code of stale.split(", ")) {
      const cur = dependent.get(code) ?? { usd: 0, cases: 0 };
      dependent.set(code, { usd: cur.usd + d.score.serviceExposure + d.score.financialExposure, cases: cur.cases + 1 });
    }
  }
  for (const g of groups.filter(isFeed)) drafts.push(buildDraft(ctx, withDependentExposure(g, dependent)));

  const selected = resolved ? drafts.filter((d) => d.findings.some((f) => touches(ctx, f, resolved))) : drafts;
  return selected.sort(
    (a, b) => b.score.total - a.score.total || SEVERITY_RANK[a.score.severity] - SEVERITY_RANK[b.score.severity] || (a.causeKey < b.causeKey ? -1 : a.causeKey > b.causeKey ? 1 : 0),
  );
}
