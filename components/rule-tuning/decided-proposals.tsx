import Link from "next/link";
import type { ProposalView } from "@/lib/server/dal/rule-tuning";
import { StatusBadge } from "@/components/ui/badge";
import { formatDateTime, humanize } from "@/lib/utils/format";
import { formatThreshold, thresholdLabel } from "./format";

/** The last decided proposals: accepted (with the version they created), dismissed (with the reason) and superseded. */
export function DecidedProposals({ proposals }: { proposals: ProposalView[] }) {
  if (proposals.length === 0) return <p className="text-sm text-slate-600">No proposal has been decided yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="decided-proposals">
      {proposals.map((p) => (
        <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2" data-testid="decided-proposal" data-status={p.status} data-rule={p.ruleType}>
          <div className="min-w-0">
            <span className="font-medium text-slate-900">
              {humanize(p.ruleType)}: {thresholdLabel(p.thresholdKey)} {formatThreshold(p.thresholdKey, p.currentValue)} → {formatThreshold(p.thresholdKey, p.proposedValue)}
            </span>
            <span className="block text-xs text-slate-600">
              {p.decidedAt ? formatDateTime(p.decidedAt) : "—"}
              {p.decidedBy ? ` by ${p.decidedBy}` : p.status === "SUPERSEDED" ? " by a newer computation" : ""}
              {p.decisionNote ? ` — “${p.decisionNote}”` : ""}
            </span>
          </div>
          <span className="flex items-center gap-2">
            {p.acceptedVersion && (
              <Link href="/admin/detection#versions" className="text-xs text-brand-700 underline underline-offset-2">
                version {p.acceptedVersion}
              </Link>
            )}
            <StatusBadge status={p.status} />
          </span>
        </li>
      ))}
    </ul>
  );
}
