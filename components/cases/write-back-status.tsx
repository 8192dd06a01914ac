"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { CaseWriteBacks } from "@/lib/server/dal/write-backs";
import { closeWithoutConfirmationAction, retryWriteBackAction } from "@/lib/actions/write-back-actions";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Field, Textarea } from "@/components/ui/field";
import { formatDateTime, humanize } from "@/lib/utils/format";

type WriteBackRow = CaseWriteBacks["writeBacks"][number];

const STATUS: Record<string, { label: string; className: string; explain: string }> = {
  QUEUED: { label: "Queued", className: "bg-sky-50 text-sky-800 ring-sky-300", explain: "Waiting for a worker to send it to the source." },
  SENT: { label: "Sent", className: "bg-violet-50 text-violet-800 ring-violet-300", explain: "Sent; waiting for the source to answer." },
  CONFIRMED: { label: "Confirmed", className: "bg-emerald-50 text-emerald-800 ring-emerald-300", explain: "The source applied the action." },
  FAILED: { label: "Failed", className: "bg-rose-50 text-rose-800 ring-rose-300", explain: "Not applied. Nothing was lost: retry it, or close the case with a reason." },
};

/** "PO P00003 line 16 → 2025-03-05", "12 × FAS-0001 DC-NJ → DC-ATL": what the source was asked to do. */
function describeRequest(type: string, p: Record<string, unknown> | undefined): string {
  if (!p) return humanize(type);
  const s = (k: string) => (p[k] === undefined || p[k] === null ? "" : String(p[k]));
  switch (type) {
    case "EXPEDITE":
      return `PO ${s("poNumber")} line ${s("lineNo")} → promised ${s("newPromisedDate").slice(0, 10)}`;
    case "TRANSFER":
      return `${s("quantity")} × ${s("sku")} from ${s("fromLocationCode")} to ${s("toLocationCode")}`;
    case "ADJUST":
      return `${Number(p.qtyDelta) > 0 ? "+" : ""}${s("qtyDelta")} × ${s("sku")} at ${s("locationCode")}${p.lot ? ` (lot ${s("lot")})` : ""}`;
    default:
      return `${humanize(type)} ${s("quantity")} × ${s("sku")} at ${s("locationCode")}`.trim();
  }
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function WriteBackDetails({ wb }: { wb: WriteBackRow }) {
  const status = STATUS[wb.status] ?? STATUS.QUEUED;
  return (
    <div className="space-y-2" data-testid="write-back" data-status={wb.status}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge className={status.className}>{status.label}</Badge>
        <span className="text-sm text-slate-700">{status.explain}</span>
      </div>
      <dl className="space-y-1 text-sm">
        <Row label="Action">{describeRequest(wb.actionType, wb.request.payload)}</Row>
        <Row label="Source">{wb.source ? `${wb.source.name} (${wb.source.code}, ${wb.source.kind})` : "none found"}</Row>
        <Row label="Attempts">
          <span data-testid="write-back-attempts">{wb.attempts}</span>
          {wb.status === "QUEUED" && wb.nextAttemptAt && wb.attempts > 0 && <span className="text-slate-600"> · next attempt {formatDateTime(wb.nextAttemptAt)}</span>}
        </Row>
        {wb.externalRef && (
          <Row label="Source reference">
            <span className="font-mono text-xs" data-testid="write-back-ref">
              {wb.externalRef}
            </span>
          </Row>
        )}
        {wb.lastError && wb.status !== "CONFIRMED" && (
          <Row label="Last error">
            <span className="text-rose-800" data-testid="write-back-error">
              {wb.lastError}
            </span>
          </Row>
        )}
        <Row label="Queued">{formatDateTime(wb.queuedAt)}</Row>
        {wb.confirmedAt && <Row label="Confirmed">{formatDateTime(wb.confirmedAt)}</Row>}
        {wb.failedAt && wb.status === "FAILED" && <Row label="Failed">{formatDateTime(wb.failedAt)}</Row>}
        <Row label="Idempotency key">
          <span className="font-mono text-xs">{wb.idempotencyKey}</span>
        </Row>
      </dl>
    </div>
  );
}

/**
 * The case's write-back to its source system: status, attempts, last error, the source's reference; Retry (same
 * idempotency key, so it never posts twice) and Close with a reason for the roles that may.
 */
export function WriteBackStatus({ caseId, data }: { caseId: string; data: CaseWriteBacks }) {
  const router = useRouter();
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<"retry" | "close" | null>(null);
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const [latest, ...older] = data.writeBacks;
  // Retry only where it can work: a source that takes write-backs (otherwise the only way out is closing).
  const retryable = !!latest && latest.status === "FAILED" && latest.source?.receivesWriteBacks === true;
  const unconfirmed = !latest || latest.status !== "CONFIRMED";

  function retry() {
    if (!latest) return;
    setFormError(null);
    setBusy("retry");
    startTransition(async () => {
      const result = await retryWriteBackAction({ writeBackId: latest.id });
      if (result.ok) {
        setDone("Queued again with the same idempotency key; the source applies it at most once.");
        router.refresh();
      } else setFormError(result.error);
    });
  }

  function close() {
    setFormError(null);
    if (reason.trim().length < 5) {
      setErrors({ reason: ["Say why the case can be closed without the source's confirmation (at least 5 characters)."] });
      return;
    }
    setBusy("close");
    startTransition(async () => {
      const result = await closeWithoutConfirmationAction({ caseId, reason });
      if (result.ok) {
        setErrors({});
        setClosing(false);
        setDone("Case closed without confirmation.");
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
      }
    });
  }

  const reasonId = `${uid}-close-reason`;
  return (
    <Card title="Write-back to source" id="write-back">
      <div className="space-y-3" data-testid="write-back-status">
        {data.writeBackFailedAt && data.caseStatus === "ACTION_APPROVED" && (
          <Notice tone="error">The approved action could not be applied in the source system. The requester and approvers were notified.</Notice>
        )}
        {latest ? (
          <WriteBackDetails wb={latest} />
        ) : (
          <p className="text-sm text-slate-700">No write-back was queued for this case&apos;s approved action.</p>
        )}
        {formError && <Notice tone="error">{formError}</Notice>}
        {done && <Notice tone="success">{done}</Notice>}
        {data.caseStatus === "ACTION_APPROVED" && unconfirmed && (data.canRetry || data.canClose) && (
          <div className="space-y-2">
            <div className="flex flex-wrap gap-2">
              {data.canRetry && retryable && (
                <Button type="button" onClick={retry} busy={pending && busy === "retry"} disabled={pending} data-testid="write-back-retry">
                  Retry write-back
                </Button>
              )}
              {data.canClose && !closing && (
                <Button type="button" variant="secondary" onClick={() => setClosing(true)} disabled={pending} data-testid="write-back-close-open">
                  Close with reason…
                </Button>
              )}
            </div>
            {data.canClose && closing && (
              <div className="space-y-2 rounded-md border border-slate-200 p-3">
                <Field id={reasonId} label="Why close without the source's confirmation?" errors={errors.reason}>
                  <Textarea
                    id={reasonId}
                    rows={3}
                    maxLength={500}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    aria-invalid={errors.reason?.length ? true : undefined}
                    aria-describedby={errors.reason?.length ? `${reasonId}-error` : undefined}
                  />
                </Field>
                <div className="flex flex-wrap gap-2">
                  <Button type="button" variant="danger" onClick={close} busy={pending && busy === "close"} disabled={pending} data-testid="write-back-close">
                    Close case without confirmation
                  </Button>
                  <Button type="button" variant="ghost" onClick={() => setClosing(false)} disabled={pending}>
                    Cancel
                  </Button>
                </div>
              </div>
            )}
          </div>
        )}
        {older.length > 0 && (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-700">Earlier write-backs ({older.length})</summary>
            <ul className="mt-2 space-y-3">
              {older.map((wb) => (
                <li key={wb.id}>
                  <WriteBackDetails wb={wb} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </Card>
  );
}
