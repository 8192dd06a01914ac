"use client";
import { DENSITIES, type CasesQuery } from "@/lib/search-params/cases-url";
import { cn } from "@/lib/utils/cn";

/** Comfortable or compact rows (kept in the URL with the rest of the layout). */
export function DensityToggle({ value, onChange }: { value: CasesQuery["density"]; onChange: (d: CasesQuery["density"]) => void }) {
  return (
    <fieldset className="inline-flex rounded-md ring-1 ring-inset ring-slate-300">
      <legend className="sr-only">Row density</legend>
      {DENSITIES.map((d) => (
        <button
          key={d}
          type="button"
          aria-pressed={value === d}
          onClick={() => onChange(d)}
          className={cn("px-2.5 py-1.5 text-sm first:rounded-l-md last:rounded-r-md", value === d ? "bg-slate-800 text-white" : "bg-white text-slate-700 hover:bg-slate-50")}
        >
          {d === "comfortable" ? "Comfortable" : "Compact"}
        </button>
      ))}
    </fieldset>
  );
}
