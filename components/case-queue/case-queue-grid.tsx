"use client";
import { FlexRender, type ReactTable } from "@tanstack/react-table";
import type { QueueRow } from "@/components/case-queue/queue-types";
import type { caseQueueFeatures } from "@/components/case-queue/case-queue-columns";
import type { CasesQuery } from "@/lib/search-params/cases-url";
import { cn } from "@/lib/utils/cn";

/**
 * The queue table inside a horizontally scrollable region (tablet widths scroll the table, not the page).
 * The highlighted row is the table's single tab stop (roving tabindex) and says so with aria-current.
 */
export function CaseQueueGrid({
  table,
  total,
  focusedId,
  register,
  onRowFocus,
  density,
  dimmed,
  busy,
  children,
}: {
  table: ReactTable<typeof caseQueueFeatures, QueueRow>;
  total: string;
  focusedId: string | null;
  register: (id: string) => (el: HTMLTableRowElement | null) => void;
  onRowFocus: (id: string) => void;
  density: CasesQuery["density"];
  dimmed: boolean;
  busy: boolean;
  children?: React.ReactNode;
}) {
  const rows = table.getRowModel().rows;
  const tabStop = focusedId ?? rows[0]?.id;
  const pad = density === "compact" ? "px-2 py-1" : "px-3 py-2";
  return (
    <div tabIndex={0} role="region" aria-label="Case queue table (scrolls sideways on narrow screens)" className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2" data-testid="queue-table-region">
      <table className={cn("w-full text-sm", density === "compact" && "text-[13px]", dimmed && "opacity-60")} aria-busy={busy} data-density={density}>
        <caption className="sr-only">Cases ranked by score; {total} matching. Press ? for keyboard shortcuts.</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" className={cn(pad, "whitespace-nowrap")} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                    {header.column.getCanSort() ? (
                      <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
                        <FlexRender header={header} />
                        <span aria-hidden>{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                      </button>
                    ) : (
                      <FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const focused = row.id === focusedId;
            const selected = row.getIsSelected();
            return (
              <tr
                key={row.id}
                ref={register(row.id)}
                data-row-id={row.id}
                data-case-number={row.original.number}
                data-testid="case-row"
                data-focused={focused || undefined}
                tabIndex={row.id === tabStop ? 0 : -1}
                aria-current={focused ? "true" : undefined}
                onFocus={() => onRowFocus(row.id)}
                className={cn(
                  "outline-none hover:bg-slate-50",
                  selected && "bg-sky-50 hover:bg-sky-50",
                  focused && "bg-brand-50 shadow-[inset_3px_0_0_var(--color-brand-600)] hover:bg-brand-50 focus:ring-2 focus:ring-inset focus:ring-brand-500",
                )}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cn(pad, "align-top")}>
                    <FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {children}
    </div>
  );
}
