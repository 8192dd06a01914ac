import { createColumnHelper, rowPaginationFeature, rowSelectionFeature, rowSortingFeature, tableFeatures, type ColumnDef } from "@tanstack/react-table";
import type { QueueRow } from "@/components/case-queue/queue-types";
import type { QueueColumnId } from "@/lib/search-params/cases-url";
import { COLUMN_LABELS, SORT_KEY_OF_COLUMN } from "@/components/case-queue/column-labels";
import { SlaCell } from "@/components/case-queue/sla-cell";
import { FreshnessCell } from "@/components/case-queue/freshness-cell";
import { CaseTitleCell } from "@/components/case-queue/case-title-cell";
import { SelectionCheckbox } from "@/components/case-queue/selection-checkbox";
import { SeverityBadge, StatusBadge } from "@/components/ui/badge";
import { formatRelative, formatUsd, humanize } from "@/lib/utils/format";

/** Table features: sorting and pagination are owned by the server (manual mode); selection is local. */
export const caseQueueFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature, rowSelectionFeature });

const col = createColumnHelper<typeof caseQueueFeatures, QueueRow>();
const sortable = (id: QueueColumnId) => SORT_KEY_OF_COLUMN[id] !== undefined;
const muted = (text: string) => <span className="whitespace-nowrap text-slate-600">{text}</span>;

/** Every column definition by id; `now` is passed in so server and client render the same relative times. */
function allColumns(now: Date) {
  return {
    select: col.display({
      id: "select",
      header: ({ table }) => (
        <SelectionCheckbox
          label="Select all cases on this page"
          testId="select-all-on-page"
          checked={table.getIsAllPageRowsSelected()}
          indeterminate={table.getIsSomePageRowsSelected()}
          onChange={(on) => table.toggleAllPageRowsSelected(on)}
        />
      ),
      cell: ({ row }) => <SelectionCheckbox label={`Select case #${row.original.number}`} checked={row.getIsSelected()} onChange={(on) => row.toggleSelected(on)} />,
    }),
    number: col.accessor("number", { id: "number", header: COLUMN_LABELS.number, cell: (info) => <span className="tabular-nums text-slate-600">#{info.getValue()}</span> }),
    title: col.accessor("title", { id: "title", header: COLUMN_LABELS.title, cell: (info) => <CaseTitleCell row={info.row.original} /> }),
    types: col.accessor("types", {
      id: "types",
      header: COLUMN_LABELS.types,
      cell: (info) => (
        <div className="flex min-w-40 flex-wrap gap-1 text-xs">
          {info.getValue().map((t) => (
            <span key={t} className="rounded bg-slate-100 px-1 text-slate-700">
              {humanize(t)}
            </span>
          ))}
        </div>
      ),
    }),
    severity: col.accessor("severity", { id: "severity", header: COLUMN_LABELS.severity, cell: (info) => <SeverityBadge severity={info.getValue()} /> }),
    score: col.accessor("score", { id: "score", header: COLUMN_LABELS.score, cell: (info) => <span className="font-semibold tabular-nums">{formatUsd(info.getValue())}</span> }),
    exposure: col.accessor("exposure", { id: "exposure", header: COLUMN_LABELS.exposure, cell: (info) => <span className="tabular-nums">{formatUsd(info.getValue())}</span> }),
    site: col.accessor("siteCode", { id: "site", header: COLUMN_LABELS.site, cell: (info) => <span className="whitespace-nowrap">{info.getValue()}</span> }),
    supplier: col.accessor("supplierCode", { id: "supplier", header: COLUMN_LABELS.supplier, cell: (info) => (info.getValue() ? <span className="whitespace-nowrap">{info.getValue()}</span> : muted("—")) }),
    tier: col.accessor("customerTier", { id: "tier", header: COLUMN_LABELS.tier, cell: (info) => (info.getValue() ? humanize(info.getValue()!) : muted("—")) }),
    status: col.accessor("status", { id: "status", header: COLUMN_LABELS.status, cell: (info) => <StatusBadge status={info.getValue()} /> }),
    assignee: col.accessor("assigneeName", {
      id: "assignee",
      header: COLUMN_LABELS.assignee,
      cell: (info) => <span data-testid="assignee-cell">{info.getValue() ? <span className="whitespace-nowrap">{info.getValue()}</span> : muted("Unassigned")}</span>,
    }),
    sla: col.accessor("slaDueAt", { id: "sla", header: COLUMN_LABELS.sla, cell: (info) => <SlaCell due={info.getValue()} now={now} /> }),
    age: col.accessor("openedAt", { id: "age", header: COLUMN_LABELS.age, cell: (info) => muted(formatRelative(info.getValue(), now)) }),
    freshness: col.accessor("dataAsOf", { id: "freshness", header: COLUMN_LABELS.freshness, cell: (info) => <FreshnessCell dataAsOf={info.getValue()} now={now} /> }),
  } satisfies Record<QueueColumnId, unknown>;
}

/** The visible columns in display order; the selection column only for viewers who may triage. */
export function caseQueueColumns(now: Date, visible: readonly QueueColumnId[], canTriage: boolean): ColumnDef<typeof caseQueueFeatures, QueueRow, unknown>[] {
  const defs = allColumns(now) as Record<QueueColumnId, ColumnDef<typeof caseQueueFeatures, QueueRow, unknown>>;
  return visible.filter((id) => canTriage || id !== "select").map((id) => ({ ...defs[id], enableSorting: sortable(id) }));
}
