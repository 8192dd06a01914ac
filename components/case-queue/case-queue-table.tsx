"use client";
import { useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FlexRender, useTable, type PaginationState, type SortingState, type Updater } from "@tanstack/react-table";
import type { CasePage } from "@/lib/server/dal/cases";
import { casesQueryToSearchParams, parseCasesQuery, type CasesQuery, type CaseSortColumn } from "@/lib/search-params/cases";
import { caseQueueColumns, caseQueueFeatures } from "@/components/case-queue/case-queue-columns";
import { CaseQueueToolbar } from "@/components/case-queue/case-queue-toolbar";
import { CaseQueuePagination } from "@/components/case-queue/case-queue-pagination";
import { Notice } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";

const apply = <T,>(updater: Updater<T>, old: T): T => (typeof updater === "function" ? (updater as (o: T) => T)(old) : updater);

async function fetchCases(query: CasesQuery): Promise<CasePage> {
  const res = await fetch(`/api/cases?${casesQueryToSearchParams(query)}`, { cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 401 ? "Your session ended; sign in again." : `The queue request failed (${res.status}).`);
  return res.json();
}

/**
 * The ranked queue. State lives in the URL (shareable links); PostgreSQL sorts, filters and pages.
 * The server rendered the first page; React Query refetches on URL change and every 30 s.
 */
export function CaseQueueTable({ initialQuery, initialPage, sites }: { initialQuery: CasesQuery; initialPage: CasePage; sites: string[] }) {
  const searchParams = useSearchParams();
  const query = useMemo(() => parseCasesQuery(new URLSearchParams(searchParams.toString())), [searchParams]);
  const queryKey = casesQueryToSearchParams(query).toString();
  const isInitial = queryKey === casesQueryToSearchParams(initialQuery).toString();

  const { data, error, isFetching, isPlaceholderData } = useQuery({
    queryKey: ["cases", queryKey],
    queryFn: () => fetchCases(query),
    initialData: isInitial ? initialPage : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const page = data ?? initialPage;

  const setQuery = (patch: Partial<CasesQuery>) => {
    const next = { ...query, ...patch };
    // Any change other than paging returns to page 1.
    if (!("page" in patch)) next.page = 1;
    const qs = casesQueryToSearchParams(next).toString();
    // history.replaceState updates useSearchParams without a server round trip (the API call is enough).
    window.history.replaceState(null, "", qs ? `/cases?${qs}` : "/cases");
  };

  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.pageSize };
  const now = useMemo(() => new Date(), [page]); // eslint-disable-line react-hooks/exhaustive-deps
  const columns = useMemo(() => caseQueueColumns(now), [now]);

  const table = useTable({
    features: caseQueueFeatures,
    columns,
    data: page.rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    rowCount: page.total,
    state: { sorting, pagination },
    onSortingChange: (u) => {
      const s = apply(u, sorting)[0];
      if (s) setQuery({ sort: s.id as CaseSortColumn, dir: s.desc ? "desc" : "asc" });
    },
    onPaginationChange: (u) => {
      const p = apply(u, pagination);
      setQuery({ page: p.pageIndex + 1, pageSize: p.pageSize as CasesQuery["pageSize"] });
    },
  });

  return (
    <div className="space-y-3">
      <CaseQueueToolbar query={query} sites={sites} onChange={setQuery} busy={isFetching} />
      {error && <Notice>{error.message} The rows below may be out of date.</Notice>}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className={cn("w-full text-sm", isPlaceholderData && "opacity-60")} aria-busy={isFetching}>
          <caption className="sr-only">Cases ranked by score; {page.total} matching</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} scope="col" className="px-3 py-2" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
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
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50" data-testid="case-row">
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-top">
                    <FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 && !error && (
          <p className="p-6 text-center text-sm text-slate-600" data-testid="empty-queue">
            No cases match these filters in your sites. Clear a filter to see more.
          </p>
        )}
      </div>
      <CaseQueuePagination table={table} total={page.total} />
    </div>
  );
}
