"use client";
import type { CasesQuery } from "@/lib/search-params/cases-url";
import { hasActiveFilters } from "@/lib/search-params/queue-layout";
import { useEmptyReason } from "@/components/case-queue/use-empty-reason";

const link = "font-medium text-brand-700 underline underline-offset-2";

/** An empty queue that says why, and offers the way out that fits. Only rendered after a successful request. */
export function CaseQueueEmpty({ query, total, onChange, onClearAll }: { query: CasesQuery; total: number; onChange: (p: Partial<CasesQuery>) => void; onClearAll: () => void }) {
  const reason = useEmptyReason(query, total, true);
  const filtered = hasActiveFilters(query);
  let text: React.ReactNode;
  switch (reason.kind) {
    case "past-end":
      text = (
        <>
          This page is past the end of the {total} matching cases.{" "}
          <button type="button" className={link} onClick={() => onChange({ page: 1 })}>
            Go to the first page
          </button>
        </>
      );
      break;
    case "no-cases":
      text = "There are no unresolved cases in your sites. Detection has found nothing that needs you right now.";
      break;
    case "all-snoozed":
      text = (
        <>
          {filtered ? "Every case that matches these filters is snoozed" : "Every unresolved case in your sites is snoozed"} ({reason.snoozed}).{" "}
          <button type="button" className={link} onClick={() => onChange({ snoozed: "only" })}>
            Show snoozed cases
          </button>
        </>
      );
      break;
    case "checking":
      text = "No cases match these filters. Checking whether that is because of the filters or snoozed cases…";
      break;
    default:
      text = (
        <>
          {query.snoozed === "only" ? "No snoozed cases match these filters." : "No cases match these filters in your sites."}{" "}
          {filtered && (
            <button type="button" className={link} onClick={onClearAll}>
              Clear all filters
            </button>
          )}
        </>
      );
  }
  return (
    <p className="p-6 text-center text-sm text-slate-700" data-testid="empty-queue" data-reason={reason.kind}>
      {text}
    </p>
  );
}
