/** Small numeric helpers for deterministic, display-friendly math. */

/** Clamps `x` into [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Rounds to `digits` decimals (money to cents, factors to 4 places). */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Formats a quantity for summaries: integers stay integers, fractions get one decimal. */
export function fmtQty(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** Formats USD for summaries, e.g. "$12,340" (hand-rolled: toLocaleString is slow at detection volumes). */
export function fmtUsd(x: number): string {
  const n = Math.round(x);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${n < 0 ? "-" : ""}$${digits}`;
}
