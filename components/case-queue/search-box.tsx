"use client";
import { useEffect, useState } from "react";

/** The queue's free-text search; typing is debounced so each keystroke is not a query. "/" focuses it. */
export function SearchBox({ value, onChange, inputRef }: { value: string | undefined; onChange: (q: string | undefined) => void; inputRef?: React.Ref<HTMLInputElement> }) {
  const [text, setText] = useState(value ?? "");
  useEffect(() => setText(value ?? ""), [value]);
  useEffect(() => {
    if ((value ?? "") === text.trim()) return;
    const t = setTimeout(() => onChange(text.trim() || undefined), 350);
    return () => clearTimeout(t);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="w-full max-w-sm min-w-48 flex-1">
      <label className="sr-only" htmlFor="case-search">
        Search cases
      </label>
      <input
        id="case-search"
        ref={inputRef}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onChange(text.trim() || undefined);
          // Escape hands the keyboard back to the queue shortcuts.
          if (e.key === "Escape") e.currentTarget.blur();
        }}
        placeholder="Search title, SKU, PO or order number, #case  ( / )"
        className="w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-brand-500"
      />
    </div>
  );
}
