import type { RuleRow } from "@/lib/server/dal/rule-tuning";
import { formatDate, formatPercent, formatUsd, humanize } from "@/lib/utils/format";
import { formatThreshold, thresholdLabel } from "./format";

/** What the learning loop makes of a rule, in words. */
function status(r: RuleRow, hasProposal: boolean): string {
  const t = r.trigger;
  const d = r.lastDecision;
  if (hasProposal) return "Often dismissed: proposal open";
  // Past dismissals stay in the counts until they leave the window, so a tuned rule can still look noisy.
  if (d?.status === "ACCEPTED" && r.threshold && d.proposedValue === r.threshold.value) {
    return `Tuned to ${formatThreshold(r.threshold.key, d.proposedValue)} in version ${d.acceptedVersion ?? "?"} (${formatDate(d.decidedAt)}); earlier cases still count`;
  }
  if (t.state === "SMALL_SAMPLE") return r.stats.judged === 0 ? "No judged cases" : `Too few judged cases (${t.judged} of ${t.needed})`;
  if (t.state === "BELOW_RATE") return "Below the dismissal trigger";
  if (!r.threshold) return "Often dismissed; no numeric threshold to tune";
  if (d?.status === "DISMISSED") return `Often dismissed; a proposal was dismissed on ${formatDate(d.decidedAt)}`;
  return "Often dismissed; no open proposal (recompute to replay it)";
}

/** Per rule: resolved cases by outcome over the window, the dismissal rate and what the learning loop makes of it. */
export function RuleOutcomesTable({ rules, openRules }: { rules: RuleRow[]; openRules: Set<string> }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Outcomes per rule">
      <table className="w-full min-w-[56rem] text-sm" data-testid="rule-outcomes">
        <caption className="sr-only">Resolved cases per rule by outcome; rates are over judged cases</caption>
        <thead className="text-left text-xs text-slate-600">
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1.5 pr-3 font-medium">Rule</th>
            <th scope="col" className="py-1.5 pr-3 text-right font-medium">Judged</th>
            <th scope="col" className="py-1.5 pr-3 text-right font-medium">Dismissed</th>
            <th scope="col" className="py-1.5 pr-3 text-right font-medium">Without action</th>
            <th scope="col" className="py-1.5 pr-3 text-right font-medium">Acted on</th>
            <th scope="col" className="py-1.5 pr-3 text-right font-medium">Cleared on its own</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Threshold today</th>
            <th scope="col" className="py-1.5 font-medium">Tuning</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rules.map((r) => {
            const s = r.stats;
            const cell = (n: number, rate: number | null, usd: number) => (
              <>
                <span className="whitespace-nowrap">
                  <span className="font-medium">{n}</span>
                  {rate !== null && <span className="text-slate-600"> · {formatPercent(rate)}</span>}
                </span>
                {n > 0 && <span className="block text-xs text-slate-600">{formatUsd(usd)}</span>}
              </>
            );
            return (
              <tr key={s.ruleType} data-testid="rule-outcome-row" data-rule={s.ruleType} className="align-top">
                <th scope="row" className="py-1.5 pr-3 text-left font-medium text-slate-900">{humanize(s.ruleType)}</th>
                <td className="py-1.5 pr-3 text-right tabular-nums">{s.judged}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums" data-testid="dismissed-cell">{cell(s.counts.DISMISSED, s.dismissalRate, s.usd.DISMISSED)}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{cell(s.counts.NO_ACTION, s.noActionRate, s.usd.NO_ACTION)}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{cell(s.counts.ACTED_ON, s.actedOnRate, s.usd.ACTED_ON)}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{s.counts.CLEARED}</td>
                <td className="py-1.5 pr-3 text-xs text-slate-700">{r.threshold ? `${thresholdLabel(r.threshold.key)}: ${formatThreshold(r.threshold.key, r.threshold.value)}` : "—"}</td>
                <td className="py-1.5 text-xs text-slate-700" data-testid="rule-tuning-status">{status(r, openRules.has(s.ruleType))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
