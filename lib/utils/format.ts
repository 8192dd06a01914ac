/** Display formatting shared by server and client components (en-US, UTC, so server and browser agree). */

const usd0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 2 });
const num = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** $12,345 (or $12.35 below $100). */
export const formatUsd = (v: number | null | undefined) =>
  v == null ? "—" : Math.abs(v) < 100 && !Number.isInteger(v) ? usd2.format(v) : usd0.format(v);
/** $12.3K */
export const formatUsdCompact = (v: number | null | undefined) => (v == null ? "—" : `$${compact.format(v)}`);
export const formatNumber = (v: number | null | undefined) => (v == null ? "—" : num.format(v));
export const formatPercent = (v: number | null | undefined, digits = 0) => (v == null ? "—" : `${(v * 100).toFixed(digits)}%`);

/** 2026-11-25 */
export const formatDate = (d: Date | string | null | undefined) => (d == null ? "—" : new Date(d).toISOString().slice(0, 10));
/** 2026-11-25 14:03 UTC */
export const formatDateTime = (d: Date | string | null | undefined) =>
  d == null ? "—" : new Date(d).toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** "3 h ago", "in 2 d" relative to `now`. */
export function formatRelative(d: Date | string, now: Date = new Date()): string {
  const diffMs = new Date(d).getTime() - now.getTime();
  const abs = Math.abs(diffMs);
  const unit = abs < 3_600_000 ? [60_000, "min"] : abs < 86_400_000 ? [3_600_000, "h"] : [86_400_000, "d"];
  const n = Math.max(1, Math.round(abs / (unit[0] as number)));
  return diffMs < 0 ? `${n} ${unit[1]} ago` : `in ${n} ${unit[1]}`;
}

const ACRONYMS = new Set(["PO", "ASN", "SO", "SKU", "SLA", "DC", "ETA", "ABC", "UOM"]);

/** "STOCKOUT_DESPITE_INBOUND" → "Stockout despite inbound"; "PO_NO_ASN" → "PO no ASN". */
export function humanize(code: string): string {
  return code
    .split("_")
    .map((w, i) => (ACRONYMS.has(w) ? w : i === 0 ? w.charAt(0) + w.slice(1).toLowerCase() : w.toLowerCase()))
    .join(" ");
}
