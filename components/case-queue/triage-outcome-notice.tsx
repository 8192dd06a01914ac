"use client";
import type { TriageOutcome } from "@/components/case-queue/use-triage";

/** The result of the last bulk or keyboard triage call, with the reason each skipped case was left alone. */
export function TriageOutcomeNotice({ outcome, labelOf, onDismiss }: { outcome: TriageOutcome; labelOf: (caseId: string) => string; onDismiss: () => void }) {
  const tone = outcome.tone === "success" ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-200 bg-amber-50 text-amber-900";
  return (
    <div role="status" className={`rounded-md border px-3 py-2 text-sm ${tone}`} data-testid="triage-outcome">
      <div className="flex items-start justify-between gap-2">
        <p className="font-medium">{outcome.message}</p>
        <button type="button" onClick={onDismiss} className="rounded px-1 text-xs underline underline-offset-2">
          Dismiss
        </button>
      </div>
      {outcome.skipped.length > 0 && (
        <div className="mt-1">
          <p>
            {outcome.skipped.length} case{outcome.skipped.length === 1 ? " was" : "s were"} skipped:
          </p>
          <ul className="ml-4 list-disc" data-testid="triage-skipped">
            {outcome.skipped.map((s) => (
              <li key={s.caseId}>
                {labelOf(s.caseId)}: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
