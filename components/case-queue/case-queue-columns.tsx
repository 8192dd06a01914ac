import Link from "next/link";
import { createColumnHelper, rowPaginationFeature, rowSortingFeature, tableFeatures } from "@tanstack/react-table";
import type { CaseRow } from "@/lib/server/dal/cases";
import { CASE_SORT_COLUMNS } from "@/lib/search-params/cases";
import { SeverityBadge, StatusBadge } from "@/components/ui/badge";
import { formatPercent, formatRelative, formatUsd, humanize } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";

/** Table features: sorting and pagination only, both owned by the server (manual mode). */
export const caseQueueFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature });

const col = createColumnHelper<typeof caseQueueFeatures, CaseRow>();
const sortable = (id: string) => (CASE_SORT_COLUMNS as readonly string[]).includes(id);

function SlaCell({ due, now }: { due: string; now: Date }) {
  const overdue = new Date(due).getTime() < now.getTime();
  return <span className={cn("whitespace-nowrap", overdue ? "font-medium text-rose-700" : "text-slate-700")}>{overdue ? `overdue ${formatRelative(due, now).replace(" ago", "")}` : formatRelative(due, now)}</span>;
}

/** Column definitions; `now` is passed in so server and client render the same relative times. */
export function caseQueueColumns(now: Date) {
  return col.columns([
    col.accessor("number", {
      id: "number",
      header: "#",
      enableSorting: sortable("number"),
      cell: (info) => <span className="tabular-nums text-slate-500">{info.getValue()}</span>,
    }),
    col.accessor("severity", {
      id: "severity",
      header: "Severity",
      enableSorting: sortable("severity"),
      cell: (info) => <SeverityBadge severity={info.getValue()} />,
    }),
    col.accessor("score", {
      id: "score",
      header: "Score",
      enableSorting: sortable("score"),
      cell: (info) => <span className="font-semibold tabular-nums">{formatUsd(info.getValue())}</span>,
    }),
    col.accessor("title", {
      id: "title",
      header: "Case",
      enableSorting: false,
      cell: (info) => {
        const row = info.row.original;
        return (
          <div className="min-w-64">
            <Link href={`/cases/${row.id}`} className="font-medium text-brand-700 hover:underline" data-testid="case-link">
              {row.title}
            </Link>
            <div className="mt-0.5 flex flex-wrap gap-1 text-xs text-slate-500">
              {row.types.map((t) => (
                <span key={t} className="rounded bg-slate-100 px-1 text-slate-700">
                  {humanize(t)}
                </span>
              ))}
            </div>
          </div>
        );
      },
    }),
    col.accessor("siteCode", { id: "site", header: "Site", enableSorting: false, cell: (info) => <span className="whitespace-nowrap">{info.getValue()}</span> }),
    col.accessor("exposure", {
      id: "exposure",
      header: "$ at risk",
      enableSorting: sortable("exposure"),
      cell: (info) => <span className="tabular-nums">{formatUsd(info.getValue())}</span>,
    }),
    col.accessor("confidence", {
      id: "confidence",
      header: "Confidence",
      enableSorting: false,
      cell: (info) => <span className={cn("tabular-nums", info.getValue() < 1 && "text-amber-700")}>{formatPercent(info.getValue())}</span>,
    }),
    col.accessor("status", { id: "status", header: "Status", enableSorting: false, cell: (info) => <StatusBadge status={info.getValue()} /> }),
    col.accessor("slaDueAt", { id: "slaDueAt", header: "SLA", enableSorting: sortable("slaDueAt"), cell: (info) => <SlaCell due={info.getValue()} now={now} /> }),
    col.accessor("openedAt", {
      id: "openedAt",
      header: "Opened",
      enableSorting: sortable("openedAt"),
      cell: (info) => <span className="whitespace-nowrap text-slate-600">{formatRelative(info.getValue(), now)}</span>,
    }),
  ]);
}
