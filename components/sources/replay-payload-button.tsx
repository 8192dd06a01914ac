"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { RotateCcw } from "lucide-react";
import { replayPayloadAction } from "@/lib/actions/data-source-actions";
import { Button } from "@/components/ui/button";

/** Re-process a stored payload with the source's current settings, as a new run. */
export function ReplayPayloadButton({ payloadId, label }: { payloadId: string; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        busy={pending}
        aria-label={`Replay ${label}`}
        onClick={() =>
          start(async () => {
            setMessage(null);
            const r = await replayPayloadAction({ payloadId });
            setMessage(r.ok ? { tone: "ok", text: "Replay queued as a new run." } : { tone: "error", text: r.error });
            if (r.ok) router.refresh();
          })
        }
      >
        <RotateCcw className="size-3.5" aria-hidden />
        Replay
      </Button>
      <span role="status" aria-live="polite" className={message?.tone === "error" ? "text-xs text-rose-700" : "text-xs text-slate-600"}>
        {message?.text ?? ""}
      </span>
    </div>
  );
}
