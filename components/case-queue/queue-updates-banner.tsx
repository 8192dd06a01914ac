"use client";

/**
 * Says that newer rows are waiting instead of swapping them under the reader. The live region is always
 * mounted so screen readers announce the change politely.
 */
export function QueueUpdatesBanner({ pending, onShow }: { pending: number | null; onShow: () => void }) {
  return (
    <div aria-live="polite" className="min-h-0">
      {pending !== null && (
        <button
          type="button"
          onClick={onShow}
          data-testid="queue-updates"
          className="w-full rounded-md border border-sky-200 bg-sky-50 px-3 py-1.5 text-left text-sm text-sky-900 hover:bg-sky-100"
        >
          {pending > 0 ? `${pending} new or updated case${pending === 1 ? "" : "s"}` : "The queue has changed"} — <span className="font-medium underline underline-offset-2">Show</span>
        </button>
      )}
    </div>
  );
}
