import Link from "next/link";
import { SeverityBadge, StatusBadge } from "@/components/ui/badge";
import { CaseTriageBar } from "@/components/cases/case-triage-bar";
import { SlaCountdown } from "@/components/cases/sla-countdown";
import { cn } from "@/lib/utils/cn";
import { formatDateTime, formatPercent, formatRelative, formatUsd, humanize } from "@/lib/utils/format";
import { describeSnoozeConditions } from "@/lib/domain/case/snooze";
import { resolutionLabel } from "@/lib/domain/case/resolution-codes";

export type CaseHeaderData = {
  id: string;
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
  assigneeId: string | null;
  assigneeName: string | null;
  openedAt: Date;
  slaDueAt: Date;
  dataAsOf: Date;
  confidence: number;
  resolvedAt: Date | null;
  resolutionCode: string | null;
  resolutionReason: string | null;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  snooze: {
    snoozedAt: Date;
    snoozedByName: string | null;
    snoozeUntil: Date | null;
    snoozeOnChange: boolean;
    snoozeScoreRisePct: number | null;
  } | null;
};

export type HeaderViewer = { id: string; canTriage: boolean };
export type AssignablePerson = { id: string; name: string; role: string };

const HOUR = 3_600_000;
// Data older than this is flagged: the case may describe yesterday's stock.
const STALE_AFTER = 24 * HOUR;

/** Relative time, with "just now" for the last minute. */
const rel = (d: Date, now: Date) => (Math.abs(now.getTime() - d.getTime()) < 60_000 ? "just now" : formatRelative(d, now));

/**
 * Title block of the case page: identity, severity, status and score; owner, SLA countdown, data
 * freshness, acknowledgement and snooze state; and (for people who may triage) the controls that change them.
 */
export function CaseHeader({ c, now, viewer, assignable }: { c: CaseHeaderData; now: Date; viewer: HeaderViewer; assignable: AssignablePerson[] }) {
  const age = now.getTime() - c.dataAsOf.getTime();
  const stale = age > STALE_AFTER;
  const closed = c.status === "RESOLVED";
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-600">
        <Link href="/cases" className="underline underline-offset-2 hover:text-slate-800">
          Cases
        </Link>{" "}
        / #{c.number}
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold text-slate-900">
            <span className="text-slate-600">#{c.number}</span> {c.title}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <SeverityBadge severity={c.severity} />
            <span data-testid="case-status">
              <StatusBadge status={c.status} />
            </span>
            {c.snooze && (
              <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-inset ring-indigo-300" data-testid="snoozed-badge">
                Snoozed
              </span>
            )}
            <span className="text-slate-600">{humanize(c.primaryType)}</span>
          </div>
        </div>
        <div className="text-right">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Score</p>
          <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="score-total">
            {formatUsd(c.score)}
          </p>
          <p className="text-xs text-slate-600">confidence {formatPercent(c.confidence)}</p>
        </div>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 text-sm md:grid-cols-4">
        <Meta label="Site">
          <abbr title={c.siteName} className="no-underline">
            {c.siteCode}
          </abbr>
        </Meta>
        <Meta label="Item">{c.sku ? `${c.sku} · ${c.itemName ?? ""}` : "No item (site-level case)"}</Meta>
        <Meta label="Owner" testId="case-owner">
          {c.assigneeName ? (c.assigneeId === viewer.id ? `${c.assigneeName} (you)` : c.assigneeName) : "Unassigned"}
        </Meta>
        <Meta label="Opened">
          <time dateTime={c.openedAt.toISOString()} title={formatDateTime(c.openedAt)}>
            {rel(c.openedAt, now)}
          </time>
        </Meta>
        <Meta label="SLA">
          {closed ? (
            <span className="text-slate-600" data-testid="case-sla">
              Resolved {c.resolvedAt ? formatRelative(c.resolvedAt, now) : ""}
            </span>
          ) : (
            <SlaCountdown dueAt={c.slaDueAt.toISOString()} serverNow={now.toISOString()} />
          )}
        </Meta>
        <Meta label="Data freshness" testId="case-freshness">
          <span className={cn(stale && "font-medium text-amber-800")} title={formatDateTime(c.dataAsOf)}>
            data as of {rel(c.dataAsOf, now)}
            {stale && " — stale (older than 24 h); check the source feeds before acting"}
          </span>
        </Meta>
        <Meta label="Acknowledged" testId="case-ack">
          {c.acknowledgedAt ? (
            <>
              Yes, {rel(c.acknowledgedAt, now)}
              {c.acknowledgedByName && <span className="font-normal text-slate-600"> by {c.acknowledgedByName}</span>}
            </>
          ) : (
            "Not yet"
          )}
        </Meta>
        <Meta label="Snooze" testId="case-snooze">
          {c.snooze ? (
            <>
              Snoozed {describeSnoozeConditions(c.snooze)}
              <span className="block font-normal text-slate-600">
                since {rel(c.snooze.snoozedAt, now)}
                {c.snooze.snoozedByName ? ` by ${c.snooze.snoozedByName}` : ""}
              </span>
            </>
          ) : (
            "Not snoozed"
          )}
        </Meta>
      </dl>
      {closed && (c.resolutionCode || c.resolutionReason) && (
        <p className="mt-3 text-sm text-slate-700" data-testid="case-resolution">
          Resolution: {resolutionLabel(c.resolutionCode ?? c.resolutionReason)}
          {c.resolutionCode && c.resolutionReason ? ` — “${c.resolutionReason}”` : ""}
        </p>
      )}
      {viewer.canTriage && (
        <CaseTriageBar
          viewerId={viewer.id}
          assignable={assignable}
          c={{ id: c.id, status: c.status, assigneeId: c.assigneeId, acknowledged: c.acknowledgedAt !== null, snoozed: c.snooze !== null }}
        />
      )}
    </header>
  );
}

function Meta({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="break-words font-medium text-slate-800" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
