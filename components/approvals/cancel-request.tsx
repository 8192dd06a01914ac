"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { cancelActionAction } from "@/lib/actions/approval-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Textarea } from "@/components/ui/field";

/** Withdraw an open request with a reason (requester or supervisor); the case opens again. */
export function CancelRequest({ actionId }: { actionId: string }) {
  const router = useRouter();
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  if (done) return <Notice tone="success">Request cancelled; the case is open again.</Notice>;
  if (!open) {
    return (
      <Button variant="ghost" onClick={() => setOpen(true)} data-testid="cancel-request-button">
        Cancel request…
      </Button>
    );
  }
  const reasonId = `${uid}-reason`;
  const cancel = () =>
    startTransition(async () => {
      setError(null);
      const result = await cancelActionAction({ actionId, reason });
      if (!result.ok) setError(result.fieldErrors?.reason?.[0] ?? result.error);
      else {
        setDone(true);
        router.refresh();
      }
    });
  return (
    <div className="space-y-2">
      {error && <Notice>{error}</Notice>}
      <label htmlFor={reasonId} className="block text-xs font-medium text-slate-700">
        Why cancel it (required)
      </label>
      <Textarea id={reasonId} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="flex gap-2">
        <Button variant="danger" busy={pending} onClick={cancel} data-testid="confirm-cancel-request">
          Cancel the request
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)} disabled={pending}>
          Keep it
        </Button>
      </div>
    </div>
  );
}
