"use client";
import type { ReactTable } from "@tanstack/react-table";
import type { CaseRow } from "@/lib/server/dal/cases";
import type { caseQueueFeatures } from "@/components/case-queue/case-queue-columns";
import { PAGE_SIZES } from "@/lib/search-params/cases";
import { Button } from "@/components/ui/button";

/** Page controls driven by the table's (server-owned) pagination state. */
export function CaseQueuePagination({ table, total }: { table: ReactTable<typeof caseQueueFeatures, CaseRow>; total: number }) {
  const { pageIndex, pageSize } = table.state.pagination;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * pageSize);
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
      <span data-testid="queue-count">
        {from}–{to} of {total} cases
      </span>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-1">
          Rows
          <select
            className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300"
            value={pageSize}
            onChange={(e) => table.setPageSize(Number(e.target.value))}
          >
            {PAGE_SIZES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <Button variant="secondary" onClick={() => table.previousPage()} disabled={pageIndex === 0}>
          Previous
        </Button>
        <span>
          Page {pageIndex + 1} of {pageCount}
        </span>
        <Button variant="secondary" onClick={() => table.nextPage()} disabled={pageIndex + 1 >= pageCount}>
          Next
        </Button>
      </div>
    </div>
  );
}
