"use client";

import { useId } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useProposeDraft } from "@/components/cases/propose-draft";
import { formatImpact } from "@/lib/case-view/format-score";
import { proposalDraft } from "@/lib/case-view/recommendations";
import { describeHistory, LEVEL_LABELS, type LevelStats, type RankedRecommendation, type RecommendationHistory } from "@/lib/domain/learning/similar-cases";
import { humanize } from "@/lib/utils/format";

/** Reasons are lower-case clauses, or a list of exception codes for supplier chases. */
function reasonText(reason: string): string {
  if (!reason) return "";
  if (/^[A-Z_]+(, [A-Z_]+)*$/.test(reason)) return `Findings: ${reason.split(", ").map(humanize).join(", ")}.`;
  const s = reason.charAt(0).toUpperCase() + reason.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export interface RecommendationHistoryBasis {
  /** The similarity level the history comes from; null when too few similar cases were resolved. */
  level: LevelStats | null;
  /** Proven action types none of the options offers (see rerankByHistory). */
  unlisted: RecommendationHistory[];
  /** The history could not be loaded (the engine's order is shown). */
  failed: boolean;
}

/** One line above the list: where the ranking comes from. */
function historyNote(h: RecommendationHistoryBasis, anyProven: boolean): string {
  if (h.failed) return "The outcomes of similar past cases could not be loaded; options are ranked by expected $ recovered.";
  if (!h.level) return "Too few similar cases were resolved in the last 12 months to learn from; options are ranked by expected $ recovered.";
  const basis = `History: ${h.level.cases} similar cases resolved in the last 12 months (${LEVEL_LABELS[h.level.level]}).`;
  return anyProven
    ? `${basis} Options that resolved enough of them come first, fastest first; the rest follow by expected $ recovered.`
    : `${basis} No option resolved enough of them to move up; options are ranked by expected $ recovered.`;
}

/**
 * Ranked recommendations with their expected impact and, for executable ones, what resolved similar
 * past cases. Executable ones get a "Propose" button that pre-fills the propose-action form; the
 * planner reviews and submits, the server validates.
 */
export function RecommendedActions({
  recommendations,
  history,
  canPropose,
  closedReason,
}: {
  recommendations: RankedRecommendation[];
  history: RecommendationHistoryBasis;
  /** The viewer may propose and the case takes a new action now. */
  canPropose: boolean;
  /** Shown instead of the buttons when the viewer could propose but the case is not open. */
  closedReason: string | null;
}) {
  const ctx = useProposeDraft();
  const uid = useId();
  return (
    <Card title={`Recommended actions (${recommendations.length})`} id="recommendations">
      {recommendations.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="recommendations-empty">
          The engine has no recommendation for this case. Use the evidence and the propose form to decide.
        </p>
      ) : (
        <div className="space-y-3">
          {closedReason && <p className="text-xs text-slate-600">{closedReason}</p>}
          <p className={history.failed ? "text-xs text-rose-800" : "text-xs text-slate-600"} role={history.failed ? "alert" : undefined} data-testid="recommendations-basis">
            {historyNote(history, recommendations.some((r) => r.history?.proven))}
          </p>
          {history.unlisted.length > 0 && (
            <p className="text-xs text-slate-700" data-testid="recommendations-unlisted">
              Not among these options: {history.unlisted.map((h) => `${describeHistory(h)}`).join("; ")}. Consider it with the propose form.
            </p>
          )}
          <ol className="divide-y divide-slate-100" aria-label="Recommended actions, best first" data-testid="recommendations">
            {recommendations.map((r) => {
              const draft = proposalDraft(r);
              const impact = formatImpact(r.impact);
              const labelId = `${uid}-rec-${r.rank}`;
              return (
                <li key={`${r.rank}-${r.code}`} className="flex gap-3 py-3 first:pt-0 last:pb-0" data-testid="recommendation" data-rank={r.rank} data-code={r.code} data-action-type={r.actionType ?? ""}>
                  <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-700" aria-hidden>
                    {r.rank}
                  </span>
                  <div className="min-w-0 flex-1 space-y-1.5">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="sr-only">Rank {r.rank}:</span>
                      <p id={labelId} className="text-sm font-medium text-slate-900" data-testid="recommendation-label">
                        {r.label}
                      </p>
                      {r.actionType ? (
                        <Badge className="bg-brand-50 text-brand-700 ring-brand-100">{humanize(r.actionType)}</Badge>
                      ) : (
                        <Badge className="bg-slate-100 text-slate-700 ring-slate-300">Advice</Badge>
                      )}
                    </div>
                    {r.reason && <p className="text-sm text-slate-700">{reasonText(r.reason)}</p>}
                    {r.history && (
                      <p className="text-xs text-slate-700" data-testid="recommendation-history" data-proven={r.history.proven || undefined}>
                        <span className="font-medium">{describeHistory(r.history)}</span> ({LEVEL_LABELS[r.history.level]})
                        {r.rank < r.engineRank && <span className="text-slate-600"> · moved up from #{r.engineRank}</span>}
                      </p>
                    )}
                    <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs" data-testid="recommendation-impact">
                      <div className="flex gap-1">
                        <dt className="text-slate-600">Units recovered</dt>
                        <dd className="font-medium tabular-nums text-slate-900" data-testid="impact-units">{impact.units}</dd>
                      </div>
                      <div className="flex gap-1">
                        <dt className="text-slate-600">$ recovered</dt>
                        <dd className="font-medium tabular-nums text-slate-900" data-testid="impact-usd">{impact.usd}</dd>
                      </div>
                      <div className="flex gap-1">
                        <dt className="text-slate-600">Days gained</dt>
                        <dd className="font-medium tabular-nums text-slate-900" data-testid="impact-days">{impact.days}</dd>
                      </div>
                    </dl>
                    {!draft && <p className="text-xs text-slate-600">Advice: do this outside the workbench (no action to approve here).</p>}
                  </div>
                  {draft && canPropose && ctx && (
                    <div className="shrink-0 self-start">
                      <Button type="button" variant="secondary" aria-describedby={labelId} data-testid="recommendation-propose" onClick={() => ctx.propose(draft)}>
                        Propose
                      </Button>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </Card>
  );
}
