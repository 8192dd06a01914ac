import { Badge } from "@/components/ui/badge";
import { humanize } from "@/lib/utils/format";
import type { Freshness } from "./types";

/** "12 min", "5 h", "3 d" — a duration in minutes, short. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.max(0, minutes)} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

/** "850 ms", "12.4 s", "3 min" between two instants, or "—" when the run has not finished. */
export function formatDuration(from: Date | null, to: Date | null): string {
  if (!from || !to) return "—";
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatMinutes(Math.round(ms / 60_000));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const FRESHNESS_STYLE = {
  fresh: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  stale: "bg-rose-50 text-rose-800 ring-rose-300",
  never: "bg-slate-100 text-slate-700 ring-slate-300",
};

/** Freshness in words (fresh / stale / never synced) with the age and SLA, so colour is never the only signal. */
export function FreshnessBadge({ freshness, slaMinutes }: { freshness: Freshness; slaMinutes: number }) {
  const label =
    freshness.state === "never"
      ? "Never synced"
      : `${freshness.state === "fresh" ? "Fresh" : "Stale"} · last good sync ${formatMinutes(freshness.ageMinutes ?? 0)} ago`;
  return (
    <Badge className={FRESHNESS_STYLE[freshness.state]}>
      <span data-testid="freshness" data-state={freshness.state}>
        {label}
        <span className="font-normal"> (SLA {formatMinutes(slaMinutes)})</span>
      </span>
    </Badge>
  );
}

/**
 * Pull health: "Unhealthy · 4 failed syncs in a row" once the streak reached the limit (detection then lowers the
 * confidence of cases built on this source), a quieter note while it is shorter, nothing when the last pull was good.
 */
export function SourceHealthBadge({ consecutiveFailures, unhealthySince }: { consecutiveFailures: number; unhealthySince: Date | null }) {
  if (consecutiveFailures === 0 && !unhealthySince) return null;
  const streak = `${consecutiveFailures} failed sync${consecutiveFailures === 1 ? "" : "s"} in a row`;
  return (
    <Badge className={unhealthySince ? "bg-rose-100 text-rose-900 ring-rose-400" : "bg-amber-50 text-amber-800 ring-amber-300"}>
      <span data-testid="source-health" data-state={unhealthySince ? "unhealthy" : "failing"}>
        {unhealthySince ? `Unhealthy · ${streak}` : streak}
      </span>
    </Badge>
  );
}

const RUN_STYLE: Record<string, string> = {
  QUEUED: "bg-slate-100 text-slate-700 ring-slate-300",
  RUNNING: "bg-sky-50 text-sky-800 ring-sky-300",
  SUCCEEDED: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  PARTIAL: "bg-amber-50 text-amber-800 ring-amber-300",
  FAILED: "bg-rose-50 text-rose-800 ring-rose-300",
  // payload statuses
  RECEIVED: "bg-slate-100 text-slate-700 ring-slate-300",
  PROCESSED: "bg-emerald-50 text-emerald-800 ring-emerald-300",
};

/** Run or payload status as a word ("Partial", "Failed"…) on a tinted pill. */
export function RunStatusBadge({ status }: { status: string }) {
  return <Badge className={RUN_STYLE[status] ?? RUN_STYLE.QUEUED}>{humanize(status)}</Badge>;
}

/** "read 120 · accepted 118 · quarantined 2" */
export function RunCounts({ read, accepted, quarantined }: { read: number; accepted: number; quarantined: number }) {
  return (
    <span className="text-xs text-slate-600 tabular-nums">
      read {read} · accepted {accepted} · quarantined{" "}
      <span className={quarantined > 0 ? "font-semibold text-amber-800" : undefined}>{quarantined}</span>
    </span>
  );
}

/** "Signing secret" from "signingSecret" / "api_key". */
export function secretLabel(name: string): string {
  const words = name.replace(/[_-]+/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
