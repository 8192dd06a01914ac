"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { recomputeProposalsAction } from "@/lib/actions/rule-tuning-actions";
import { Button } from "@/components/ui/button";

/** Runs the proposal computation now (it also runs every night in a worker) and says what changed. */
export function RecomputeButton() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {message && (
        <span role={message.ok ? "status" : "alert"} className={message.ok ? "text-xs text-slate-600" : "text-xs text-rose-800"} data-testid="recompute-message">
          {message.text}
        </span>
      )}
      <Button
        variant="secondary"
        busy={pending}
        onClick={() =>
          start(async () => {
            const r = await recomputeProposalsAction();
            if (!r.ok) return setMessage({ ok: false, text: r.error });
            const s = r.data;
            setMessage({ ok: true, text: `${s.triggered} rule(s) at the trigger: ${s.created} new, ${s.refreshed} unchanged, ${s.superseded} superseded proposal(s).` });
            router.refresh();
          })
        }
      >
        Recompute proposals
      </Button>
    </div>
  );
}
