import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { listDataSources } from "@/lib/server/dal/data-sources";
import { ADAPTER_KINDS } from "@/lib/adapters/registry";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { FreshnessBadge, RunCounts, RunStatusBadge, SourceHealthBadge } from "@/components/sources/source-badges";
import { RunSyncButton } from "@/components/sources/run-sync-button";
import { NewSourceForm } from "@/components/sources/new-source-form";
import { formatRelative } from "@/lib/utils/format";

export const metadata: Metadata = { title: "Data sources" };

/** All data sources: freshness against SLA, the last run, open quarantine, and a form for a new source. */
export default async function DataSourcesPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "admin.manage")) return <Notice>Only admins can manage data sources.</Notice>;
  const sources = await listDataSources(viewer);
  const kinds = ADAPTER_KINDS();
  const now = new Date();
  return (
    <div className="space-y-4">
      <PageHeader
        title="Data sources"
        description="ERP, EDI, file and event feeds: how fresh each one is, what its last run did, and what waits in quarantine."
        actions={
          <Link href="/admin" className="text-sm text-brand-700 underline underline-offset-2">
            Back to settings
          </Link>
        }
      />
      <Card title={`Sources (${sources.length})`} id="sources">
        {sources.length === 0 ? (
          <p className="text-sm text-slate-600">No sources yet. Create one below.</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Sources table">
            <table className="w-full text-sm" data-testid="sources-table">
              <caption className="sr-only">Data sources</caption>
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th scope="col" className="pr-3 font-medium">Name</th>
                  <th scope="col" className="pr-3 font-medium">Code</th>
                  <th scope="col" className="pr-3 font-medium">Kind</th>
                  <th scope="col" className="pr-3 font-medium">Enabled</th>
                  <th scope="col" className="pr-3 font-medium">Freshness</th>
                  <th scope="col" className="pr-3 font-medium">Last run</th>
                  <th scope="col" className="pr-3 font-medium">Open quarantine</th>
                  <th scope="col" className="font-medium">Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {sources.map((s) => {
                  const kind = kinds.find((k) => k.kind === s.kind);
                  return (
                    <tr key={s.id} data-testid="source-row" data-code={s.code} className="align-top">
                      <td className="py-2 pr-3">
                        <Link href={`/admin/sources/${s.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                          {s.name}
                        </Link>
                        {s.lastError && <span className="mt-0.5 block max-w-xs text-xs text-rose-800">Last error: {s.lastError}</span>}
                      </td>
                      <td className="py-2 pr-3 font-mono text-xs">{s.code}</td>
                      <td className="py-2 pr-3 text-xs">
                        {kind?.label ?? s.kind}
                        <span className="block text-slate-500">{kind ? kind.modes.join(", ") : "no adapter installed"}</span>
                      </td>
                      <td className="py-2 pr-3 text-xs">{s.enabled ? "Yes" : "No (disabled)"}</td>
                      <td className="py-2 pr-3">
                        <FreshnessBadge freshness={s.freshness} slaMinutes={s.slaMinutes} />
                        <div className="mt-1">
                          <SourceHealthBadge consecutiveFailures={s.consecutiveFailures} unhealthySince={s.unhealthySince} />
                        </div>
                      </td>
                      <td className="py-2 pr-3">
                        {s.lastRun ? (
                          <div className="space-y-0.5">
                            <div className="flex items-center gap-1.5">
                              <RunStatusBadge status={s.lastRun.status} />
                              <span className="text-xs text-slate-500">{formatRelative(s.lastRun.finishedAt ?? s.lastRun.queuedAt, now)}</span>
                            </div>
                            <RunCounts read={s.lastRun.read} accepted={s.lastRun.accepted} quarantined={s.lastRun.quarantined} />
                          </div>
                        ) : (
                          <span className="text-xs text-slate-500">No runs yet</span>
                        )}
                      </td>
                      <td className="py-2 pr-3 text-xs tabular-nums">
                        {s.openQuarantine > 0 ? (
                          <Link href={`/admin/sources/${s.id}#quarantine`} className="font-medium text-amber-800 underline underline-offset-2">
                            {s.openQuarantine} open
                          </Link>
                        ) : (
                          "0"
                        )}
                      </td>
                      <td className="py-2">
                        {kind?.modes.includes("pull") ? (
                          <RunSyncButton sourceId={s.id} sourceName={s.name} disabledReason={s.enabled ? null : "Disabled"} />
                        ) : (
                          <span className="text-xs text-slate-500">{kind?.modes.includes("push") ? "Receives pushed events" : kind?.modes.includes("upload") ? "Receives file uploads" : "—"}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="New source" id="new-source">
        <NewSourceForm kinds={kinds} />
      </Card>
    </div>
  );
}
