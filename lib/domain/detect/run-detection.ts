/** Detection entry point: snapshot + params → scored, grouped cases (detect all → group → score → sort). */
import type { CaseDraft, Finding } from "@/lib/domain/model/case-draft";
import type { Snapshot } from "@/lib/domain/model/snapshot";
import { buildCaseTitle } from "@/lib/domain/case/case-title";
import { groupFindings } from "@/lib/domain/case/group-findings";
import { buildDetectionContext, isBalanceStale, itemLocKey, type DetectionContext } from "@/lib/domain/detect/context";
import { DETECTION_RULES } from "@/lib/domain/detect/rules";
import { masterDataProblems } from "@/lib/domain/detect/rules/master-data-invalid";
import { DEFAULT_SCORING_PARAMS, type ScoringParams } from "@/lib/domain/score/config";
import { scoreCase, type ConfidenceInputs } from "@/lib/domain/score/score-case";

const SEVERITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;

/** Runs every registered rule and returns raw findings in a stable order. */
export function detectFindings(ctx: DetectionContext): Finding[] {
  return Object.keys(DETECTION_RULES)
    .sort()
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

/** Detects, groups (one case per root cause), scores and sorts cases by score desc (ties: severity, causeKey). */
export function runDetection(snapshot: Snapshot, params: ScoringParams = DEFAULT_SCORING_PARAMS): CaseDraft[] {
  const ctx = buildDetectionContext(snapshot, params);
  const groups = groupFindings(detectFindings(ctx));
  const drafts = groups.map((g): CaseDraft => {
    const root = g.findings[0];
    const { dataAsOf, ...confidence } = caseProvenance(ctx, g.findings);
    const { score, slaDueAt } = scoreCase({ asOf: snapshot.asOf, findings: g.findings, params, confidence });
    return {
      causeKey: g.causeKey,
      title: buildCaseTitle(g.findings),
      primaryType: root.type,
      siteId: root.siteId,
      itemId: root.itemId,
      supplierId: g.findings.find((f) => f.supplierId)?.supplierId ?? null,
      findings: g.findings,
      score,
      dataAsOf,
      slaDueAt,
    };
  });
  return drafts.sort(
    (a, b) => b.score.total - a.score.total || SEVERITY_RANK[a.score.severity] - SEVERITY_RANK[b.score.severity] || a.causeKey.localeCompare(b.causeKey),
  );
}
