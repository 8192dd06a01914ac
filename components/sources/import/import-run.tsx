"use client";
import { useEffect, useId, useRef } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { getRunAction } from "@/lib/actions/data-source-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { RunStatusBadge, formatDuration } from "../source-badges";
import { isActiveRun, toRunView, type RunView } from "../types";

/** Progress of the import run in bytes of the file read so far; indeterminate while the run waits for a worker. */
function ImportProgress({ run, fileName }: { run: RunView | undefined; fileName: string }) {
  const total = run?.progressTotal ?? null;
  const pct = run && total ? Math.min(100, Math.round((run.progressDone / total) * 100)) : null;
  const label = `Import of ${fileName}`;
  const words = !run || run.status === "QUEUED" ? "Queued · waiting for a worker" : pct == null ? `Running · ${run.read} rows read` : `Importing · ${pct}% · ${run.read} rows read`;
  return (
    <div className="space-y-1" data-testid="import-progress">
      {pct == null ? (
        <div role="progressbar" aria-label={label} aria-valuetext={words} className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-200">
          <div className="h-full w-1/4 animate-pulse rounded bg-slate-400" />
        </div>
      ) : (
        <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={words} className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-200">
          <div className="h-full rounded bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
        </div>
      )}
      <p className="text-xs text-slate-600 tabular-nums" aria-live="polite">
        {words}
      </p>
    </div>
  );
}

/**
 * Step 3: the import runs in a worker; this polls its run every second while it is queued or running, then shows
 * what happened (read / accepted / quarantined, duration) and refreshes the page so runs, quarantine and payloads
 * agree with it.
 */
export function ImportRun({ runId, fileName, onImportAnother, onRetry }: { runId: string; fileName: string; onImportAnother: () => void; onRetry: () => void }) {
  const uid = useId();
  const router = useRouter();
  const { data: run, error } = useQuery({
    queryKey: ["file-import-run", runId],
    queryFn: async () => {
      const r = await getRunAction({ runId });
      if (!r.ok) throw new Error(r.error);
      return toRunView(r.data);
    },
    refetchInterval: (q) => (q.state.data && !isActiveRun(q.state.data.status) ? false : 1000),
    refetchIntervalInBackground: false,
    retry: 3,
  });
  const finished = run && !isActiveRun(run.status);
  const refreshed = useRef(false);
  useEffect(() => {
    if (finished && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [finished, router]);

  return (
    <section aria-labelledby={`${uid}-title`} className="space-y-3" data-testid="import-run" data-status={run?.status ?? "QUEUED"}>
      <h3 id={`${uid}-title`} className="text-sm font-semibold text-slate-800">
        {finished ? `Import of ${fileName} finished` : `Importing ${fileName}`}
      </h3>
      {error && !finished && <Notice>Could not read the run&apos;s progress: {error.message}. Still trying; the Runs table below also shows it.</Notice>}
      {!finished && <ImportProgress run={run} fileName={fileName} />}
      {finished && run && (
        <div className="space-y-3" data-testid="import-result" role="status">
          <div className="flex flex-wrap items-center gap-3">
            <RunStatusBadge status={run.status} />
            <span className="text-xs text-slate-600">took {formatDuration(run.startedAt, run.finishedAt)}</span>
          </div>
          <dl className="grid max-w-md grid-cols-3 gap-2 text-center">
            <div className="rounded-md bg-slate-50 px-2 py-2">
              <dt className="text-xs text-slate-600">Read</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid="result-read">
                {run.read}
              </dd>
            </div>
            <div className="rounded-md bg-emerald-50 px-2 py-2">
              <dt className="text-xs text-emerald-800">Accepted</dt>
              <dd className="text-lg font-semibold text-emerald-900 tabular-nums" data-testid="result-accepted">
                {run.accepted}
              </dd>
            </div>
            <div className="rounded-md bg-amber-50 px-2 py-2">
              <dt className="text-xs text-amber-800">Quarantined</dt>
              <dd className="text-lg font-semibold text-amber-900 tabular-nums" data-testid="result-quarantined">
                {run.quarantined}
              </dd>
            </div>
          </dl>
          {run.error && <Notice>The import failed: {run.error}</Notice>}
          {run.quarantined > 0 && (
            <p className="text-sm">
              <a href="#quarantine" className="text-brand-700 underline underline-offset-2">
                Review the {run.quarantined} quarantined {run.quarantined === 1 ? "row" : "rows"}
              </a>{" "}
              <span className="text-slate-600">— fix and replay them, or discard them.</span>
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            {run.status === "FAILED" && (
              <Button variant="secondary" onClick={onRetry}>
                Try again
              </Button>
            )}
            <Button onClick={onImportAnother}>Import another file</Button>
          </div>
        </div>
      )}
    </section>
  );
}
