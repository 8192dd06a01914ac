"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { KpiCard as KpiCardId } from "@/lib/search-params/kpi";
import { csvRow } from "@/lib/utils/csv";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/card";

/** Fetches one card's data from GET /api/kpi/[card]; each card has its own query, so one slow card never blocks another. */
export function useKpiCard<T>(card: KpiCardId, params: URLSearchParams) {
  const qs = params.toString();
  return useQuery<T>({
    queryKey: ["kpi", card, qs],
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/kpi/${card}?${qs}`, { signal, headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(res.status === 403 ? "Your role cannot read KPIs." : `The server answered ${res.status}.`);
      return (await res.json()) as T;
    },
    staleTime: 60_000,
    retry: 1,
  });
}

export type CsvTable = { columns: string[]; rows: unknown[][] };

/** Downloads `table` as CSV (formula cells neutralised by lib/utils/csv.ts). */
export function downloadCsv(fileName: string, table: CsvTable) {
  const text = csvRow(table.columns) + table.rows.map((r) => csvRow(r)).join("");
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * A dashboard card: title, a link to the KPI's definition, CSV export of exactly the data the chart shows, and its
 * own loading / error / empty states.
 */
export function KpiCard<T>({
  id,
  title,
  definition,
  query,
  csv,
  empty,
  controls,
  className,
  children,
}: {
  id: string;
  title: string;
  definition?: string;
  query: { data: T | undefined; isPending: boolean; isError: boolean; error: Error | null; refetch: () => unknown };
  csv?: (data: T) => CsvTable;
  empty?: (data: T) => boolean;
  controls?: React.ReactNode;
  className?: string;
  children: (data: T) => React.ReactNode;
}) {
  const { data } = query;
  return (
    <section className={`kpi-card rounded-lg border border-slate-200 bg-white shadow-sm ${className ?? ""}`} aria-labelledby={`${id}-title`} data-testid={`card-${id}`}>
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-800">
          {title}
        </h2>
        <div className="no-print flex items-center gap-2">
          {controls}
          {definition && (
            <Link href={`/kpi/definitions#${definition}`} className="text-xs text-brand-700 underline-offset-2 hover:underline">
              Definition
            </Link>
          )}
          {csv && data && (
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => downloadCsv(`kpi-${id}.csv`, csv(data))} data-testid={`csv-${id}`}>
              Export CSV
            </Button>
          )}
        </div>
      </header>
      <div className="p-4" aria-busy={query.isPending || undefined}>
        {query.isPending ? (
          <Skeleton className="h-48 w-full" />
        ) : query.isError ? (
          <div role="alert" className="flex items-center justify-between gap-2 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            <span>Could not load this card. {query.error?.message}</span>
            <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => query.refetch()}>
              Retry
            </Button>
          </div>
        ) : data && empty?.(data) ? (
          <p className="text-sm text-slate-600">No data in this period for your sites.</p>
        ) : data ? (
          children(data)
        ) : null}
      </div>
    </section>
  );
}

/** A compact table of drill-down links under a chart (also the chart's accessible equivalent). */
export function DrillTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: { key: string; href?: string; cells: React.ReactNode[] }[] }) {
  return (
    <table className="mt-3 w-full text-xs">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-left text-slate-600">
          {columns.map((c, i) => (
            <th key={c} scope="col" className={`py-1 font-medium ${i > 0 ? "text-right" : ""}`}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100">
            {r.cells.map((c, i) => (
              <td key={i} className={`py-1 tabular-nums ${i > 0 ? "text-right" : ""}`}>
                {i === 0 && r.href ? (
                  <Link href={r.href} className="text-brand-700 underline-offset-2 hover:underline" data-testid="drill-link">
                    {c}
                  </Link>
                ) : (
                  c
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
