"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { runDetectionAction } from "@/lib/actions/admin-actions";
import { Button } from "@/components/ui/button";

/** Queues a detection run and reports whether it was queued or already pending. */
export function RunDetectionButton() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-2">
      {message && (
        <span role="status" className="text-xs text-slate-600">
          {message}
        </span>
      )}
      <Button
        variant="secondary"
        busy={pending}
        onClick={() =>
          start(async () => {
            const r = await runDetectionAction();
            setMessage(r.ok ? (r.data.jobId ? "Queued; a worker will pick it up." : "A run is already queued.") : r.error);
            router.refresh();
          })
        }
      >
        Run detection now
      </Button>
    </div>
  );
}
