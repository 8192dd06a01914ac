"use client";
import { useId, useState } from "react";
import { CASE_STATUSES, SEVERITIES, type CasesQuery } from "@/lib/search-params/cases-url";
import type { QueueFacets } from "@/components/case-queue/queue-types";
import { SearchBox } from "@/components/case-queue/search-box";
import { ToggleGroup } from "@/components/case-queue/toggle-group";
import { AssigneeFilter } from "@/components/case-queue/assignee-filter";
import { MoreFiltersPanel } from "@/components/case-queue/more-filters-panel";
import { cn } from "@/lib/utils/cn";

// Up to this many sites fit inline as pills; more go to the "More filters" panel as a checklist.
const INLINE_SITE_LIMIT = 4;

/** Search and the most used filters inline; everything else behind "More filters". Changes go to the URL. */
export function CaseQueueToolbar({
  query,
  facets,
  onChange,
  busy,
  searchRef,
  end,
}: {
  query: CasesQuery;
  facets: QueueFacets;
  onChange: (p: Partial<CasesQuery>) => void;
  busy: boolean;
  searchRef: React.Ref<HTMLInputElement>;
  /** Layout and view controls shown at the end of the first row. */
  end: React.ReactNode;
}) {
  const [more, setMore] = useState(false);
  const panelId = useId();
  const sitesInline = facets.sites.length > 1 && facets.sites.length <= INLINE_SITE_LIMIT;
  // Active filters hidden in the panel, counted on its button so a closed panel does not hide them.
  const activeHiddenFilters =
    query.type.length +
    query.supplier.length +
    query.tier.length +
    query.sla.length +
    query.freshness.length +
    (sitesInline ? 0 : query.site.length) +
    (query.snoozed === "hide" ? 0 : 1) +
    [query.scoreMin, query.scoreMax, query.exposureMin, query.exposureMax, query.ageMin, query.ageMax].filter((v) => v !== undefined).length;
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3" data-testid="queue-toolbar">
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox value={query.q} onChange={(q) => onChange({ q })} inputRef={searchRef} />
        <span className={cn("text-xs text-slate-600 transition-opacity", busy ? "opacity-100" : "opacity-0")} role="status">
          {busy ? "Updating…" : ""}
        </span>
        <div className="ml-auto flex flex-wrap items-center gap-2">{end}</div>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <ToggleGroup label="Severity" values={SEVERITIES} selected={query.severity} onChange={(severity) => onChange({ severity })} />
        <ToggleGroup label="Status" values={CASE_STATUSES} selected={query.status} onChange={(status) => onChange({ status })} />
        {sitesInline && <ToggleGroup label="Site" values={facets.sites.map((s) => s.code)} selected={query.site} onChange={(site) => onChange({ site })} format={(s) => s} />}
        <AssigneeFilter value={query.assignee} users={facets.assignees} onChange={(assignee) => onChange({ assignee })} />
        <button
          type="button"
          aria-expanded={more}
          aria-controls={panelId}
          onClick={() => setMore((m) => !m)}
          className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          More filters{activeHiddenFilters > 0 && ` (${activeHiddenFilters})`}
          <span aria-hidden>{more ? "▴" : "▾"}</span>
        </button>
      </div>
      {more ? <MoreFiltersPanel id={panelId} query={query} facets={facets} showSites={!sitesInline && facets.sites.length > 1} onChange={onChange} /> : <div id={panelId} hidden />}
    </div>
  );
}
