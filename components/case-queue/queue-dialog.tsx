"use client";
import { useEffect, useId, useRef } from "react";

/**
 * A native modal <dialog> for the queue: the browser traps focus, Escape closes it, and it is announced as a
 * dialog named by its title. Mount it to open it; `onClose` runs when the user dismisses it (Escape, ✕).
 * Unmounting closes it without firing `onClose` (so a re-run effect cannot dismiss it) and returns focus
 * to where it was.
 */
export function QueueDialog({ title, onClose, children, testId }: { title: string; onClose: () => void; children: React.ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      // Removing an open modal from the document closes it; focus goes back to the opener if it is still there.
      if (opener?.isConnected && !dialog?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        // Escape: close through onClose only, so the parent unmounts us.
        e.preventDefault();
        onClose();
      }}
      data-testid={testId}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
        <h2 id={titleId} className="text-sm font-semibold text-slate-800">
          {title}
        </h2>
        <button type="button" onClick={onClose} className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" aria-label="Close dialog">
          ✕
        </button>
      </div>
      <div className="p-4">{children}</div>
    </dialog>
  );
}
