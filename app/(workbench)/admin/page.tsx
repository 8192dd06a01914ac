import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { findRecentDetectionJobs, findScoringConfigs, findUsers } from "@/lib/server/dal/admin";
import { listDataSources } from "@/lib/server/dal/data-sources";
import { hasPermission, seesAllSites } from "@/lib/domain/auth/permissions";
import { RunDetectionButton } from "@/components/admin/run-detection-button";
import { UserSessionControls } from "@/components/admin/user-session-controls";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { SourcesSummary } from "@/components/sources/sources-summary";
import { formatDateTime, humanize } from "@/lib/utils/format";

export const metadata: Metadata = { title: "Settings" };

/** Admin settings: users and sites, source freshness, scoring versions, detection runs. */
export default async function AdminPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "admin.manage")) return <Notice>Only admins can open settings.</Notice>;
  const [users, sources, configs, jobs] = await Promise.all([findUsers(viewer), listDataSources(viewer), findScoringConfigs(viewer), findRecentDetectionJobs(viewer)]);
  return (
    <div className="space-y-4">
      <PageHeader title="Settings" description="Users, sources, scoring and detection." />
      <div className="grid gap-4 xl:grid-cols-2">
        <Card title={`Users (${users.length})`} id="users">
          <table className="w-full text-sm" data-testid="users-table">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="font-medium">Name</th>
                <th className="font-medium">Role</th>
                <th className="font-medium">Sites</th>
                <th className="font-medium">
                  <span className="sr-only">Sessions and status</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id} data-testid={`user-row-${u.email}`}>
                  <td className="py-1.5">
                    {u.name} {!u.active && <Badge className="bg-slate-100 text-slate-700 ring-slate-300">inactive</Badge>}
                    <span className="block text-xs text-slate-500">{u.email}</span>
                  </td>
                  <td>{humanize(u.role)}</td>
                  <td className="text-xs">{seesAllSites(u.role) ? "all sites" : u.sites.map((s) => s.location.code).join(", ")}</td>
                  <td className="py-1.5">
                    <UserSessionControls user={{ id: u.id, name: u.name, active: u.active }} isSelf={u.id === viewer.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card
          title="Data sources"
          id="sources"
          actions={
            <Link href="/admin/sources" className="text-sm text-brand-700 underline underline-offset-2">
              Manage data sources
            </Link>
          }
        >
          <SourcesSummary sources={sources} />
        </Card>
        <Card title="Detection" id="detection" actions={<RunDetectionButton />}>
          <p className="mb-2 text-sm text-slate-600">Runs in the background worker (pg-boss queue), never in the web process.</p>
          {jobs.length === 0 ? (
            <p className="text-sm text-slate-500">No runs requested from here yet.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="detection-jobs">
              {jobs.map((j) => {
                const out = j.output as { cases?: number; created?: number; autoResolved?: number; ms?: number } | null;
                return (
                  <li key={j.id} className="flex justify-between gap-2">
                    <span>
                      {formatDateTime(j.created_on)}
                      {out?.cases != null && (
                        <span className="text-slate-500">
                          {" "}
                          · {out.cases} cases, {out.created} new, {out.autoResolved} cleared, {((out.ms ?? 0) / 1000).toFixed(1)} s
                        </span>
                      )}
                    </span>
                    <Badge className="bg-slate-100 text-slate-700 ring-slate-300">{j.state}</Badge>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card
          title="Scoring configuration"
          id="scoring"
          actions={
            <Link href="/admin/detection" className="text-sm text-brand-700 underline underline-offset-2">
              Edit thresholds and routing
            </Link>
          }
        >
          <ul className="space-y-1 text-sm">
            {configs.map((c) => (
              <li key={c.version}>
                Version {c.version} · {formatDateTime(c.createdAt)} {c.note ? `· ${c.note}` : ""}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
