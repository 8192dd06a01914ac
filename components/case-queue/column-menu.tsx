"use client";
import { DEFAULT_QUEUE_COLUMNS, type QueueColumnId } from "@/lib/search-params/cases-url";
import { columnMenuOrder, moveColumn, toggleColumn } from "@/lib/search-params/queue-layout";
import { COLUMN_LABELS } from "@/components/case-queue/column-labels";
import { PopoverDisclosure } from "@/components/case-queue/popover-disclosure";

const arrow = "rounded px-1.5 py-0.5 text-xs text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-100 disabled:text-slate-400 disabled:ring-slate-200";

/** Show, hide and reorder columns: a checkbox and move up/down buttons per column, all reachable by Tab. */
export function ColumnMenu({ visible, onChange, canTriage }: { visible: QueueColumnId[]; onChange: (cols: QueueColumnId[]) => void; canTriage: boolean }) {
  const items = columnMenuOrder(visible).filter((c) => canTriage || c.id !== "select");
  return (
    <PopoverDisclosure label="Columns" testId="columns-button">
      <div className="space-y-2" data-testid="column-menu">
        <p className="text-xs text-slate-600">Shown columns, in order. The layout is part of the page link.</p>
        <ul className="space-y-1">
          {items.map(({ id, visible: on }) => {
            const index = visible.indexOf(id);
            return (
              <li key={id} className="flex items-center justify-between gap-2">
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="checkbox" className="size-4 rounded border-slate-400" checked={on} disabled={on && visible.length === 1} onChange={() => onChange(toggleColumn(visible, id))} />
                  {COLUMN_LABELS[id]}
                </label>
                <span className="flex gap-1">
                  <button type="button" className={arrow} disabled={!on || index === 0} onClick={() => onChange(moveColumn(visible, id, -1))} aria-label={`Move ${COLUMN_LABELS[id]} up`}>
                    <span aria-hidden>↑</span>
                  </button>
                  <button type="button" className={arrow} disabled={!on || index === visible.length - 1} onClick={() => onChange(moveColumn(visible, id, 1))} aria-label={`Move ${COLUMN_LABELS[id]} down`}>
                    <span aria-hidden>↓</span>
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
        <button type="button" className="text-xs font-medium text-brand-700 underline underline-offset-2" onClick={() => onChange([...DEFAULT_QUEUE_COLUMNS])}>
          Reset to default columns
        </button>
      </div>
    </PopoverDisclosure>
  );
}
