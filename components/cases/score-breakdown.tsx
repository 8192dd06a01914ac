import { Card, Notice } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";
import { formatUsd, humanize } from "@/lib/utils/format";
import { formatFactor, formatUsdCents } from "@/lib/case-view/format-score";
import type { ComponentGroup, ExplainedInput, ExplainedScore } from "@/lib/case-view/score-explanation";

/** Named inputs as a compact definition list ("Unit margin (unit_margin) $22.54"). */
function Inputs({ inputs }: { inputs: ExplainedInput[] }) {
  if (inputs.length === 0) return <span className="text-slate-600">—</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
      {inputs.map((i) => (
        <div key={i.name} className="contents">
          <dt className="text-slate-600">
            {i.label} <code className="text-[0.7rem] text-slate-600">{i.name}</code>
          </dt>
          <dd className="break-words tabular-nums text-slate-800">{i.text}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The written-out product with the case's own numbers; each number carries a testid so it can be checked. */
function Arithmetic({ e, score }: { e: ExplainedScore; score: number }) {
  const a = e.arithmetic;
  return (
    <div className="space-y-0.5 rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 sm:text-sm" data-testid="score-arithmetic">
      <p>score = (E_svc + E_fin) × (0.5 + 0.5·U) × confidence</p>
      <p>
        = (<span data-testid="arith-service">{formatUsdCents(a.serviceExposure)}</span> + <span data-testid="arith-financial">{formatUsdCents(a.financialExposure)}</span>) × (0.5 + 0.5 ×{" "}
        <span data-testid="arith-u">{formatFactor(a.urgency)}</span>) × <span>{formatFactor(a.confidence)}</span>
      </p>
      <p>
        = {formatUsdCents(a.serviceExposure + a.financialExposure)} × <span data-testid="arith-urgency-factor">{formatFactor(a.urgencyFactor)}</span> ×{" "}
        <span data-testid="arith-confidence">{formatFactor(a.confidence)}</span> = <strong data-testid="arith-total">{formatUsdCents(a.total)}</strong>
      </p>
      {!a.consistent && (
        <p className="mt-1 font-sans text-amber-800">
          The stored total differs from the product of its parts ({formatUsdCents(a.recomputed)}); the case will be corrected at the next detection run.
        </p>
      )}
      {Math.abs(a.total - score) > 0.5 && <p className="mt-1 font-sans text-amber-800">The case&apos;s ranking score {formatUsd(score)} differs from this explanation.</p>}
    </div>
  );
}

/** One exposure's per-finding components and their sum against the exposure. */
function ComponentTable({ g }: { g: ComponentGroup }) {
  return (
    <table className="w-full text-left text-xs" data-testid={`score-components-${g.kind.toLowerCase()}`}>
      <caption className="pb-1 text-left text-sm font-semibold text-slate-800">
        {g.label}: {g.rows.length} counted {g.rows.length === 1 ? "impact" : "impacts"}
      </caption>
      <thead className="text-slate-600">
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-1 pr-3 font-medium">Finding</th>
          <th scope="col" className="py-1 pr-3 font-medium">Formula and inputs</th>
          <th scope="col" className="py-1 text-right font-medium">Value</th>
        </tr>
      </thead>
      <tbody>
        {g.rows.length === 0 ? (
          <tr>
            <td colSpan={3} className="py-1.5 text-slate-600">None.</td>
          </tr>
        ) : (
          g.rows.map((r) => (
            <tr key={r.key} className="border-b border-slate-100 align-top" data-testid="score-component">
              <td className="py-1.5 pr-3 font-medium text-slate-800">{r.typeLabel}</td>
              <td className="space-y-1 py-1.5 pr-3">
                <p className="font-mono text-slate-700">{r.formula}</p>
                <Inputs inputs={r.inputs} />
              </td>
              <td className="py-1.5 text-right tabular-nums text-slate-900" data-testid="component-value">{formatUsdCents(r.value)}</td>
            </tr>
          ))
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2} className="py-1.5 pr-3 text-right font-medium text-slate-700">
            Σ = {g.label.toLowerCase()}
          </th>
          <td className={cn("py-1.5 text-right font-semibold tabular-nums", g.matches ? "text-slate-900" : "text-amber-800")} data-testid="component-sum">
            {formatUsdCents(g.sum)}
            {!g.matches && <span className="block font-normal">exposure is {formatUsdCents(g.exposure)}</span>}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/**
 * "Why this score": the product written out with the case's numbers, each term with its formula and
 * inputs, the per-finding components that add up to the exposures, and the rules/weights version.
 */
export function ScoreBreakdown({ explained: e, score }: { explained: ExplainedScore; score: number }) {
  return (
    <Card title="Why this score" id="score-explanation">
      <div className="space-y-5">
        <Arithmetic e={e} score={score} />

        {/* Focusable so keyboard users can scroll the wide table on narrow screens. */}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Score terms">
          <table className="w-full min-w-[36rem] text-left text-xs" data-testid="score-terms">
            <caption className="sr-only">Score terms with formula, inputs and value</caption>
            <thead className="text-slate-600">
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-3 font-medium">Term</th>
                <th scope="col" className="py-1 pr-3 font-medium">Formula</th>
                <th scope="col" className="py-1 pr-3 font-medium">Inputs</th>
                <th scope="col" className="py-1 text-right font-medium">Value</th>
              </tr>
            </thead>
            <tbody>
              {e.terms.map((t) => (
                <tr key={t.code} className="border-b border-slate-100 align-top" data-testid={`score-term-${t.code}`}>
                  <th scope="row" className="py-2 pr-3 text-sm font-medium text-slate-800">{t.label}</th>
                  <td className="py-2 pr-3 font-mono text-slate-700">{t.formula}</td>
                  <td className="py-2 pr-3">
                    <Inputs inputs={t.inputs} />
                  </td>
                  <td className="py-2 text-right text-sm font-semibold tabular-nums text-slate-900" data-testid="term-value">
                    {t.unit === "factor" ? `× ${t.text}` : t.text}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        {e.components ? (
          <div className="space-y-4" data-testid="score-components">
            <p className="text-xs text-slate-600">Each exposure is the sum of the distinct impacts it counts; an impact shared by several findings is counted once.</p>
            {e.components.map((g) => (
              <div key={g.kind} className="overflow-x-auto" tabIndex={0} role="region" aria-label={`${g.kind} components`}>
                <ComponentTable g={g} />
              </div>
            ))}
          </div>
        ) : (
          <Notice tone="info">This score was stored before per-finding components were recorded, so the exposures are shown as totals only.</Notice>
        )}

        <div className="grid gap-4 text-sm md:grid-cols-2">
          <div className="space-y-1">
            <h3 className="text-sm font-semibold text-slate-800">Severity</h3>
            <p className="text-slate-700">
              {humanize(e.severity)}
              {e.severityReason ? `: ${e.severityReason}` : ""}
            </p>
            <p className="text-xs text-slate-600" data-testid="score-version">
              Rules/weights version {String(e.version)}
            </p>
          </div>
          {e.vector.length > 0 && (
            <details className="text-xs">
              <summary className="cursor-pointer text-sm font-semibold text-slate-800">Explanation vector ({e.vector.length} values)</summary>
              <div className="mt-2">
                <Inputs inputs={e.vector} />
              </div>
            </details>
          )}
        </div>
      </div>
    </Card>
  );
}
