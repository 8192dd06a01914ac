"use client";
import { useEffect, useState } from "react";
import { CASE_STATUSES, SEVERITIES, type CasesQuery } from "@/lib/search-params/cases";
import { humanize } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";

function ToggleGroup<T extends string>({ label, values, selected, onChange, format = humanize }: { label: string; values: readonly T[]; selected: T[]; onChange: (v: T[]) => void; format?: (v: T) => string }) {
  return (
    <fieldset className="flex flex-wrap items-center gap-1">
      <legend className="sr-only">{label}</legend>
      <span className="mr-1 text-xs font-medium text-slate-500" aria-hidden>
        {label}
      </span>
      {values.map((v) => {
        const on = selected.includes(v);
        return (
          <button
            key={v}
            type="button"
            aria-pressed={on}
            onClick={() => onChange(on ? selected.filter((s) => s !== v) : [...selected, v])}
            className={cn("rounded-full px-2 py-0.5 text-xs ring-1 ring-inset", on ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50")}
          >
            {format(v)}
          </button>
        );
      })}
    </fieldset>
  );
}

/** Search box and filter chips; every change is written to the URL by the parent. */
export function CaseQueueToolbar({ query, sites, onChange, busy }: { query: CasesQuery; sites: string[]; onChange: (p: Partial<CasesQuery>) => void; busy: boolean }) {
  const [text, setText] = useState(query.q ?? "");
  useEffect(() => setText(query.q ?? ""), [query.q]);
  // Debounce typing so each keystroke is not a query.
  useEffect(() => {
    if ((query.q ?? "") === text) return;
    const t = setTimeout(() => onChange({ q: text || undefined }), 350);
    return () => clearTimeout(t);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-3">
        <label className="sr-only" htmlFor="case-search">
          Search cases
        </label>
        <input
          id="case-search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search title, SKU, PO or order number, #case"
          className="w-80 max-w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        {sites.length > 1 && <ToggleGroup label="Site" values={sites} selected={query.site} onChange={(site) => onChange({ site })} format={(s) => s} />}
        <span className={cn("text-xs text-slate-500 transition-opacity", busy ? "opacity-100" : "opacity-0")} role="status">
          Updating…
        </span>
      </div>
      <div className="flex flex-wrap gap-4">
        <ToggleGroup label="Severity" values={SEVERITIES} selected={query.severity} onChange={(severity) => onChange({ severity })} />
        <ToggleGroup label="Status" values={CASE_STATUSES} selected={query.status} onChange={(status) => onChange({ status })} />
      </div>
    </div>
  );
}
