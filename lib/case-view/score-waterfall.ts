/**
 * The score as a waterfall: service $ + financial $ = exposure, × urgency factor, × confidence =
 * score. Each step is a floating bar from `base` to `base + value`; totals start at zero. Built from
 * the same arithmetic the score table shows, so chart, table and written-out line agree.
 */
import type { ScoreArithmetic } from "@/lib/case-view/score-explanation";
import { formatFactor, formatUsdCents } from "@/lib/case-view/format-score";

export type WaterfallKind = "add" | "total" | "factor";

export interface WaterfallStep {
  key: "service" | "financial" | "exposure" | "urgency" | "confidence" | "score";
  label: string;
  kind: WaterfallKind;
  /** Bottom of the floating bar ($). */
  base: number;
  /** Height of the bar ($, never negative). */
  value: number;
  /** Running total after this step ($). */
  end: number;
  /** The bar's label: "+$1,234.00", "× 0.8125 (−$250.00)", "$1,234.00". */
  text: string;
}

/** Floating bar between two running totals, whichever is lower at the bottom. */
const between = (from: number, to: number) => ({ base: Math.min(from, to), value: Math.abs(to - from) });

function factorText(factor: number, from: number, to: number): string {
  const delta = to - from;
  const sign = delta < 0 ? "−" : "+";
  return `× ${formatFactor(factor)} (${sign}${formatUsdCents(Math.abs(delta))})`;
}

/** The six bars of the score waterfall, in order. */
export function scoreWaterfall(a: ScoreArithmetic): WaterfallStep[] {
  const svc = a.serviceExposure;
  const exposure = svc + a.financialExposure;
  const urgent = exposure * a.urgencyFactor;
  const scored = urgent * a.confidence;
  return [
    { key: "service", label: "Service $", kind: "add", ...between(0, svc), end: svc, text: `+${formatUsdCents(svc)}` },
    { key: "financial", label: "Financial $", kind: "add", ...between(svc, exposure), end: exposure, text: `+${formatUsdCents(a.financialExposure)}` },
    { key: "exposure", label: "Exposure", kind: "total", base: 0, value: exposure, end: exposure, text: formatUsdCents(exposure) },
    { key: "urgency", label: "× Urgency factor", kind: "factor", ...between(exposure, urgent), end: urgent, text: factorText(a.urgencyFactor, exposure, urgent) },
    { key: "confidence", label: "× Confidence", kind: "factor", ...between(urgent, scored), end: scored, text: factorText(a.confidence, urgent, scored) },
    // The stored total is what the case ranks by; the arithmetic note explains any cent-level gap.
    { key: "score", label: "Score", kind: "total", base: 0, value: a.total, end: a.total, text: formatUsdCents(a.total) },
  ];
}
