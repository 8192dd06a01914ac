"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { decideActionAction } from "@/lib/actions/approval-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Textarea } from "@/components/ui/field";

/** Approve / reject buttons for one pending action; rejection asks for a reason. */
export function ApprovalDecision({ actionId, ownRequest, overLimit }: { actionId: string; ownRequest: boolean; overLimit: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);

  if (ownRequest) return <p className="max-w-56 text-xs text-slate-600">You requested this action; another approver must decide.</p>;

  const decide = (decision: "APPROVE" | "REJECT") =>
    startTransition(async () => {
      setError(null);
      const result = await decideActionAction({ actionId, decision, reason: reason || undefined });
      if (!result.ok) setError(result.fieldErrors?.reason?.[0] ?? result.error);
      else router.refresh();
    });

  return (
    <div className="flex w-72 flex-col gap-2">
      {error && <Notice>{error}</Notice>}
      {overLimit && <p className="text-xs text-amber-700">Above your approval limit: you may reject, a higher approver must approve.</p>}
      {rejecting ? (
        <>
          <label htmlFor={`reason-${actionId}`} className="text-xs font-medium text-slate-700">
            Reason for rejecting
          </label>
          <Textarea id={`reason-${actionId}`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="flex gap-2">
            <Button variant="danger" busy={pending} onClick={() => decide("REJECT")} data-testid="confirm-reject">
              Reject
            </Button>
            <Button variant="ghost" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </div>
        </>
      ) : (
        <div className="flex gap-2">
          <Button busy={pending} onClick={() => decide("APPROVE")} disabled={overLimit} data-testid="approve-button">
            Approve
          </Button>
          <Button variant="secondary" onClick={() => setRejecting(true)} data-testid="reject-button">
            Reject…
          </Button>
        </div>
      )}
    </div>
  );
}
