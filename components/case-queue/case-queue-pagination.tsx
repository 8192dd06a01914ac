"use client";
import { PAGE_SIZES } from "@/lib/search-params/cases-url";
import { Button } from "@/components/ui/button";

/**
 * Page controls for the server-paged queue. When the server capped the count (`capped`), `total` is a lower bound:
 * it is shown as "1,000+" and Next stays available while the page is full.
 */
export function CaseQueuePagination({ page, pageSize, total, capped, rowsOnPage, onPage, onPageSize }: {
  page: number;
  pageSize: number;
  total: number;
  capped: boolean;
  rowsOnPage: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const from = rowsOnPage === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = (page - 1) * pageSize + rowsOnPage;
  const totalText = `${total.toLocaleString("en-US")}${capped ? "+" : ""}`;
  const hasNext = capped ? rowsOnPage === pageSize : page < pageCount;
  return (
    <nav aria-label="Queue pages" className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
      <span data-testid="queue-count">
        {from}–{to} of {totalText} cases
      </span>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1">
          Rows per page
          <select className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300" value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
            {PAGE_SIZES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <Button variant="secondary" onClick={() => onPage(page - 1)} disabled={page <= 1}>
          Previous
        </Button>
        <span data-testid="queue-page">
          Page {page} of {capped ? `${pageCount}+` : pageCount}
        </span>
        <Button variant="secondary" onClick={() => onPage(page + 1)} disabled={!hasNext}>
          Next
        </Button>
      </div>
    </nav>
  );
}
