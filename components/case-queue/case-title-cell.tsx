import Link from "next/link";
import type { QueueRow } from "@/components/case-queue/queue-types";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/utils/format";

/** The case link plus flags a planner must not miss: snoozed, write-back failed, acknowledged. */
export function CaseTitleCell({ row }: { row: QueueRow }) {
  return (
    <div className="min-w-56">
      <Link href={`/cases/${row.id}`} className="font-medium text-brand-700 hover:underline" data-testid="case-link">
        {row.title}
      </Link>
      {(row.snoozed || row.writeBackFailed || row.acknowledgedAt) && (
        <div className="mt-0.5 flex flex-wrap gap-1">
          {row.snoozed && (
            <Badge className="bg-indigo-50 text-indigo-800 ring-indigo-300">
              <span data-testid="snoozed-badge">{row.snoozeUntil ? `Snoozed until ${formatDate(row.snoozeUntil)}` : "Snoozed"}</span>
            </Badge>
          )}
          {row.writeBackFailed && (
            <Badge className="bg-rose-50 text-rose-800 ring-rose-300">
              <span data-testid="writeback-failed-flag">Write-back failed</span>
            </Badge>
          )}
          {row.acknowledgedAt && <Badge className="bg-slate-50 text-slate-700 ring-slate-300">Acknowledged</Badge>}
        </div>
      )}
    </div>
  );
}
