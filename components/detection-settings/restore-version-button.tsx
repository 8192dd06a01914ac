"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { restoreScoringVersionAction } from "@/lib/actions/detection-settings-actions";
import { RunDetectionButton } from "@/components/admin/run-detection-button";
import { ConfirmButton } from "./confirm-button";

/** "Restore this version": after a confirmation, copies it into a new version (old rows are never edited). */
export function RestoreVersionButton({ version, baseVersion }: { version: number; baseVersion: number | null }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="space-y-1">
      <ConfirmButton
        label={`Restore version ${version}`}
        question={`Create version ${(baseVersion ?? 0) + 1} equal to version ${version}?`}
        confirmLabel="Yes, restore"
        busy={pending}
        onConfirm={() =>
          start(async () => {
            const r = await restoreScoringVersionAction({ version, baseVersion });
            setMessage(r.ok ? { ok: true, text: `Restored as version ${r.data.version}. It applies at the next detection run.` } : { ok: false, text: r.error });
            if (r.ok) router.refresh();
          })
        }
      />
      {message && (
        <div role={message.ok ? "status" : "alert"} className={message.ok ? "text-xs text-emerald-800" : "text-xs text-rose-800"}>
          {message.text}
          {message.ok && (
            <div className="mt-1">
              <RunDetectionButton />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
