"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { decideActionAction } from "@/lib/actions/approval-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Textarea } from "@/components/ui/field";
import { cn } from "@/lib/utils/cn";

type Decision = "APPROVE" | "REJECT" | "REQUEST_CHANGES";

const CONFIRM: Record<Exclude<Decision, "APPROVE">, { label: string; prompt: string; done: string }> = {
  REJECT: { label: "Reject", prompt: "Reason for rejecting (required)", done: "Rejected; the case is open again." },
  REQUEST_CHANGES: { label: "Send back for changes", prompt: "What should change (required)", done: "Sent back to the requester for changes." },
};

/**
 * Approve / reject / request changes on the current level of one request. Rejecting and requesting
 * changes ask for a reason; approval is refused above the approver's limit (the server checks all
 * of it again). When the viewer may not decide at all, the reason is shown instead of buttons.
 */
export function ApprovalDecision({
  actionId,
  level,
  canApprove,
  canDecide,
  blockedReason,
  layout = "inline",
  onDecided,
}: {
  actionId: string;
  level: number;
  canApprove: boolean;
  canDecide: boolean;
  blockedReason: string | null;
  layout?: "inline" | "panel";
  /** Told the outcome message once the decision is recorded (before the page refreshes). */
  onDecided?: (message: string) => void;
}) {
  const router = useRouter();
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [mode, setMode] = useState<Exclude<Decision, "APPROVE"> | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (!canDecide) {
    return (
      <p className={cn("text-sm text-slate-700", layout === "inline" && "max-w-64")} data-testid="decision-blocked">
        {blockedReason ?? "You cannot decide this request."}
      </p>
    );
  }

  const decide = (decision: Decision) =>
    startTransition(async () => {
      setError(null);
      const result = await decideActionAction({ actionId, decision, level, reason: decision === "APPROVE" ? reason.trim() || undefined : reason });
      if (!result.ok) {
        setError(result.fieldErrors?.reason?.[0] ?? result.error);
        return;
      }
      const r = result.data;
      const message =
        decision === "APPROVE"
          ? r.status === "APPROVED"
            ? "Approved."
            : `Level ${r.level} of ${r.of} approved; sent on to the next level.`
          : CONFIRM[decision].done;
      setDone(message);
      // The refresh removes a decided row from the inbox; the inbox keeps the message where it stays visible.
      onDecided?.(message);
      router.refresh();
    });

  const reasonId = `${uid}-reason`;
  return (
    <div className={cn("flex flex-col gap-2", layout === "inline" ? "w-72" : "w-full")} data-testid="approval-decision">
      {error && <Notice>{error}</Notice>}
      {done && <Notice tone="success">{done}</Notice>}
      {!canApprove && blockedReason && (
        <p className="text-xs text-amber-800" data-testid="approve-blocked">
          {blockedReason} You may still reject it or send it back.
        </p>
      )}
      {mode ? (
        <>
          <label htmlFor={reasonId} className="text-xs font-medium text-slate-700">
            {CONFIRM[mode].prompt}
          </label>
          <Textarea id={reasonId} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} />
          <div className="flex flex-wrap gap-2">
            <Button variant={mode === "REJECT" ? "danger" : "primary"} busy={pending} disabled={done !== null} onClick={() => decide(mode)} data-testid={mode === "REJECT" ? "confirm-reject" : "confirm-request-changes"}>
              {CONFIRM[mode].label}
            </Button>
            <Button variant="ghost" onClick={() => (setMode(null), setError(null))} disabled={pending}>
              Back
            </Button>
          </div>
        </>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button busy={pending} onClick={() => decide("APPROVE")} disabled={!canApprove || done !== null} data-testid="approve-button">
            Approve{level > 0 ? ` level ${level}` : ""}
          </Button>
          <Button variant="secondary" onClick={() => setMode("REJECT")} disabled={pending || done !== null} data-testid="reject-button">
            Reject…
          </Button>
          <Button variant="secondary" onClick={() => setMode("REQUEST_CHANGES")} disabled={pending || done !== null} data-testid="request-changes-button">
            Request changes…
          </Button>
        </div>
      )}
    </div>
  );
}
