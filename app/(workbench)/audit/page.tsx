import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/server/auth/viewer";
import { findAuditEntries, verifyAuditLog } from "@/lib/server/dal/audit";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { Notice, PageHeader } from "@/components/ui/card";
import { formatDateTime, humanize } from "@/lib/utils/format";

export const metadata: Metadata = { title: "Audit log" };

const paramsSchema = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1) });

function summarize(after: unknown): string {
  if (!after || typeof after !== "object") return "";
  const a = after as Record<string, unknown>;
  const parts = [a.caseStatus && `case → ${humanize(String(a.caseStatus))}`, a.actionStatus && `action → ${humanize(String(a.actionStatus))}`, a.type && humanize(String(a.type)), a.valueUsd != null && `$${Math.round(Number(a.valueUsd)).toLocaleString("en-US")}`, a.title && String(a.title)];
  return parts.filter(Boolean).join(" · ");
}

/** Append-only, hash-chained audit log with its chain verification. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "audit.read")) return <Notice>Your role cannot read the audit log.</Notice>;
  const { page } = paramsSchema.parse(await searchParams);
  const [entries, chain] = await Promise.all([findAuditEntries(viewer, { page }), verifyAuditLog(viewer)]);
  return (
    <>
      <PageHeader title="Audit log" description="Every state change, who made it, and why. Rows are hash-chained; the database refuses edits and deletes." />
      <div className="mb-3" data-testid="chain-status">
        {chain.ok ? (
          <Notice tone="success">Hash chain verified: {chain.rows} rows, no break.</Notice>
        ) : (
          <Notice>Hash chain BROKEN at row #{chain.firstBrokenSeq} ({chain.problem === "link" ? "link to previous row" : "row content"} does not match).</Notice>
        )}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="audit-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th className="px-3 py-2">#</th>
              <th className="px-3 py-2">When</th>
              <th className="px-3 py-2">Who</th>
              <th className="px-3 py-2">Action</th>
              <th className="px-3 py-2">Change</th>
              <th className="px-3 py-2">Reason</th>
              <th className="px-3 py-2">Hash</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.rows.map((r) => (
              <tr key={r.seq} data-testid="audit-row">
                <td className="px-3 py-2 tabular-nums text-slate-500">{r.seq}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.at)}</td>
                <td className="px-3 py-2">
                  {r.actorName} <span className="text-xs text-slate-500">({r.actorRole})</span>
                </td>
                <td className="px-3 py-2 font-medium">
                  {r.caseId ? (
                    <Link className="text-brand-700 hover:underline" href={`/cases/${r.caseId}`}>
                      {r.action}
                    </Link>
                  ) : (
                    r.action
                  )}
                </td>
                <td className="px-3 py-2 text-slate-700">{summarize(r.after)}</td>
                <td className="max-w-64 truncate px-3 py-2 text-slate-600">{r.reason ?? ""}</td>
                <td className="px-3 py-2 font-mono text-xs text-slate-500" title={r.hash}>
                  {r.hash.slice(0, 10)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="mt-3 flex items-center justify-between text-sm text-slate-600" aria-label="Audit pages">
        <span>
          Page {page} of {entries.pageCount} · {entries.total} entries
        </span>
        <span className="flex gap-3">
          {page > 1 && <Link href={`/audit?page=${page - 1}`}>Newer</Link>}
          {page < entries.pageCount && <Link href={`/audit?page=${page + 1}`}>Older</Link>}
        </span>
      </nav>
    </>
  );
}
