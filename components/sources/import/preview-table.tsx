import { cn } from "@/lib/utils/cn";
import type { PreviewRowView, PreviewTable as PreviewData } from "./types";

/** A mapped value as text: dates as YYYY-MM-DD (time only when it has one), everything else as it is. */
function display(value: unknown): string {
  if (value == null) return "";
  if (value instanceof Date || (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value))) {
    const iso = new Date(value as string | Date).toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function RowResult({ row }: { row: PreviewRowView }) {
  if (row.issue) return <span className="font-semibold text-rose-800">Error</span>;
  if (row.skipped) return <span className="text-slate-500">Skipped</span>;
  return <span className="text-emerald-800">OK</span>;
}

/**
 * The first rows of the file as they would be imported: each mapped field's value, or the row's error (which field,
 * what was wrong) highlighted across the row. Counts sit above so they are read before the detail.
 */
export function PreviewTable({ preview, fields }: { preview: PreviewData; fields: string[] }) {
  const skipped = preview.rows.filter((r) => r.skipped).length;
  return (
    <div className="space-y-2" data-testid="preview">
      <p className="text-sm text-slate-700 tabular-nums" data-testid="preview-counts">
        First {preview.rows.length} rows: {preview.recordCount} ready ·{" "}
        <span className={preview.issueCount > 0 ? "font-semibold text-rose-800" : undefined}>
          {preview.issueCount} with errors
        </span>
        {skipped > 0 && ` · ${skipped} skipped`}
      </p>
      {preview.missingColumns.length > 0 && (
        <p className="text-sm text-rose-800" role="alert">
          The mapping reads columns this file does not have: {preview.missingColumns.map((c) => `'${c}'`).join(", ")}.
        </p>
      )}
      {preview.rows.length === 0 ? (
        <p className="text-sm text-slate-600">The file has no data rows below its header.</p>
      ) : (
        <div className="max-h-[28rem] overflow-auto rounded-md border border-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500" tabIndex={0} role="region" aria-label="Preview rows">
          {/* Focusable so keyboard users can scroll a wide preview (axe: scrollable-region-focusable). */}
          <table className="w-full text-xs" data-testid="preview-table">
            <caption className="sr-only">Preview of the first rows as they will be imported</caption>
            <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1.5 font-medium">Line</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Result</th>
                {fields.map((f) => (
                  <th key={f} scope="col" className="px-2 py-1.5 font-mono font-medium">
                    {f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.rows.map((row) => {
                const data = (row.record?.data ?? {}) as Record<string, unknown>;
                return (
                  <tr key={row.line} data-testid="preview-row" data-result={row.issue ? "error" : row.skipped ? "skipped" : "ok"} className={cn("align-top", row.issue && "bg-rose-50")}>
                    <td className="px-2 py-1 tabular-nums">{row.line}</td>
                    <td className="px-2 py-1">
                      <RowResult row={row} />
                    </td>
                    {row.issue ? (
                      <td colSpan={Math.max(1, fields.length)} className="px-2 py-1 text-rose-800" data-testid="preview-row-error">
                        {row.issue.field && <span className="font-mono font-semibold">{row.issue.field}: </span>}
                        {row.issue.message}
                      </td>
                    ) : row.skipped ? (
                      <td colSpan={Math.max(1, fields.length)} className="px-2 py-1 text-slate-500">
                        {row.skipped}
                      </td>
                    ) : (
                      fields.map((f) => (
                        <td key={f} className="max-w-48 truncate px-2 py-1" title={display(data[f])}>
                          {display(data[f])}
                        </td>
                      ))
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
