"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Textarea } from "@/components/ui/field";
import { decideActionAction } from "@/lib/actions/approval-actions";
import { formatNumber, formatUsd, humanize } from "@/lib/utils/format";

export type PendingAction = {
  id: string;
  type: string;
  quantity: number | null;
  valueUsd: number;
  note: string;
  requestedByName: string;
};

/**
 * Supervisor panel for a pending action: approve, or reject with a reason. The requester sees
 * a notice instead (the server refuses self-approval anyway).
 */
export function DecisionPanel({ action, isRequester }: { action: PendingAction; isRequester: boolean }) {
  const router = useRouter();
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [choice, setChoice] = useState<"APPROVE" | "REJECT" | null>(null);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const summary = (
    <p className="text-sm text-slate-700">
      {action.requestedByName} requests <strong>{humanize(action.type).toLowerCase()}</strong>
      {action.quantity != null && <> of {formatNumber(action.quantity)} units</>} · value <strong>{formatUsd(action.valueUsd)}</strong>
      <span className="mt-1 block text-slate-600">“{action.note}”</span>
    </p>
  );

  if (isRequester) {
    return (
      <div className="space-y-2" data-testid="decision-panel">
        {summary}
        <Notice tone="info">You requested this action; another approver must decide.</Notice>
      </div>
    );
  }

  function decide(decision: "APPROVE" | "REJECT") {
    setFormError(null);
    if (decision === "REJECT" && reason.trim().length < 3) {
      setErrors({ reason: ["Say why you reject it (at least 3 characters)."] });
      return;
    }
    setChoice(decision);
    startTransition(async () => {
      const result = await decideActionAction({ actionId: action.id, decision, reason: decision === "REJECT" ? reason : reason.trim() || undefined });
      if (result.ok) {
        setErrors({});
        setDone(decision === "APPROVE" ? "Action approved." : "Action rejected; the case is open again.");
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
      }
    });
  }

  const reasonId = `${uid}-reason`;
  return (
    <div className="space-y-3" data-testid="decision-panel">
      {summary}
      {formError && <Notice tone="error">{formError}</Notice>}
      {done && <Notice tone="success">{done}</Notice>}
      <Field id={reasonId} label="Reason (required to reject)" errors={errors.reason}>
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
        <Button type="button" onClick={() => decide("APPROVE")} busy={pending && choice === "APPROVE"} disabled={pending || done !== null} data-testid="approve-button">
          Approve action
        </Button>
        <Button type="button" variant="danger" onClick={() => decide("REJECT")} busy={pending && choice === "REJECT"} disabled={pending || done !== null} data-testid="reject-button">
          Reject action
        </Button>
      </div>
    </div>
  );
}
