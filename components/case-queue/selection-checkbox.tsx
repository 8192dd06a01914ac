"use client";
import { useEffect, useRef } from "react";

/** A checkbox that can show the mixed state ("some rows on this page selected"). */
export function SelectionCheckbox({ checked, indeterminate = false, onChange, label, testId }: { checked: boolean; indeterminate?: boolean; onChange: (checked: boolean) => void; label: string; testId?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate && !checked;
  }, [indeterminate, checked]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="size-4 rounded border-slate-400 text-brand-600 focus:ring-brand-500"
      checked={checked}
      aria-label={label}
      data-testid={testId}
      onChange={(e) => onChange(e.target.checked)}
      onClick={(e) => e.stopPropagation()}
    />
  );
}
