"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { retryDeliveryAction } from "@/lib/actions/notification-admin-actions";
import { Button } from "@/components/ui/button";

/** Re-queue one failed delivery (same row, so receivers that de-duplicate see one message). */
export function RetryDeliveryButton({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-0.5">
      <Button
        type="button"
        variant="secondary"
        className="px-2 py-0.5 text-xs"
        busy={pending}
        aria-label={`Retry delivery: ${label}`}
        onClick={() =>
          start(async () => {
            setError(null);
            const r = await retryDeliveryAction({ id });
            if (r.ok) router.refresh();
            else setError(r.error);
          })
        }
      >
        Retry
      </Button>
      {error && (
        <span role="alert" className="text-xs text-rose-700">
          {error}
        </span>
      )}
    </span>
  );
}
