"use client";
import type { QueueFacets } from "@/components/case-queue/queue-types";
import { AssignPersonControl } from "@/components/case-queue/assign-person-control";
import { Button } from "@/components/ui/button";

export type BulkHandlers = {
  assign: (assigneeId: string | null) => void;
  acknowledge: () => void;
  snooze: () => void;
  wake: () => void;
  resolve: () => void;
  reopen: () => void;
};

/** Actions on the selected cases. Shown while anything is selected; the server decides case by case. */
export function BulkActionsBar({
  count,
  pageRows,
  viewerId,
  users,
  busy,
  on,
  onSelectPage,
  onClear,
}: {
  count: number;
  pageRows: number;
  viewerId: string;
  users: QueueFacets["assignees"];
  busy: boolean;
  on: BulkHandlers;
  onSelectPage: () => void;
  onClear: () => void;
}) {
  if (count === 0) return null;
  return (
    <section aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm" data-testid="bulk-bar" aria-busy={busy}>
      <span className="font-medium text-slate-900" data-testid="selected-count">
        {count} selected
      </span>
      {count < pageRows && (
        <button type="button" onClick={onSelectPage} className="text-brand-700 underline underline-offset-2">
          Select all {pageRows} on this page
        </button>
      )}
      <button type="button" onClick={onClear} className="text-brand-700 underline underline-offset-2">
        Clear selection
      </button>
      <span className="mx-1 hidden h-5 w-px bg-brand-100 sm:inline-block" aria-hidden />
      <Button variant="secondary" disabled={busy} onClick={() => on.assign(viewerId)}>
        Assign to me
      </Button>
      <AssignPersonControl users={users} busy={busy} onAssign={on.assign} />
      <Button variant="secondary" disabled={busy} onClick={on.acknowledge}>
        Acknowledge
      </Button>
      <Button variant="secondary" disabled={busy} onClick={on.snooze}>
        Snooze…
      </Button>
      <Button variant="secondary" disabled={busy} onClick={on.wake}>
        Wake
      </Button>
      <Button variant="secondary" disabled={busy} onClick={on.resolve}>
        Resolve…
      </Button>
      <Button variant="secondary" disabled={busy} onClick={on.reopen}>
        Reopen…
      </Button>
    </section>
  );
}
