import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { findPendingApprovals } from "@/lib/server/dal/case-actions";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { DEFAULT_APPROVAL_POLICY } from "@/lib/domain/approval/policy";
import { ApprovalDecision } from "@/components/approvals/approval-decision";
import { SeverityBadge } from "@/components/ui/badge";
import { Notice, PageHeader } from "@/components/ui/card";
import { formatRelative, formatUsd, humanize } from "@/lib/utils/format";

export const metadata: Metadata = { title: "Approvals" };

/** Supervisor inbox: pending actions in the viewer's sites, largest value first. */
export default async function ApprovalsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "actions.approve")) return <Notice>Only supervisors and admins approve actions.</Notice>;
  const pending = await findPendingApprovals(viewer);
  const now = new Date();
  const limit = DEFAULT_APPROVAL_POLICY.maxApprovalUsdByRole[viewer.role];
  return (
    <>
      <PageHeader
        title="Approvals"
        description={`${pending.length} action${pending.length === 1 ? "" : "s"} waiting · your limit ${limit == null ? "unlimited" : formatUsd(limit)} · you never approve your own requests`}
      />
      {pending.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-600" data-testid="approvals-empty">
          Nothing waiting for approval in your sites.
        </p>
      ) : (
        <ul className="space-y-3" data-testid="approvals-list">
          {pending.map((a) => (
            <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="approval-item">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0 space-y-1">
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-semibold">{humanize(a.type)}</span>
                    <span className="tabular-nums">{(a.payload as { quantity?: number }).quantity ?? "—"} units</span>
                    <span className="font-semibold tabular-nums">{formatUsd(a.valueUsd)}</span>
                    <SeverityBadge severity={a.case.severity} />
                    <span className="text-slate-500">{a.case.site.code}</span>
                  </div>
                  <Link href={`/cases/${a.case.id}`} className="block font-medium text-brand-700 hover:underline">
                    #{a.case.number} {a.case.title}
                  </Link>
                  <p className="text-sm text-slate-700">“{a.note}”</p>
                  <p className="text-xs text-slate-500">
                    Requested by {a.requestedBy.name} {formatRelative(a.requestedAt, now)} · case score {formatUsd(a.case.score)} · SLA {formatRelative(a.case.slaDueAt, now)}
                  </p>
                </div>
                <ApprovalDecision actionId={a.id} ownRequest={a.requestedBy.id === viewer.id} overLimit={limit != null && a.valueUsd > limit} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
