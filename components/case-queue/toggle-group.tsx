"use client";
import { humanize } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";

/** A labelled row of on/off pills (multi-select filter); each pill is a toggle button with aria-pressed. */
export function ToggleGroup<T extends string>({
  label,
  values,
  selected,
  onChange,
  format = humanize,
}: {
  label: string;
  values: readonly T[];
  selected: readonly T[];
  onChange: (v: T[]) => void;
  format?: (v: T) => string;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-1">
      <legend className="sr-only">{label}</legend>
      <span className="mr-1 text-xs font-medium text-slate-600" aria-hidden>
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
