import Link from "next/link";
import type { ProposalView } from "@/lib/server/dal/rule-tuning";
import type { CaseRef, CandidateResult } from "@/lib/domain/learning/propose-threshold";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils/cn";
import { formatDateTime, formatPercent, formatUsd, humanize } from "@/lib/utils/format";
import { formatThreshold, thresholdLabel } from "./format";
import { ProposalDecision } from "./proposal-decision";

function CaseLinks({ refs, thresholdKey, empty }: { refs: CaseRef[]; thresholdKey: string; empty: string }) {
  if (refs.length === 0) return <span className="text-slate-600">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1">
      {refs.map((c) => (
        <li key={c.id}>
          <Link href={`/cases/${c.id}`} className="text-brand-700 underline underline-offset-2">
            #{c.number}
          </Link>{" "}
          <span className="text-slate-600">
            ({formatThreshold(thresholdKey, c.value)}, {formatUsd(c.exposure)})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Every replayed threshold: what it would have suppressed and whether it stays within the limits. */
function CandidateTable({ candidates, proposed, thresholdKey }: { candidates: CandidateResult[]; proposed: number; thresholdKey: string }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Replayed values of ${thresholdLabel(thresholdKey)}`}>
      <table className="w-full min-w-[32rem] text-xs" data-testid="proposal-candidates">
        <caption className="sr-only">What each replayed threshold would have suppressed</caption>
        <thead className="text-left text-slate-600">
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1 pr-3 font-medium">{thresholdLabel(thresholdKey)}</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Dismissed suppressed</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Acted on lost</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Other suppressed</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">$ suppressed</th>
            <th scope="col" className="py-1 font-medium">Within limits</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c) => {
            const chosen = c.threshold === proposed;
            return (
              <tr key={c.threshold} className={cn("border-b border-slate-100", chosen && "bg-brand-50 font-medium")} data-chosen={chosen || undefined}>
                <td className="py-1 pr-3">
                  {formatThreshold(thresholdKey, c.threshold)}
                  {chosen && <span className="text-brand-700"> (proposed)</span>}
                </td>
                <td className="py-1 pr-3 text-right tabular-nums">{c.suppressed.dismissed}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{c.suppressed.actedOn}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{c.suppressed.noAction + c.suppressed.cleared + c.suppressed.excluded}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{formatUsd(c.suppressed.usd)}</td>
                <td className="py-1">{c.eligible ? "yes" : "no"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** An open proposal: the change, the evidence it rests on (counts, $, example cases, every replayed value) and the decision. */
export function ProposalCard({ p }: { p: ProposalView }) {
  if (!p.evidence) {
    return (
      <article className="rounded-md border border-slate-200 p-4 text-sm" data-testid="proposal" data-rule={p.ruleType} data-proposal-id={p.id}>
        <p className="font-semibold text-slate-900">
          {humanize(p.ruleType)}: {thresholdLabel(p.thresholdKey)} {formatThreshold(p.thresholdKey, p.currentValue)} → {formatThreshold(p.thresholdKey, p.proposedValue)}
        </p>
        <p className="text-rose-800">The evidence of this proposal cannot be read, so it cannot be accepted. Recompute the proposals.</p>
      </article>
    );
  }
  const e = p.evidence;
  const d = e.draft;
  const s = d.suppressed;
  const o = e.outcomes;
  const label = thresholdLabel(p.thresholdKey);
  const headingId = `proposal-${p.id}-title`;
  return (
    <article className="space-y-3 rounded-md border border-slate-200 p-4" aria-labelledby={headingId} data-testid="proposal" data-rule={p.ruleType} data-proposal-id={p.id}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            {humanize(p.ruleType)}: raise {label} from {formatThreshold(p.thresholdKey, p.currentValue)} to {formatThreshold(p.thresholdKey, p.proposedValue)}
          </h3>
          <p className="text-xs text-slate-600">
            Computed {formatDateTime(p.computedAt)} against scoring version {p.baseVersion}; first proposed {formatDateTime(p.createdAt)}.
          </p>
        </div>
        <Badge className="bg-amber-50 text-amber-800 ring-amber-300">Open</Badge>
      </header>
      <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-slate-700">Why</dt>
        <dd className="text-slate-800" data-testid="proposal-why">
          In the last {e.window.days} days {o.judged} of this rule&apos;s cases were judged: {o.counts.DISMISSED} dismissed as not an issue ({formatPercent(o.dismissalRate)}),{" "}
          {o.counts.ACTED_ON} acted on, {o.counts.NO_ACTION} closed without action. {o.counts.CLEARED} more cleared on their own (not judged).
        </dd>
        <dt className="font-medium text-slate-700">Replay</dt>
        <dd className="text-slate-800" data-testid="proposal-suppressed">
          At {formatThreshold(p.thresholdKey, p.proposedValue)} it would have suppressed {s.cases} past case{s.cases === 1 ? "" : "s"} worth {formatUsd(s.usd)}: {s.dismissed} dismissed (
          {formatUsd(s.dismissedUsd)}), {s.actedOn} acted on ({formatUsd(s.actedOnUsd)}), {s.noAction} closed without action, {s.cleared} cleared on their own.
        </dd>
        <dt className="font-medium text-slate-700">Cost</dt>
        <dd className={cn(s.actedOn > 0 ? "text-rose-800" : "text-slate-800")} data-testid="proposal-cost">
          {s.actedOn === 0
            ? `No acted-on case would have been suppressed (limit: ${d.allowedActedOnLoss}).`
            : `${s.actedOn} acted-on case${s.actedOn === 1 ? "" : "s"} worth ${formatUsd(s.actedOnUsd)} would have been missed (limit: ${d.allowedActedOnLoss}).`}{" "}
          Still raised: {d.population.dismissed - s.dismissed} dismissed and {d.population.actedOn - s.actedOn} acted-on case(s).
          {(d.notReplayable > 0 || d.alreadySuppressed > 0) && (
            <span className="block text-xs text-slate-600">
              {d.notReplayable > 0 && `${d.notReplayable} case(s) without a stored comparison were left out. `}
              {d.alreadySuppressed > 0 && `${d.alreadySuppressed} case(s) are already suppressed by today's settings.`}
            </span>
          )}
        </dd>
        <dt className="font-medium text-slate-700">Dismissed, suppressed</dt>
        <dd className="text-xs">
          <CaseLinks refs={d.dismissedSuppressed} thresholdKey={p.thresholdKey} empty="none" />
        </dd>
        <dt className="font-medium text-slate-700">Acted on, lost</dt>
        <dd className="text-xs">
          <CaseLinks refs={d.actedOnLost} thresholdKey={p.thresholdKey} empty="none" />
        </dd>
      </dl>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">Every replayed value ({d.candidates.length})</summary>
        <div className="mt-2">
          <CandidateTable candidates={d.candidates} proposed={p.proposedValue} thresholdKey={p.thresholdKey} />
        </div>
      </details>
      <ProposalDecision id={p.id} title={`${label} ${formatThreshold(p.thresholdKey, p.currentValue)} → ${formatThreshold(p.thresholdKey, p.proposedValue)}`} />
    </article>
  );
}
