/** Normal-distribution helpers for the standard loss function E[US] = σ·G(k). */

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF Φ(x) (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Unit loss G(k) = φ(k) − k·(1 − Φ(k)). */
export function unitLoss(k: number): number {
  return Math.max(0, normalPdf(k) - k * (1 - normalCdf(k)));
}

/** Expected units short given a projected buffer and σ of lead-time demand (deterministic when σ = 0). */
export function expectedUnitsShort(buffer: number, sigma: number): number {
  if (sigma <= 0) return Math.max(0, -buffer);
  return sigma * unitLoss(buffer / sigma);
}
