"use client";
import { CUSTOMER_TIERS, FRESHNESS_STATES, SLA_STATES, SNOOZE_VIEWS, STALE_AFTER_HOURS, type CasesQuery } from "@/lib/search-params/cases-url";
import type { QueueFacets } from "@/components/case-queue/queue-types";
import { ChecklistFilter } from "@/components/case-queue/checklist-filter";
import { RangeFilter } from "@/components/case-queue/range-filter";
import { ToggleGroup } from "@/components/case-queue/toggle-group";
import { humanize } from "@/lib/utils/format";

const SLA_LABELS: Record<(typeof SLA_STATES)[number], string> = { breached: "Breached", due_soon: "Due soon", on_track: "On track" };
const FRESHNESS_LABELS: Record<(typeof FRESHNESS_STATES)[number], string> = { fresh: "Fresh", stale: `Stale (over ${STALE_AFTER_HOURS} h)` };
const SNOOZE_LABELS: Record<(typeof SNOOZE_VIEWS)[number], string> = { hide: "Hide snoozed", only: "Only snoozed", include: "Include snoozed" };

/** Every filter that is not inline in the toolbar. Changes apply at once (and go to the URL). */
export function MoreFiltersPanel({ id, query, facets, showSites, onChange }: { id: string; query: CasesQuery; facets: QueueFacets; showSites: boolean; onChange: (p: Partial<CasesQuery>) => void }) {
  return (
    <div id={id} className="grid gap-4 border-t border-slate-100 pt-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="more-filters">
      <ChecklistFilter label="Exception type" options={facets.types.map((t) => ({ value: t, label: humanize(t) }))} selected={query.type} onChange={(type) => onChange({ type })} />
      <ChecklistFilter label="Supplier" options={facets.suppliers.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))} selected={query.supplier} onChange={(supplier) => onChange({ supplier })} />
      {showSites && <ChecklistFilter label="Site" options={facets.sites.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))} selected={query.site} onChange={(site) => onChange({ site })} />}
      <div className="space-y-3">
        <ToggleGroup label="Customer tier" values={CUSTOMER_TIERS} selected={query.tier} onChange={(tier) => onChange({ tier })} />
        <ToggleGroup label="SLA" values={SLA_STATES} selected={query.sla} onChange={(sla) => onChange({ sla })} format={(v) => SLA_LABELS[v]} />
        <ToggleGroup label="Data" values={FRESHNESS_STATES} selected={query.freshness} onChange={(freshness) => onChange({ freshness })} format={(v) => FRESHNESS_LABELS[v]} />
        <fieldset className="space-y-1">
          <legend className="text-xs font-semibold text-slate-700">Snoozed cases</legend>
          {SNOOZE_VIEWS.map((v) => (
            <label key={v} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" name={`${id}-snoozed`} value={v} checked={query.snoozed === v} onChange={() => onChange({ snoozed: v })} />
              {SNOOZE_LABELS[v]}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="space-y-3">
        <RangeFilter label="Score" unit="$" value={{ min: query.scoreMin, max: query.scoreMax }} onChange={(r) => onChange({ scoreMin: r.min, scoreMax: r.max })} />
        <RangeFilter label="$ at risk" unit="$" value={{ min: query.exposureMin, max: query.exposureMax }} onChange={(r) => onChange({ exposureMin: r.min, exposureMax: r.max })} />
        <RangeFilter label="Age" unit="days open" value={{ min: query.ageMin, max: query.ageMax }} onChange={(r) => onChange({ ageMin: r.min, ageMax: r.max })} />
      </div>
    </div>
  );
}
