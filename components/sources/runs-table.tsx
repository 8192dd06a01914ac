"use client";
import { useCallback, useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { getRunAction } from "@/lib/actions/data-source-actions";
import { formatDateTime } from "@/lib/utils/format";
import { RunCounts, RunStatusBadge, formatDuration } from "./source-badges";
import { RunProgress } from "./run-progress";
import { isActiveRun, toRunView, type RunView } from "./types";

/** Polls one run every second while it is queued or running; stops as soon as it has finished. */
function useLiveRun(initial: RunView): RunView {
  const { data } = useQuery({
    queryKey: ["sync-run", initial.id],
    queryFn: async () => {
      const r = await getRunAction({ runId: initial.id });
      if (!r.ok) throw new Error(r.error);
      return toRunView(r.data);
    },
    initialData: initial,
    enabled: isActiveRun(initial.status),
    refetchInterval: (q) => (q.state.data && isActiveRun(q.state.data.status) ? 1000 : false),
    refetchIntervalInBackground: false,
  });
  // The cache outlives navigation: a server render that is further along than the cached copy wins.
  const rank = (r: RunView) => (r.status === "QUEUED" ? 0 : r.status === "RUNNING" ? 1 : 2);
  if (rank(initial) > rank(data) || (rank(initial) === rank(data) && initial.read > data.read)) return initial;
  return data;
}

function RunRow({ initial, onFinished }: { initial: RunView; onFinished: () => void }) {
  const run = useLiveRun(initial);
  const wasActive = useRef(isActiveRun(initial.status));
  useEffect(() => {
    if (wasActive.current && !isActiveRun(run.status)) onFinished();
    wasActive.current = isActiveRun(run.status);
  }, [run.status, onFinished]);
  return (
    <tr id={`run-${run.id}`} data-testid="run-row" data-status={run.status} className="align-top target:bg-amber-50">
      <td className="py-2 pr-3">{run.trigger}</td>
      <td className="py-2 pr-3">
        <RunStatusBadge status={run.status} />
      </td>
      <td className="py-2 pr-3 text-xs whitespace-nowrap">{formatDateTime(run.queuedAt)}</td>
      <td className="py-2 pr-3 text-xs whitespace-nowrap">{formatDateTime(run.startedAt)}</td>
      <td className="py-2 pr-3 text-xs whitespace-nowrap">{formatDateTime(run.finishedAt)}</td>
      <td className="py-2 pr-3 text-xs whitespace-nowrap tabular-nums">{formatDuration(run.startedAt, run.finishedAt)}</td>
      <td className="py-2 pr-3">{isActiveRun(run.status) ? <RunProgress run={run} /> : <RunCounts read={run.read} accepted={run.accepted} quarantined={run.quarantined} />}</td>
      <td className="py-2 text-xs text-rose-800">{run.error ?? ""}</td>
    </tr>
  );
}

/** Recent runs, newest first; queued and running rows update live. */
export function RunsTable({ runs }: { runs: RunView[] }) {
  const router = useRouter();
  // When a run finishes, counts, freshness, quarantine and payload status on the page changed: re-render it.
  const onFinished = useCallback(() => router.refresh(), [router]);
  if (runs.length === 0) return <p className="text-sm text-slate-600">No runs yet.</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Scrollable table">
      <table className="w-full text-sm" data-testid="runs-table">
        <caption className="sr-only">Recent sync runs, newest first</caption>
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="pr-3 font-medium">Trigger</th>
            <th scope="col" className="pr-3 font-medium">Status</th>
            <th scope="col" className="pr-3 font-medium">Queued</th>
            <th scope="col" className="pr-3 font-medium">Started</th>
            <th scope="col" className="pr-3 font-medium">Finished</th>
            <th scope="col" className="pr-3 font-medium">Duration</th>
            <th scope="col" className="pr-3 font-medium">Records / progress</th>
            <th scope="col" className="font-medium">Error</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => (
            <RunRow key={r.id} initial={r} onFinished={onFinished} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
