"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { RefreshCw } from "lucide-react";
import { requestSyncAction } from "@/lib/actions/data-source-actions";
import { Button } from "@/components/ui/button";

/** Queues a pull sync for one source; the worker runs it and the runs table shows its progress. */
export function RunSyncButton({ sourceId, sourceName, disabledReason }: { sourceId: string; sourceName: string; disabledReason?: string | null }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <span role="status" aria-live="polite" className={message?.tone === "error" ? "text-xs text-rose-700" : "text-xs text-slate-600"}>
        {message?.text ?? (disabledReason ? disabledReason : "")}
      </span>
      <Button
        variant="secondary"
        busy={pending}
        disabled={Boolean(disabledReason)}
        aria-label={`Run sync: ${sourceName}`}
        onClick={() =>
          start(async () => {
            setMessage(null);
            const r = await requestSyncAction({ sourceId });
            if (!r.ok) setMessage({ tone: "error", text: r.error });
            else setMessage({ tone: "ok", text: r.data.alreadyRunning ? "A sync is already queued or running." : "Sync queued; a worker will pick it up." });
            router.refresh();
          })
        }
      >
        <RefreshCw className="size-3.5" aria-hidden />
        Run sync
      </Button>
    </div>
  );
}
