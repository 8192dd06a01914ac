/**
 * What an approver needs beside the request itself, read from the case's stored data: the key
 * evidence (units short, first stock-out date) and the expected impact of the engine's
 * recommendation of the same action type, when there is one.
 */
import type { Recommendation } from "@/lib/domain/model/case-draft";

export type KeyEvidence = { shortageUnits: number | null; firstStockout: string | null };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const date = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);

/** Units short at the worst point and the first stock-out date, from the score's explanation vector. */
export function keyEvidence(explanation: unknown): KeyEvidence {
  const vector = explanation && typeof explanation === "object" ? ((explanation as { vector?: unknown }).vector ?? {}) : {};
  const v = vector && typeof vector === "object" ? (vector as Record<string, unknown>) : {};
  return { shortageUnits: num(v.Q_short) ?? num(v.units_short), firstStockout: date(v.t_star) ?? date(v.shortage_date) };
}

export type ExpectedImpact = {
  rank: number;
  label: string;
  unitsRecovered: number;
  usdRecovered: number;
  daysGained: number;
  /** The recommendation's quantity; null when it names none. */
  recommendedQuantity: number | null;
  /** The request asks for the quantity the engine recommended (the impact applies as is). */
  sameQuantity: boolean;
};

/**
 * The best-ranked recommendation of the requested action type — the one whose quantity matches the
 * request when several do — as the request's expected impact; null when the engine recommended
 * no such action.
 */
export function expectedImpact(recommendations: readonly Recommendation[], type: string, quantity: number | null): ExpectedImpact | null {
  const same = recommendations.filter((r) => r.actionType === type).sort((a, b) => a.rank - b.rank);
  if (same.length === 0) return null;
  const qty = (r: Recommendation) => (r.payload ? Math.max(1, Math.ceil(r.payload.quantity)) : null);
  const best = same.find((r) => quantity !== null && qty(r) === quantity) ?? same[0];
  return {
    rank: best.rank,
    label: best.label,
    unitsRecovered: best.impact.unitsRecovered,
    usdRecovered: best.impact.usdRecovered,
    daysGained: best.impact.daysGained,
    recommendedQuantity: qty(best),
    sameQuantity: quantity !== null && qty(best) === quantity,
  };
}
