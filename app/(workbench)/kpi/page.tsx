import type { Metadata } from "next";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { getViewer, type Viewer } from "@/lib/server/auth/viewer";
import Link from "next/link";
import { getExposureTiles, getKpiSnapshotInfo, getOpenCasesBySeverity, getOpenCasesByType } from "@/lib/server/dal/kpi";
import { KpiDashboard } from "@/components/kpi/dashboard/kpi-dashboard";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { KpiTile } from "@/components/kpi/kpi-tile";
import { SeverityChart } from "@/components/kpi/severity-chart";
import { TypeChart } from "@/components/kpi/type-chart";
import { Card, Notice, PageHeader, Skeleton } from "@/components/ui/card";
import { formatDateTime, formatUsd, formatNumber } from "@/lib/utils/format";

export const metadata: Metadata = { title: "KPIs" };

async function Tiles({ viewer }: { viewer: Viewer }) {
  const t = await getExposureTiles(viewer);
  return (
    <div className="grid grid-cols-2 gap-3 xl:grid-cols-4" data-testid="kpi-tiles">
      <KpiTile id="open-at-risk" label="Open $ at risk" value={formatUsd(t.atRiskUsd)} detail={`${formatNumber(t.openCases)} open cases`} />
      <KpiTile id="unaddressed" label="$ at risk without an approved action" value={formatUsd(t.unaddressedUsd)} detail="open + waiting for approval" />
      <KpiTile id="covered" label="$ at risk addressed by approved actions" value={formatUsd(t.coveredUsd)} detail="actions approved in the last 7 days" />
      <KpiTile id="pending-approvals" label="Approvals waiting" value={formatNumber(t.pendingApprovals)} detail={`${formatUsd(t.pendingApprovalUsd)} of actions`} />
    </div>
  );
}

async function SeverityCard({ viewer }: { viewer: Viewer }) {
  const data = await getOpenCasesBySeverity(viewer);
  return (
    <Card title="Open cases by severity" id="by-severity">
      <SeverityChart data={data} />
    </Card>
  );
}

async function TypeCard({ viewer }: { viewer: Viewer }) {
  const data = await getOpenCasesByType(viewer);
  return (
    <Card title="$ at risk by root-cause type" id="by-type">
      <TypeChart data={data} />
    </Card>
  );
}

const CardSkeleton = ({ h = "h-64" }: { h?: string }) => <Skeleton className={`${h} w-full`} />;

/** KPI dashboard; each card streams in on its own so one slow aggregate never blocks the page. */
export default async function KpiPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "kpi.read")) return <Notice>Your role cannot read KPIs.</Notice>;
  const snapshot = await getKpiSnapshotInfo(viewer);
  return (
    <div className="space-y-4">
      <PageHeader
        title="KPIs"
        description={`Exception exposure and handling · ${viewer.allSites ? "all sites" : "your sites"} · read-only`}
        actions={
          <Link href="/kpi/definitions" className="text-sm text-brand-700 underline-offset-2 hover:underline">
            KPI definitions
          </Link>
        }
      />
      <h2 className="text-sm font-semibold text-slate-800">Live now</h2>
      <Suspense fallback={<CardSkeleton h="h-24" />}>
        <Tiles viewer={viewer} />
      </Suspense>
      <div className="grid gap-4 xl:grid-cols-2">
        <Suspense fallback={<CardSkeleton />}>
          <SeverityCard viewer={viewer} />
        </Suspense>
        <Suspense fallback={<CardSkeleton />}>
          <TypeCard viewer={viewer} />
        </Suspense>
      </div>
      <div className="flex flex-wrap items-baseline justify-between gap-2 pt-2">
        <h2 className="text-sm font-semibold text-slate-800">Performance over a period</h2>
        <p className="text-xs text-slate-600" data-testid="kpi-snapshot">
          {snapshot ? `Figures as of ${formatDateTime(snapshot.refreshedAt)} (refreshed every 15 minutes)` : "Figures not computed yet: the kpi.refresh job has not run."}
        </p>
      </div>
      <Suspense fallback={<CardSkeleton />}>
        <KpiDashboard today={new Date().toISOString().slice(0, 10)} />
      </Suspense>
    </div>
  );
}
