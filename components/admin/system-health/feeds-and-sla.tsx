import type { HealthReport } from "@/lib/server/ops/health";
import type { SystemHealth } from "@/lib/server/dal/system-health";
import { Card } from "@/components/ui/card";
import { SeverityBadge } from "@/components/ui/badge";
import { HealthBadge } from "./health-overview";
import { formatDateTime, formatNumber, formatRelative } from "@/lib/utils/format";

/** Open cases past their SLA, by site and severity. */
export function SlaBreachesTable({ breaches }: { breaches: SystemHealth["slaBreaches"] }) {
  return (
    <Card title={`SLA breaches (${formatNumber(breaches.total)} open cases past SLA)`} id="sla">
      {breaches.rows.length === 0 ? (
        <p className="text-sm text-slate-700">No open case is past its SLA.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="SLA breaches table">
          <table className="w-full text-sm" data-testid="sla-table">
            <caption className="sr-only">Open cases past their SLA by site and severity</caption>
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="pr-3 font-medium">Site</th>
                <th scope="col" className="pr-3 font-medium">Severity</th>
                <th scope="col" className="pr-3 text-right font-medium">Cases</th>
                <th scope="col" className="text-right font-medium">Oldest due</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {breaches.rows.map((r) => (
                <tr key={`${r.siteCode}-${r.severity}`}>
                  <td className="py-1.5 pr-3">{r.siteCode}</td>
                  <td className="pr-3">
                    <SeverityBadge severity={r.severity} />
                  </td>
                  <td className="pr-3 text-right">{formatNumber(r.breached)}</td>
                  <td className="text-right text-xs whitespace-nowrap">{formatRelative(r.oldestDueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

/** Failed sync runs per source over the window, with the latest error. */
export function SyncErrorsTable({ syncErrors }: { syncErrors: SystemHealth["syncErrors"] }) {
  return (
    <Card title={`Sync errors (last ${syncErrors.windowDays} days)`} id="sync-errors">
      {syncErrors.rows.length === 0 ? (
        <p className="text-sm text-slate-700">No sync run failed in the last {syncErrors.windowDays} days.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="sync-errors">
          {syncErrors.rows.map((r) => (
            <li key={r.sourceCode} className="py-2">
              <div className="flex flex-wrap justify-between gap-2">
                <span className="font-medium text-slate-800">
                  {r.sourceName} ({r.sourceCode})
                </span>
                <span className="text-xs text-slate-600">
                  {r.failedRuns} failed · last {formatDateTime(r.lastFailedAt)}
                </span>
              </div>
              {r.lastError && <p className="mt-0.5 text-xs break-words text-rose-800">{r.lastError}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Each enabled source's freshness against its SLA. */
export function SourceFreshnessTable({ sources }: { sources: HealthReport["checks"]["sources"] }) {
  return (
    <Card title="Source freshness" id="freshness">
      {sources.sources.length === 0 ? (
        <p className="text-sm text-slate-700">No enabled data source.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Source freshness table">
          <table className="w-full text-sm" data-testid="freshness-table">
            <caption className="sr-only">Age of each source&apos;s last good sync against its SLA</caption>
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="pr-3 font-medium">Source</th>
                <th scope="col" className="pr-3 font-medium">State</th>
                <th scope="col" className="pr-3 text-right font-medium">Last good sync</th>
                <th scope="col" className="text-right font-medium">SLA</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sources.sources.map((s) => (
                <tr key={s.code} data-source={s.code}>
                  <td className="py-1.5 pr-3">
                    {s.name} <span className="text-xs text-slate-500">({s.code})</span>
                  </td>
                  <td className="pr-3">
                    <HealthBadge status={s.state === "fresh" && !s.unhealthy ? "ok" : "degraded"} /> <span className="sr-only">{s.state}</span>
                    {s.unhealthy && (
                      <span className="ml-1 text-xs text-rose-800" data-testid="source-unhealthy">
                        unhealthy: {s.consecutiveFailures} failed syncs in a row
                      </span>
                    )}
                  </td>
                  <td className="pr-3 text-right text-xs whitespace-nowrap">{s.lastSuccessAt ? formatRelative(s.lastSuccessAt) : "never"}</td>
                  <td className="text-right text-xs tabular-nums">{s.slaMinutes} min</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
