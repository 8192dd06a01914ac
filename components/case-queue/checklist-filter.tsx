"use client";
import { useId, useState } from "react";

/** A multi-select as a list of checkboxes, with a quick filter when the list is long (suppliers, types). */
export function ChecklistFilter({ label, options, selected, onChange }: { label: string; options: { value: string; label: string }[]; selected: readonly string[]; onChange: (v: string[]) => void }) {
  const [find, setFind] = useState("");
  const findId = useId();
  const shown = find ? options.filter((o) => `${o.value} ${o.label}`.toLowerCase().includes(find.toLowerCase())) : options;
  return (
    <fieldset className="min-w-0 space-y-1">
      <legend className="text-xs font-semibold text-slate-700">{label}</legend>
      {options.length > 8 && (
        <>
          <label htmlFor={findId} className="sr-only">
            Find {label.toLowerCase()}
          </label>
          <input
            id={findId}
            type="search"
            value={find}
            onChange={(e) => setFind(e.target.value)}
            placeholder={`Find ${label.toLowerCase()}…`}
            className="w-full rounded-md border-0 px-2 py-1 text-xs ring-1 ring-inset ring-slate-300 placeholder:text-slate-500"
          />
        </>
      )}
      <div className="max-h-40 space-y-0.5 overflow-y-auto pr-1">
        {shown.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-400"
              checked={selected.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((s) => s !== o.value))}
            />
            <span className="truncate">{o.label}</span>
          </label>
        ))}
        {shown.length === 0 && <p className="text-xs text-slate-600">Nothing matches “{find}”.</p>}
      </div>
    </fieldset>
  );
}
