"use client";
import Link from "next/link";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import { formatUsdCents } from "@/lib/case-view/format-score";
import { formatUsdCompact } from "@/lib/utils/format";
import type { WaterfallStep } from "@/lib/case-view/score-waterfall";

const COLORS: Record<WaterfallStep["kind"], string> = { add: "#2359b8", total: "#334155", factor: "#b45309" };

export const SCORE_FORMULA = "score = (E_svc + E_fin) × (0.5 + 0.5·U) × confidence";

/**
 * The score as a waterfall: service $ + financial $ = exposure, × urgency factor, × confidence =
 * score; every bar carries its value, and the same steps are available as a table. Names the
 * rules/weights version the case was scored with — a link for admins, who can open the settings.
 */
export function ScoreWaterfall({ steps, version, canOpenSettings }: { steps: WaterfallStep[]; version: number | string; canOpenSettings: boolean }) {
  const score = steps[steps.length - 1];
  const summary = `Score waterfall: ${steps.map((s) => `${s.label} ${s.text}`).join("; ")}.`;
  return (
    <Card title="Score, step by step" id="score-waterfall">
      <figure className="space-y-3" data-testid="score-waterfall">
        <div className="h-64 w-full" role="img" aria-label={`${summary} The table below lists the same steps.`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={steps} margin={{ top: 24, right: 12, bottom: 4, left: 4 }}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#334155" }} interval={0} />
              <YAxis tick={{ fontSize: 11, fill: "#334155" }} width={56} tickFormatter={(v: number) => formatUsdCompact(v)} />
              {/* Invisible base: lifts each step's bar to where the running total stands. */}
              <Bar dataKey="base" stackId="waterfall" fill="transparent" isAnimationActive={false} />
              <Bar dataKey="value" stackId="waterfall" isAnimationActive={false}>
                {steps.map((s) => (
                  <Cell key={s.key} fill={COLORS[s.kind]} />
                ))}
                <LabelList dataKey="text" position="top" fontSize={11} fill="#0f172a" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="text-xs text-slate-600">
          <span className="font-mono">{SCORE_FORMULA}</span> = <strong className="text-slate-800">{score ? formatUsdCents(score.value) : "—"}</strong>.{" "}
          <span data-testid="waterfall-version">
            {canOpenSettings ? (
              <Link href="/admin/detection#versions" className="text-brand-700 underline underline-offset-2">
                Rules/weights version {String(version)}
              </Link>
            ) : (
              <>Rules/weights version {String(version)}</>
            )}
          </span>
        </figcaption>
        <details className="text-xs">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">Show the steps as a table</summary>
          <table className="mt-2 w-full text-left" data-testid="waterfall-table">
            <caption className="sr-only">Score waterfall steps with their change and running total</caption>
            <thead className="text-slate-600">
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-3 font-medium">Step</th>
                <th scope="col" className="py-1 pr-3 font-medium">Change</th>
                <th scope="col" className="py-1 text-right font-medium">Running total</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.key} className="border-b border-slate-100">
                  <th scope="row" className="py-1 pr-3 font-medium text-slate-800">{s.label}</th>
                  <td className="py-1 pr-3 tabular-nums text-slate-800">{s.text}</td>
                  <td className="py-1 text-right tabular-nums text-slate-900">{formatUsdCents(s.end)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
    </Card>
  );
}
