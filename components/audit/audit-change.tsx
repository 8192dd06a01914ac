import { describeAuditChange } from "@/lib/utils/audit-change";

const SHOWN = 5;

/** An audit row's before → after, one line per field; long changes fold away. */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const lines = describeAuditChange(before, after);
  if (lines.length === 0) return <span className="text-slate-600">—</span>;
  const list = (items: typeof lines) => (
    <dl className="space-y-0.5">
      {items.map((l) => (
        <div key={l.field} className="break-words">
          <dt className="inline font-medium text-slate-700">{l.field}: </dt>
          <dd className="inline text-slate-800">
            {l.before !== null && (
              <>
                <span className="text-slate-600 line-through decoration-slate-400">{l.before}</span>
                <span aria-hidden> → </span>
                <span className="sr-only"> changed to </span>
              </>
            )}
            {l.after ?? <em className="text-slate-600">removed</em>}
          </dd>
        </div>
      ))}
    </dl>
  );
  return (
    <div className="max-w-md text-xs">
      {list(lines.slice(0, SHOWN))}
      {lines.length > SHOWN && (
        <details className="mt-1">
          <summary className="cursor-pointer text-slate-700">{lines.length - SHOWN} more fields</summary>
          {list(lines.slice(SHOWN))}
        </details>
      )}
    </div>
  );
}
