"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { bulkApproveAction, type BulkApproveResult } from "@/lib/actions/approval-actions";
import { ApprovalDecision } from "@/components/approvals/approval-decision";
import { Badge, SeverityBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { formatDateTime, formatNumber, formatUsd, humanize } from "@/lib/utils/format";
import type { InboxRow } from "@/components/approvals/types";

const DECISION_WORD: Record<string, string> = { APPROVED: "approved", REJECTED: "rejected", CHANGES_REQUESTED: "sent back" };

/** Who decided which level so far (current revision first, earlier revisions marked). */
export function ApprovalSteps({ steps, revision }: { steps: InboxRow["approvals"]; revision: number }) {
  if (steps.length === 0) return <span className="text-slate-600">no decision yet</span>;
  return (
    <ul className="space-y-0.5" data-testid="approval-steps">
      {steps.map((s) => (
        <li key={`${s.revision}-${s.level}`}>
          Level {s.level}
          {s.revision !== revision && <> (revision {s.revision})</>}: {DECISION_WORD[s.decision] ?? humanize(s.decision).toLowerCase()} by {s.deciderName} ({s.deciderRole}) · {formatDateTime(s.decidedAt)}
          {s.reason && <span className="text-slate-700"> — “{s.reason}”</span>}
        </li>
      ))}
    </ul>
  );
}

function RequestDetails({ r }: { r: InboxRow }) {
  const c = r.case;
  return (
    <div className="min-w-0 flex-1 space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold">{humanize(r.type)}</span>
        <span className="tabular-nums">{r.quantity == null ? "—" : formatNumber(r.quantity)} units</span>
        <span className="font-semibold tabular-nums" data-testid="approval-value">
          {formatUsd(r.valueUsd)}
        </span>
        <SeverityBadge severity={c.severity} />
        <span className="text-slate-700">{c.siteCode}</span>
        <Badge className="bg-violet-50 text-violet-800 ring-violet-300">
          <span data-testid="approval-level">
            Level {r.level} of {r.of}
          </span>
          &nbsp;· {r.levelRoles[r.level - 1] ?? "—"}
        </Badge>
        {r.dueSoon && (
          <Badge className="bg-amber-50 text-amber-900 ring-amber-300">
            Due soon:&nbsp;<span data-testid="approval-rank-why">{r.rankWhy}</span>
          </Badge>
        )}
      </div>
      <Link href={`/cases/${c.id}`} className="block font-medium text-brand-700 underline underline-offset-2">
        #{c.number} {c.title}
      </Link>
      <p className="text-slate-800">“{r.note}”</p>
      <dl className="grid gap-x-4 gap-y-1 text-xs text-slate-700 sm:grid-cols-2">
        <div>
          <dt className="inline font-medium">Evidence: </dt>
          <dd className="inline">
            {c.sku ? `${c.sku}${c.itemName ? ` ${c.itemName}` : ""}` : "no item"} at {c.siteCode} ({c.siteName}) · short {c.shortageUnits == null ? "—" : `${formatNumber(c.shortageUnits)} units`} · first stock-out {c.firstStockout ?? "—"}
          </dd>
        </div>
        <div>
          <dt className="inline font-medium">Expected impact: </dt>
          <dd className="inline" data-testid="approval-impact">
            {r.impact ? (
              <>
                recommendation #{r.impact.rank} ({r.impact.label}): recovers {formatNumber(r.impact.unitsRecovered)} units, {formatUsd(r.impact.usdRecovered)}, {formatNumber(r.impact.daysGained)} days gained
                {!r.impact.sameQuantity && r.impact.recommendedQuantity != null && <> — for {formatNumber(r.impact.recommendedQuantity)} units, not the {r.quantity == null ? "requested" : formatNumber(r.quantity)} requested</>}
              </>
            ) : (
              "the engine recommended no action of this type"
            )}
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="inline font-medium">Score {formatUsd(c.score)}: </dt>
          <dd className="inline">
            {c.terms.map((t, i) => (
              <span key={t.code}>
                {i > 0 && " · "}
                {t.label} {t.text}
              </span>
            ))}
            <details className="mt-1">
              <summary className="cursor-pointer text-brand-700 underline underline-offset-2">Score inputs</summary>
              <ul className="mt-1 space-y-0.5">
                {c.terms.map((t) => (
                  <li key={t.code}>
                    <span className="font-medium">{t.label}:</span> {t.inputs.length ? t.inputs.map((x) => `${x.label} ${x.text}`).join(", ") : "no inputs recorded"}
                  </li>
                ))}
              </ul>
            </details>
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="inline font-medium">Policy v{r.policyVersion}: </dt>
          <dd className="inline" data-testid="approval-policy-reason">
            {r.policyReason}
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="font-medium">Decisions so far:</dt>
          <dd>
            <ApprovalSteps steps={r.approvals} revision={r.revision} />
          </dd>
        </div>
      </dl>
      <p className="text-xs text-slate-600">
        Requested by {r.requestedByName} {r.requestedAgo}
        {r.revision > 1 && <> · revision {r.revision}</>} · {r.expiresText ?? "no expiry"} · case SLA {c.slaText}
      </p>
    </div>
  );
}

/** The ranked inbox with per-row decisions and bulk approval of the rows the viewer may approve. */
export function ApprovalInbox({ rows, limitText }: { rows: InboxRow[]; limitText: string }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<BulkApproveResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Decisions made on this page, newest first: the decided row leaves the list on refresh, this stays.
  const [decided, setDecided] = useState<{ id: string; text: string }[]>([]);
  const approvable = useMemo(() => rows.filter((r) => r.canApprove), [rows]);
  const chosen = approvable.filter((r) => selected.has(r.id));
  const allChosen = approvable.length > 0 && chosen.length === approvable.length;
  const total = chosen.reduce((s, r) => s + r.valueUsd, 0);

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const approveSelected = () =>
    startTransition(async () => {
      setError(null);
      setResult(null);
      const res = await bulkApproveAction({ items: chosen.map((r) => ({ actionId: r.id, level: r.level })) });
      if (!res.ok) {
        setError(res.error);
        return;
      }
      setResult(res.data);
      setSelected(new Set());
      router.refresh();
    });

  const label = (id: string) => rows.find((r) => r.id === id);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2.5 text-sm" data-testid="bulk-toolbar">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            className="size-4"
            checked={allChosen}
            disabled={approvable.length === 0 || pending}
            onChange={(e) => setSelected(e.target.checked ? new Set(approvable.map((r) => r.id)) : new Set())}
          />
          Select all you may approve ({approvable.length})
        </label>
        <Button onClick={approveSelected} busy={pending} disabled={chosen.length === 0} data-testid="bulk-approve">
          Approve selected ({chosen.length}
          {chosen.length > 0 ? `, ${formatUsd(total)}` : ""})
        </Button>
        <span className="text-xs text-slate-600">{limitText} Rows you may not approve (above your limit, your own or edited requests, a level you already decided) cannot be selected; each says why.</span>
      </div>
      {error && <Notice>{error}</Notice>}
      {decided.length > 0 && (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="decision-log">
          <ul className="space-y-0.5">
            {decided.map((d) => (
              <li key={d.id}>{d.text}</li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <Notice tone={result.failed.length ? "error" : "success"}>
          {result.approved.length} approved.
          {result.failed.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {result.failed.map((f) => {
                const r = label(f.actionId);
                return (
                  <li key={f.actionId}>
                    {r ? `${humanize(r.type)} ${formatUsd(r.valueUsd)} on case #${r.case.number}` : f.actionId}: {f.error}
                  </li>
                );
              })}
            </ul>
          )}
        </Notice>
      )}
      <ul className="space-y-3" data-testid="approvals-list">
        {rows.map((r) => {
          const whyId = `why-${r.id}`;
          return (
            <li key={r.id} id={`action-${r.id}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="approval-item" data-action-id={r.id}>
              <div className="flex flex-wrap items-start gap-3">
                <div className="pt-0.5">
                  <input
                    type="checkbox"
                    className="size-4"
                    aria-label={`Select ${humanize(r.type).toLowerCase()} ${formatUsd(r.valueUsd)} on case #${r.case.number} for bulk approval`}
                    aria-describedby={r.canApprove ? undefined : whyId}
                    title={r.canApprove ? undefined : (r.blockedReason ?? undefined)}
                    checked={selected.has(r.id)}
                    disabled={!r.canApprove || pending}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                    data-testid="bulk-select"
                  />
                  {!r.canApprove && (
                    <span id={whyId} className="sr-only">
                      Cannot be selected: {r.blockedReason}
                    </span>
                  )}
                </div>
                <RequestDetails r={r} />
                <ApprovalDecision
                  actionId={r.id}
                  level={r.level}
                  canApprove={r.canApprove}
                  canDecide={r.canDecide}
                  blockedReason={r.blockedReason}
                  onDecided={(message) =>
                    setDecided((prev) => [{ id: `${r.id}-${prev.length}`, text: `${humanize(r.type)} ${formatUsd(r.valueUsd)} on case #${r.case.number}: ${message}` }, ...prev].slice(0, 5))
                  }
                />
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
