import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { findAuditEntries, findAuditFilterOptions, verifyAuditLog } from "@/lib/server/dal/audit";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { auditQueryToSearchParams, parseAuditQuery, type AuditQuery } from "@/lib/search-params/audit";
import { Notice, PageHeader } from "@/components/ui/card";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditChange } from "@/components/audit/audit-change";
import { formatDateTime } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";

export const metadata: Metadata = { title: "Audit log" };

const href = (q: Partial<AuditQuery>) => {
  const s = auditQueryToSearchParams(q).toString();
  return s ? `/audit?${s}` : "/audit";
};

/** Append-only, hash-chained audit log: filters in the URL, chain verification, CSV export of the same rows. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "audit.read")) return <Notice>Your role cannot read the audit log.</Notice>;
  const query = parseAuditQuery(await searchParams);
  const [entries, chain, options] = await Promise.all([findAuditEntries(viewer, query), verifyAuditLog(viewer), findAuditFilterOptions(viewer)]);
  const filters = { ...query, page: 1 };
  const exportHref = `/api/audit/export?${auditQueryToSearchParams(filters).toString()}`;
  const broken = chain.ok ? null : chain.firstBrokenSeq;
  const filtered = !!(query.actor || query.case || query.action || query.from || query.to || query.seq);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every state change, who made it, and why. Rows are hash-chained; the database refuses edits and deletes."
        actions={
          <a href={exportHref} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50" data-testid="audit-export" download>
            Export CSV{filtered ? " (filtered)" : ""}
          </a>
        }
      />
      <div className="mb-3" data-testid="chain-status">
        {chain.ok ? (
          <Notice tone="success">Hash chain verified: {chain.rows} rows, no break.</Notice>
        ) : (
          <Notice>
            Hash chain BROKEN at row #{chain.firstBrokenSeq}: {chain.problem === "link" ? "its link to the previous row does not match (a row was removed or inserted)" : "its content no longer matches its hash (it was edited after it was written)"}.{" "}
            <Link className="underline underline-offset-2" href={href({ seq: Number(chain.firstBrokenSeq) })} data-testid="first-broken-row-link">
              Show row #{chain.firstBrokenSeq}
            </Link>
          </Notice>
        )}
      </div>
      <AuditFilters query={query} options={options} />
      {query.seq && (
        <p className="mb-2 text-sm text-slate-700">
          Showing rows up to #{query.seq}.{" "}
          <Link className="underline underline-offset-2" href={href({ ...query, seq: undefined, page: 1 })}>
            Show the newest rows
          </Link>
        </p>
      )}
      {entries.caseMissing && <Notice tone="info">Case #{query.case} does not exist or is not in your sites.</Notice>}
      {entries.rows.length === 0 ? (
        !entries.caseMissing && <Notice tone="info">{filtered ? "No audit entries match these filters." : "The audit log is empty."}</Notice>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Audit entries">
          <table className="w-full text-sm" data-testid="audit-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th className="px-3 py-2">#</th>
                <th className="px-3 py-2">When</th>
                <th className="px-3 py-2">Who</th>
                <th className="px-3 py-2">Action</th>
                <th className="px-3 py-2">Case</th>
                <th className="px-3 py-2">Change (before → after)</th>
                <th className="px-3 py-2">Reason</th>
                <th className="px-3 py-2">Hash</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {entries.rows.map((r) => (
                <tr key={r.seq} data-testid="audit-row" data-seq={r.seq} className={cn(r.seq === broken && "bg-rose-50")} aria-current={r.seq === broken ? "true" : undefined}>
                  <td className="px-3 py-2 tabular-nums text-slate-600">
                    {r.seq}
                    {r.seq === broken && <span className="block text-xs font-semibold text-rose-800">broken</span>}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.at)}</td>
                  <td className="px-3 py-2">
                    {r.actorName} <span className="text-xs text-slate-600">({r.actorRole})</span>
                  </td>
                  <td className="px-3 py-2 font-medium">
                    {r.action}
                    <span className="block text-xs font-normal text-slate-600">
                      {r.entityType} {r.entityId}
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {r.caseId && r.caseNumber !== null ? (
                      <Link className="text-brand-700 underline underline-offset-2" href={`/cases/${r.caseId}`}>
                        #{r.caseNumber}
                      </Link>
                    ) : (
                      <span className="text-slate-600">—</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <AuditChange before={r.before} after={r.after} />
                  </td>
                  <td className="max-w-64 px-3 py-2 text-slate-700">{r.reason ?? ""}</td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-600" title={r.hash}>
                    {r.hash.slice(0, 10)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="mt-3 flex items-center justify-between text-sm text-slate-700" aria-label="Audit pages">
        <span>
          Page {entries.page} of {entries.pageCount} · {entries.total} entries
        </span>
        <span className="flex gap-3">
          {entries.page > 1 && (
            <Link className="underline underline-offset-2" href={href({ ...query, page: entries.page - 1 })}>
              Newer
            </Link>
          )}
          {entries.page < entries.pageCount && (
            <Link className="underline underline-offset-2" href={href({ ...query, page: entries.page + 1 })}>
              Older
            </Link>
          )}
        </span>
      </nav>
    </>
  );
}
