import Link from "next/link";
import { FreshnessBadge } from "./source-badges";
import type { Freshness } from "./types";

interface SourceSummaryRow {
  id: string;
  name: string;
  enabled: boolean;
  slaMinutes: number;
  freshness: Freshness;
  openQuarantine: number;
}

/** The settings page's short view of the feeds: counts, and the sources that need attention. */
export function SourcesSummary({ sources }: { sources: SourceSummaryRow[] }) {
  if (sources.length === 0) return <p className="text-sm text-slate-600">No data sources configured.</p>;
  const count = (state: Freshness["state"]) => sources.filter((s) => s.freshness.state === state).length;
  const open = sources.reduce((n, s) => n + s.openQuarantine, 0);
  const attention = sources.filter((s) => s.freshness.state !== "fresh" || s.openQuarantine > 0);
  return (
    <div className="space-y-3 text-sm" data-testid="sources-summary">
      <p>
        {sources.length} source{sources.length === 1 ? "" : "s"}: {count("fresh")} fresh, {count("stale")} stale, {count("never")} never synced ·{" "}
        {open} open quarantined record{open === 1 ? "" : "s"}.
      </p>
      {attention.length > 0 && (
        <ul className="space-y-2" aria-label="Sources needing attention">
          {attention.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2">
              <Link href={`/admin/sources/${s.id}`} className="text-brand-700 underline underline-offset-2">
                {s.name}
              </Link>
              <span className="flex items-center gap-2">
                {s.openQuarantine > 0 && <span className="text-xs text-amber-800">{s.openQuarantine} in quarantine</span>}
                {!s.enabled && <span className="text-xs text-slate-500">disabled</span>}
                <FreshnessBadge freshness={s.freshness} slaMinutes={s.slaMinutes} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
