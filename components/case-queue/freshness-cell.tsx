import { STALE_AFTER_HOURS } from "@/lib/search-params/cases-url";
import { formatRelative } from "@/lib/utils/format";

/** How old the evidence behind the case is; stale (older than STALE_AFTER_HOURS) is said in words, not only colour. */
export function FreshnessCell({ dataAsOf, now }: { dataAsOf: string; now: Date }) {
  const stale = now.getTime() - new Date(dataAsOf).getTime() > STALE_AFTER_HOURS * 3_600_000;
  return (
    <span className={stale ? "whitespace-nowrap font-medium text-amber-800" : "whitespace-nowrap text-slate-600"} title={`Data as of ${dataAsOf}`}>
      {stale ? "Stale" : "Fresh"} · {formatRelative(dataAsOf, now)}
    </span>
  );
}
