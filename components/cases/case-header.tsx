import Link from "next/link";
import { SeverityBadge, StatusBadge } from "@/components/ui/badge";
import { cn } from "@/lib/utils/cn";
import { formatDateTime, formatPercent, formatRelative, formatUsd, humanize } from "@/lib/utils/format";

export type CaseHeaderData = {
  number: number;
  title: string;
  primaryType: string;
  severity: string;
  status: string;
  score: number;
  siteCode: string;
  siteName: string;
  sku: string | null;
  itemName: string | null;
  assigneeName: string | null;
  openedAt: Date;
  slaDueAt: Date;
  dataAsOf: Date;
  confidence: number;
  resolvedAt: Date | null;
  resolutionReason: string | null;
};

const HOUR = 3_600_000;

/** Relative time, with "just now" for the last minute. */
const rel = (d: Date, now: Date) => (Math.abs(now.getTime() - d.getTime()) < 60_000 ? "just now" : formatRelative(d, now));

/** "due in 5 h" / "overdue by 2 h". */
function slaText(due: Date, now: Date): { text: string; overdue: boolean } {
  const rel = formatRelative(due, now);
  const overdue = due.getTime() < now.getTime();
  return { text: overdue ? `overdue by ${rel.replace(/ ago$/, "")}` : `due ${rel}`, overdue };
}

/** Title row of the case page: identity, severity, status, score and the clocks that matter. */
export function CaseHeader({ c, now }: { c: CaseHeaderData; now: Date }) {
  const sla = slaText(c.slaDueAt, now);
  const stale = now.getTime() - c.dataAsOf.getTime() > 24 * HOUR;
  const closed = c.status === "RESOLVED";
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500">
        <Link href="/cases" className="hover:underline">
          Cases
        </Link>{" "}
        / #{c.number}
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold text-slate-900">
            <span className="text-slate-500">#{c.number}</span> {c.title}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <SeverityBadge severity={c.severity} />
            <span data-testid="case-status">
              <StatusBadge status={c.status} />
            </span>
            <span className="text-slate-600">{humanize(c.primaryType)}</span>
          </div>
        </div>
        <div className="text-right">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Score</p>
          <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="score-total">
            {formatUsd(c.score)}
          </p>
          <p className="text-xs text-slate-500">confidence {formatPercent(c.confidence)}</p>
        </div>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm md:grid-cols-3 xl:grid-cols-6">
        <Meta label="Site">
          <abbr title={c.siteName} className="no-underline">
            {c.siteCode}
          </abbr>
        </Meta>
        <Meta label="Item">{c.sku ? `${c.sku} · ${c.itemName ?? ""}` : "No item (site-level case)"}</Meta>
        <Meta label="Owner">{c.assigneeName ?? "Unassigned"}</Meta>
        <Meta label="Opened">
          <time dateTime={c.openedAt.toISOString()} title={formatDateTime(c.openedAt)}>
            {rel(c.openedAt, now)}
          </time>
        </Meta>
        <Meta label="SLA">
          {closed ? (
            <span className="text-slate-600">Resolved {c.resolvedAt ? formatRelative(c.resolvedAt, now) : ""}</span>
          ) : (
            <time dateTime={c.slaDueAt.toISOString()} title={formatDateTime(c.slaDueAt)} className={cn(sla.overdue && "font-semibold text-rose-700")} data-testid="case-sla">
              {sla.text}
            </time>
          )}
        </Meta>
        <Meta label="Data freshness">
          <span className={cn(stale && "font-medium text-amber-700")} title={formatDateTime(c.dataAsOf)}>
            data as of {rel(c.dataAsOf, now)}
            {stale && " (older than 24 h)"}
          </span>
        </Meta>
      </dl>
      {closed && c.resolutionReason && <p className="mt-3 text-sm text-slate-600">Resolution: {humanize(c.resolutionReason)}</p>}
    </header>
  );
}

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="break-words font-medium text-slate-800">{children}</dd>
    </div>
  );
}
