import { cn } from "@/lib/utils/cn";

/** "1 Choose a file · 2 Map columns · 3 Import", the current step marked for screen readers as well as by colour. */
export function StepIndicator({ steps, current }: { steps: string[]; current: number }) {
  return (
    <ol className="flex flex-wrap items-center gap-2 text-xs" aria-label="Import steps" data-testid="import-steps">
      {steps.map((label, i) => (
        <li key={label} aria-current={i === current ? "step" : undefined} className="flex items-center gap-2">
          <span
            className={cn(
              "inline-flex size-5 items-center justify-center rounded-full font-semibold",
              i === current ? "bg-brand-600 text-white" : i < current ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-600",
            )}
            aria-hidden
          >
            {i + 1}
          </span>
          <span className={i === current ? "font-semibold text-slate-900" : "text-slate-600"}>
            {label}
            {i < current && <span className="sr-only"> (done)</span>}
          </span>
          {i < steps.length - 1 && (
            <span aria-hidden className="text-slate-500">
              ›
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
