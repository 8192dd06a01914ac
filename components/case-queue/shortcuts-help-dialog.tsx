"use client";
import { Fragment } from "react";
import { QueueDialog } from "@/components/case-queue/queue-dialog";

const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous case"],
  ["Enter", "Open the highlighted case"],
  ["x", "Select or unselect the highlighted case"],
  ["a", "Assign the highlighted case to me"],
  ["s", "Snooze the highlighted case…"],
  ["/", "Search"],
  ["?", "This help"],
  ["Esc", "Close a dialog, or leave the search box"],
];

/** The queue's keyboard shortcuts (they are ignored while you type in a field). */
export function ShortcutsHelpDialog({ canTriage, onClose }: { canTriage: boolean; onClose: () => void }) {
  const shown = canTriage ? SHORTCUTS : SHORTCUTS.filter(([k]) => !["x", "a", "s"].includes(k));
  return (
    <QueueDialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-help">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {shown.map(([keys, what]) => (
          <Fragment key={keys}>
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">{keys}</kbd>
            </dt>
            <dd className="text-slate-700">{what}</dd>
          </Fragment>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-600">Shortcuts do nothing while you type in a field.</p>
    </QueueDialog>
  );
}
