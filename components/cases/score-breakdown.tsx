import { Card } from "@/components/ui/card";
import type { ScoreExplanation, ScoreTerm } from "@/lib/domain/model/case-draft";
import { formatNumber, formatUsd, humanize } from "@/lib/utils/format";

const VECTOR_LABELS: Record<string, string> = {
  Q_short: "Q_short (units short at worst point)",
  t_star: "t* (first shortage date)",
  eta: "ETA of covering inbound",
  gap_days: "Gap days (ETA − t*)",
  units_short: "Units short",
  unit_margin: "Unit margin",
  penalty: "Penalty per unit",
  tier_weight: "Customer tier weight",
  U: "U (urgency 0–1)",
  confidence: "Confidence",
  rule_version: "Rule/config version",
};

const MONEY_KEYS = new Set(["unit_margin", "penalty", "unit_cost"]);

/** A term input or vector value as text. */
function formatValue(key: string, v: number | string | null | undefined): string {
  if (v == null || v === "") return "—";
  if (typeof v === "number") return MONEY_KEYS.has(key) ? formatUsd(v) : formatNumber(v);
  return v;
}

const fmtFactor = (v: number) => v.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");

type Step = { term: ScoreTerm; before: number; after: number };

/** Walk the terms in order: $ terms add to the running exposure, factor terms multiply it. */
function walk(terms: ScoreTerm[]): { steps: Step[]; peak: number } {
  let running = 0;
  let peak = 0;
  const steps = terms.map((term) => {
    const before = running;
    running = term.unit === "USD" ? running + term.value : running * term.value;
    peak = Math.max(peak, before, running);
    return { term, before, after: running };
  });
  return { steps, peak };
}

/**
 * The score written out with the case's own numbers, then each term as a waterfall bar with its
 * formula and inputs, so a planner can recompute it by hand.
 */
export function ScoreBreakdown({ explanation: x, score }: { explanation: ScoreExplanation; score: number }) {
  const terms = x.terms ?? [];
  const { steps, peak } = walk(terms);
  const factor = 0.5 + 0.5 * x.urgency;
  const scale = (v: number) => `${peak > 0 ? Math.max(0, Math.min(100, (v / peak) * 100)) : 0}%`;
  return (
    <Card title="Why this score" id="score-explanation">
      <div className="space-y-4">
        <div className="rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 sm:text-sm">
          <p>score = (service exposure + financial exposure) × (0.5 + 0.5 × urgency) × confidence</p>
          <p>
            = ({formatUsd(x.serviceExposure)} + {formatUsd(x.financialExposure)}) × (0.5 + 0.5 × {fmtFactor(x.urgency)}) × {fmtFactor(x.confidence)}
          </p>
          <p>
            = {formatUsd(x.serviceExposure + x.financialExposure)} × {fmtFactor(factor)} × {fmtFactor(x.confidence)} ={" "}
            <strong>{formatUsd(x.total)}</strong>
          </p>
          {Math.abs(x.total - score) > 0.5 && <p className="mt-1 text-amber-700">Stored score {formatUsd(score)} differs from this explanation by more than $0.50.</p>}
        </div>

        <ol className="space-y-4" aria-label="Score terms in order of application">
          {steps.map(({ term, before, after }) => {
            const isUsd = term.unit === "USD";
            const lo = Math.min(before, after);
            const hi = Math.max(before, after);
            return (
              <li key={term.code} data-testid={`score-term-${term.code}`} className="space-y-1.5">
                <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                  <span className="font-medium text-slate-800">
                    {isUsd ? "+ " : "× "}
                    {term.label}
                  </span>
                  <span className="tabular-nums text-slate-900">
                    {isUsd ? formatUsd(term.value) : `× ${fmtFactor(term.value)}`}
                    <span className="ml-2 text-xs text-slate-500">running {formatUsd(after)}</span>
                  </span>
                </div>
                <div className="relative h-4 rounded bg-slate-100" aria-hidden>
                  {isUsd ? (
                    <div className="absolute inset-y-0 rounded bg-brand-500" style={{ left: scale(before), width: `calc(${scale(after)} - ${scale(before)})` }} />
                  ) : (
                    <>
                      <div className="absolute inset-y-0 left-0 rounded-l bg-slate-400" style={{ width: scale(lo) }} />
                      <div className="absolute inset-y-0 border border-dashed border-rose-400 bg-rose-100" style={{ left: scale(lo), width: `calc(${scale(hi)} - ${scale(lo)})` }} />
                    </>
                  )}
                </div>
                <p className="font-mono text-xs text-slate-600">{term.formula}</p>
                <InputsTable inputs={term.inputs} caption={`Inputs of ${term.label}`} />
              </li>
            );
          })}
        </ol>

        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-semibold text-slate-800">Explanation vector</h3>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
              {Object.entries(x.vector ?? {}).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-500">{VECTOR_LABELS[k] ?? humanize(k)}</dt>
                  <dd className="tabular-nums text-slate-800">{formatValue(k, v)}</dd>
                </div>
              ))}
            </dl>
          </div>
          <div className="space-y-2 text-sm">
            <h3 className="text-sm font-semibold text-slate-800">Severity</h3>
            <p className="text-slate-700">
              {humanize(x.severity)}: {x.severityReason}
            </p>
            <p className="text-xs text-slate-500">Scoring config version {x.configVersion}</p>
          </div>
        </div>
      </div>
    </Card>
  );
}

function InputsTable({ inputs, caption }: { inputs: ScoreTerm["inputs"]; caption: string }) {
  const rows = Object.entries(inputs ?? {});
  if (!rows.length) return null;
  return (
    <table className="w-full max-w-xl text-xs">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k} className="border-t border-slate-100">
            <th scope="row" className="py-0.5 pr-3 text-left font-normal text-slate-500">
              {k}
            </th>
            <td className="py-0.5 tabular-nums text-slate-800 break-all">{formatValue(k, v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
