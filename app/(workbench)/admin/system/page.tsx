import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { Notice, PageHeader } from "@/components/ui/card";
import { SystemHealthPanel } from "@/components/admin/system-health/system-health-panel";

export const metadata: Metadata = { title: "System health" };

/** Admin: queue backlog, event latency, sync errors, SLA breaches and worker liveness, refreshed every 15 s. */
export default async function SystemHealthPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "admin.manage")) return <Notice>Only admins can open system health.</Notice>;
  return (
    <div className="space-y-4">
      <PageHeader title="System health" description="Database, background jobs, data feeds and SLAs. Refreshes every 15 seconds." />
      <SystemHealthPanel />
    </div>
  );
}
