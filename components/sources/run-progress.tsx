"use client";
import type { RunView } from "./types";

/**
 * Progress of a queued or running run. With a known total it is a determinate bar (aria-valuenow); without one
 * (an API pull does not know how many pages are left) it says how many records were read so far.
 */
export function RunProgress({ run }: { run: RunView }) {
  const total = run.progressTotal;
  const label = `Progress of the ${run.trigger} run queued ${new Date(run.queuedAt).toISOString().slice(11, 19)} UTC`;
  if (run.status === "QUEUED") {
    return (
      <div className="space-y-1">
        <div role="progressbar" aria-label={label} aria-valuetext="Waiting for a worker" className="h-1.5 w-40 overflow-hidden rounded bg-slate-200">
          <div className="h-full w-1/4 animate-pulse rounded bg-slate-400" />
        </div>
        <p className="text-xs text-slate-600" aria-live="polite">
          Queued · waiting for a worker
        </p>
      </div>
    );
  }
  if (total != null && total > 0) {
    const pct = Math.min(100, Math.round((run.progressDone / total) * 100));
    return (
      <div className="space-y-1">
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={`${pct}% · ${run.read} records read`}
          className="h-1.5 w-40 overflow-hidden rounded bg-slate-200"
        >
          <div className="h-full rounded bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
        </div>
        <p className="text-xs text-slate-600 tabular-nums" aria-live="polite">
          Running · {pct}% · {run.read} records read
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-1">
      <div role="progressbar" aria-label={label} aria-valuetext={`${run.read} records read`} className="h-1.5 w-40 overflow-hidden rounded bg-slate-200">
        <div className="h-full w-1/3 animate-pulse rounded bg-brand-600" />
      </div>
      <p className="text-xs text-slate-600 tabular-nums" aria-live="polite">
        Running · {run.read} records read
      </p>
    </div>
  );
}
