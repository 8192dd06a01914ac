import Link from "next/link";
import { StatusBadge } from "@/components/ui/badge";
import { ApprovalSteps } from "@/components/approvals/approval-inbox";
import { formatNumber, formatRelative, formatUsd, humanize } from "@/lib/utils/format";
import type { ApprovalStep } from "@/components/approvals/types";

export type MyRequestRow = {
  id: string;
  type: string;
  status: string;
  valueUsd: number;
  quantity: number | null;
  requestedAt: Date;
  expiresAt: Date | null;
  levels: { level: number; role: string }[];
  currentLevel: number;
  revision: number;
  autoApproved: boolean;
  policyReason: string;
  decisionReason: string | null;
  approvals: ApprovalStep[];
  case: { id: string; number: number; title: string; siteCode: string };
};

/** Where the request stands, in words. */
function standing(r: MyRequestRow, now: Date): string {
  const of = r.levels.length;
  switch (r.status) {
    case "PENDING_APPROVAL":
      return `Waiting for ${r.levels[r.currentLevel - 1]?.role ?? "an approver"} (level ${r.currentLevel} of ${of})${r.expiresAt ? `; expires ${formatRelative(r.expiresAt, now)}` : ""}`;
    case "CHANGES_REQUESTED":
      return `Sent back for changes${r.decisionReason ? `: “${r.decisionReason}”` : ""} — edit or cancel it on the case page${r.expiresAt ? ` (expires ${formatRelative(r.expiresAt, now)})` : ""}`;
    case "APPROVED":
      return r.autoApproved ? "Auto-approved by the policy" : `Approved (${of} level${of === 1 ? "" : "s"})`;
    case "REJECTED":
      return `Rejected${r.decisionReason ? `: “${r.decisionReason}”` : ""}`;
    case "EXPIRED":
      return "Expired before it was decided";
    case "CANCELLED":
      return `Cancelled${r.decisionReason ? `: “${r.decisionReason}”` : ""}`;
    default:
      return humanize(r.status);
  }
}

/** The viewer's own requests, newest first; a request sent back for changes links to its edit form. */
export function MyRequests({ rows, now }: { rows: MyRequestRow[]; now: Date }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600" data-testid="my-requests-empty">You have not proposed any action yet. Propose one from a case page.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="my-requests">
      {rows.map((r) => (
        <li key={r.id} className="space-y-1 py-2.5 text-sm first:pt-0 last:pb-0" data-testid="my-request" data-action-id={r.id} data-status={r.status}>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={r.status} />
            <span className="font-medium">
              {humanize(r.type)} · {r.quantity == null ? "—" : `${formatNumber(r.quantity)} units`} · {formatUsd(r.valueUsd)}
            </span>
            <Link href={`/cases/${r.case.id}`} className="text-brand-700 underline underline-offset-2">
              #{r.case.number} {r.case.title}
            </Link>
            <span className="text-xs text-slate-600">
              {r.case.siteCode} · requested {formatRelative(r.requestedAt, now)}
              {r.revision > 1 && ` · revision ${r.revision}`}
            </span>
          </div>
          <p className="text-slate-800" data-testid="my-request-standing">
            {standing(r, now)}
            {r.status === "CHANGES_REQUESTED" && (
              <>
                {" "}
                <Link href={`/cases/${r.case.id}#decision`} className="font-medium text-brand-700 underline underline-offset-2" data-testid="edit-request-link">
                  Edit the request
                </Link>
              </>
            )}
          </p>
          <p className="text-xs text-slate-600">{r.policyReason}</p>
          {r.approvals.length > 0 && (
            <div className="text-xs text-slate-700">
              <ApprovalSteps steps={r.approvals} revision={r.revision} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
