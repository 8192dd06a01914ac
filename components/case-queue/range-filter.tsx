"use client";
import { useEffect, useId, useState } from "react";

type Range = { min: number | undefined; max: number | undefined };

/** A min–max number pair; a value is applied on Enter or when the field loses focus, not per keystroke. */
export function RangeFilter({ label, unit, value, onChange }: { label: string; unit?: string; value: Range; onChange: (r: Range) => void }) {
  const id = useId();
  const [min, setMin] = useState(value.min?.toString() ?? "");
  const [max, setMax] = useState(value.max?.toString() ?? "");
  useEffect(() => setMin(value.min?.toString() ?? ""), [value.min]);
  useEffect(() => setMax(value.max?.toString() ?? ""), [value.max]);
  const parse = (s: string) => (s.trim() === "" || !Number.isFinite(Number(s)) || Number(s) < 0 ? undefined : Number(s));
  const commit = () => {
    const next = { min: parse(min), max: parse(max) };
    if (next.min !== value.min || next.max !== value.max) onChange(next);
  };
  const input = "w-24 rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300";
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-semibold text-slate-700">
        {label}
        {unit && <span className="font-normal text-slate-600"> ({unit})</span>}
      </legend>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={`${id}-min`} className="sr-only">
          {label} minimum
        </label>
        <input id={`${id}-min`} type="number" min={0} inputMode="decimal" placeholder="min" className={input} value={min} onChange={(e) => setMin(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} />
        <span aria-hidden className="text-slate-600">
          –
        </span>
        <label htmlFor={`${id}-max`} className="sr-only">
          {label} maximum
        </label>
        <input id={`${id}-max`} type="number" min={0} inputMode="decimal" placeholder="max" className={input} value={max} onChange={(e) => setMax(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} />
      </div>
    </fieldset>
  );
}
