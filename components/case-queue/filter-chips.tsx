"use client";
import type { CasesQuery } from "@/lib/search-params/cases-url";
import type { FilterChip } from "@/components/case-queue/filter-chips-model";

/** Active filters as removable chips, plus "Clear all". Nothing is rendered when no filter is active. */
export function FilterChips({ chips, onChange, onClearAll }: { chips: FilterChip[]; onChange: (p: Partial<CasesQuery>) => void; onClearAll: () => void }) {
  if (chips.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="filter-chips">
      <span className="text-xs font-medium text-slate-600">Filters:</span>
      <ul className="flex flex-wrap items-center gap-1.5">
        {chips.map((chip) => (
          <li key={chip.id} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-2.5 pr-1 text-xs text-brand-700 ring-1 ring-inset ring-brand-100">
            {chip.label}
            <button type="button" onClick={() => onChange(chip.remove)} aria-label={`Remove filter ${chip.label}`} className="rounded-full px-1 text-brand-700 hover:bg-brand-100">
              <span aria-hidden>×</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClearAll} className="ml-1 text-xs font-medium text-brand-700 underline underline-offset-2">
        Clear all
      </button>
    </div>
  );
}
