"use client";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/lib/utils/cn";

/**
 * A button that shows and hides a panel (the disclosure pattern: aria-expanded + aria-controls). Escape and a
 * click outside close it and return focus to the button. `children` may be a function receiving `close`.
 */
export function PopoverDisclosure({
  label,
  buttonContent,
  children,
  align = "right",
  panelClassName,
  testId,
}: {
  label: string;
  buttonContent?: React.ReactNode;
  children: React.ReactNode | ((close: () => void) => React.ReactNode);
  align?: "left" | "right";
  panelClassName?: string;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
        className="inline-flex items-center gap-1 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
      >
        {buttonContent ?? label}
        <span aria-hidden>▾</span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={cn(
          "absolute z-20 mt-1 max-h-[70vh] w-72 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-lg border border-slate-200 bg-white p-3 shadow-lg",
          align === "right" ? "right-0" : "left-0",
          panelClassName,
        )}
      >
        {open && (typeof children === "function" ? children(close) : children)}
      </div>
    </div>
  );
}
