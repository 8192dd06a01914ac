import type { HealthReport } from "@/lib/server/ops/health";
import type { EventLatency } from "@/lib/server/dal/system-health";
import { Card } from "@/components/ui/card";
import { formatNumber, formatRelative } from "@/lib/utils/format";

/** "1.2 s", "850 ms", "4 min 10 s" */
export function formatMs(ms: number | null): string {
  if (ms == null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Jobs waiting / running / failed per pg-boss queue, and the age of the oldest waiting one. */
export function QueueBacklogTable({ jobQueue }: { jobQueue: HealthReport["checks"]["jobQueue"] }) {
  return (
    <Card title={`Queue backlog (${formatNumber(jobQueue.backlog)} waiting)`} id="queues">
      {!jobQueue.reachable ? (
        <p className="text-sm text-rose-800">The job queue is not reachable.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Queue backlog table">
          <table className="w-full text-sm" data-testid="queue-table">
            <caption className="sr-only">Jobs per background queue</caption>
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="pr-3 font-medium">Queue</th>
                <th scope="col" className="pr-3 text-right font-medium">Waiting</th>
                <th scope="col" className="pr-3 text-right font-medium">Running</th>
                <th scope="col" className="pr-3 text-right font-medium">Oldest waiting</th>
                <th scope="col" className="pr-3 text-right font-medium">Failed (1 h)</th>
                <th scope="col" className="text-right font-medium">Last completed</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {jobQueue.queues.map((q) => (
                <tr key={q.name} data-queue={q.name}>
                  <td className="py-1.5 pr-3 font-mono text-xs">{q.name}</td>
                  <td className="pr-3 text-right">{formatNumber(q.queued)}</td>
                  <td className="pr-3 text-right">{formatNumber(q.active)}</td>
                  <td className="pr-3 text-right">{q.oldestQueuedSeconds == null ? "—" : formatMs(Math.round(q.oldestQueuedSeconds * 1000))}</td>
                  <td className={q.failedLastHour > 0 ? "pr-3 text-right font-semibold text-rose-800" : "pr-3 text-right"}>{formatNumber(q.failedLastHour)}</td>
                  <td className="text-right text-xs whitespace-nowrap">{q.lastCompletedAt ? formatRelative(q.lastCompletedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

/** Event → detection latency percentiles over the window. */
export function EventLatencyCard({ latency }: { latency: EventLatency }) {
  return (
    <Card title={`Event latency (last ${latency.windowHours} h)`} id="latency">
      <p className="mb-2 text-xs text-slate-600">From a payload being received (webhook, upload, pull page) to the detection run covering its changes finishing.</p>
      {latency.measured === 0 ? (
        <p className="text-sm text-slate-700" data-testid="latency-empty">No payload went through detection in the last {latency.windowHours} hours.</p>
      ) : (
        <dl className="grid grid-cols-3 gap-2 text-center" data-testid="latency-figures">
          <Figure label="p50" value={formatMs(latency.p50Ms)} />
          <Figure label="p95" value={formatMs(latency.p95Ms)} />
          <Figure label="max" value={formatMs(latency.maxMs)} />
        </dl>
      )}
      <p className="mt-2 text-xs text-slate-600">
        {formatNumber(latency.measured)} payload{latency.measured === 1 ? "" : "s"} measured · {formatNumber(latency.awaitingProcessing)} received, not yet processed
      </p>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}
