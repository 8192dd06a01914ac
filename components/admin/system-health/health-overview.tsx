import type { HealthReport } from "@/lib/server/ops/health";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatRelative } from "@/lib/utils/format";

const STATUS_STYLE = {
  ok: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  degraded: "bg-amber-50 text-amber-900 ring-amber-400",
  down: "bg-rose-50 text-rose-800 ring-rose-300",
} as const;

const STATUS_LABEL = { ok: "OK", degraded: "Degraded", down: "Down" } as const;

/** Status pill: the word carries the meaning, the colour only repeats it. */
export function HealthBadge({ status }: { status: keyof typeof STATUS_STYLE }) {
  return <Badge className={STATUS_STYLE[status]}>{STATUS_LABEL[status]}</Badge>;
}

/** Overall verdict, one tile per check, and what needs attention. */
export function HealthOverview({ health }: { health: HealthReport }) {
  const { database, jobQueue, sources } = health.checks;
  const attention = [
    ...(database.error ? [`Database: ${database.error}`] : []),
    ...jobQueue.problems,
    ...sources.sources.filter((s) => s.state !== "fresh").map((s) => (s.state === "never" ? `${s.name} (${s.code}) has never synced` : `${s.name} (${s.code}) last synced ${s.ageMinutes} min ago, SLA ${s.slaMinutes} min`)),
    ...(sources.error ? [`Sources: ${sources.error}`] : []),
  ];
  return (
    <Card title={<span className="flex items-center gap-2">Overall <HealthBadge status={health.status} /></span>} id="overall">
      <dl className="grid gap-3 sm:grid-cols-3">
        <Tile label="Database" status={database.status} detail={database.latencyMs == null ? "not answering" : `${database.latencyMs} ms round trip`} />
        <Tile label="Job queue" status={jobQueue.status} detail={jobQueue.reachable ? `${jobQueue.backlog} waiting · ${jobQueue.failedLastHour} failed in 1 h` : "not reachable"} />
        <Tile label="Data sources" status={sources.status} detail={`${sources.sources.length - sources.stale} of ${sources.sources.length} fresh`} />
      </dl>
      {attention.length > 0 && (
        <div className="mt-3">
          <h3 className="text-xs font-semibold text-slate-700">Needs attention</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-800" data-testid="health-problems">
            {attention.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

function Tile({ label, status, detail }: { label: string; status: keyof typeof STATUS_STYLE; detail: string }) {
  return (
    <div className="rounded-md border border-slate-200 p-3" data-testid={`check-${label.toLowerCase().replace(/ /g, "-")}`}>
      <dt className="flex items-center justify-between gap-2 text-sm font-medium text-slate-800">
        {label} <HealthBadge status={status} />
      </dt>
      <dd className="mt-1 text-xs text-slate-600">{detail}</dd>
    </div>
  );
}

/** When a worker last finished a job, and how many are running now. */
export function WorkerLiveness({ jobQueue, now }: { jobQueue: HealthReport["checks"]["jobQueue"]; now: string }) {
  const active = jobQueue.queues.reduce((n, q) => n + q.active, 0);
  return (
    <Card title="Worker liveness" id="worker">
      {jobQueue.lastCompletedAt ? (
        <p className="text-sm text-slate-800" data-testid="worker-last-completed">
          Last job completed <strong>{formatRelative(jobQueue.lastCompletedAt, new Date(now))}</strong>
          <span className="text-slate-500"> ({formatDateTime(jobQueue.lastCompletedAt)})</span>
        </p>
      ) : (
        <p className="text-sm text-slate-800" data-testid="worker-last-completed">No job has completed in the last 12 hours.</p>
      )}
      <p className="mt-1 text-xs text-slate-600">
        {active} job{active === 1 ? "" : "s"} running now. Workers finish a scheduled job every minute; ten minutes of silence marks the queue degraded.
      </p>
    </Card>
  );
}
