"use client";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import type { TriageResult } from "@/lib/server/dal/case-triage";
import { RESOLUTION_CODES, RESOLUTION_LABELS, type ResolutionCode } from "@/lib/domain/case/resolution-codes";
import { QueueDialog } from "@/components/case-queue/queue-dialog";
import { Field, Select, Textarea } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

export type StatusRequestInput = { status: "RESOLVED" | "OPEN"; reasonCode?: ResolutionCode; note?: string };

/** Resolve with a reason code (and an optional note), or reopen with a note saying why. */
export function StatusDialog({ mode, count, onSubmit, onClose }: { mode: "RESOLVED" | "OPEN"; count: number; onSubmit: (req: StatusRequestInput) => Promise<ActionResult<TriageResult>>; onClose: () => void }) {
  const [reason, setReason] = useState<ResolutionCode | "">("");
  const [note, setNote] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resolving = mode === "RESOLVED";
  const noun = count === 1 ? "case" : `${count} cases`;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (resolving && !reason) return setFieldErrors({ reasonCode: ["Choose a resolution reason."] });
    if (!resolving && !note.trim()) return setFieldErrors({ note: ["Say why the case is reopened."] });
    setBusy(true);
    const result = await onSubmit({ status: mode, reasonCode: reason || undefined, note: note.trim() || undefined });
    setBusy(false);
    if (result.ok) return onClose();
    setFieldErrors(result.fieldErrors ?? {});
    setFormError(result.fieldErrors ? null : result.error);
  };

  return (
    <QueueDialog title={resolving ? `Resolve ${noun}` : `Reopen ${noun}`} onClose={onClose} testId="status-dialog">
      <form onSubmit={submit} className="space-y-3">
        {formError && <Notice>{formError}</Notice>}
        {resolving && (
          <Field id="resolve-reason" label="Resolution reason" errors={fieldErrors.reasonCode}>
            <Select id="resolve-reason" value={reason} onChange={(e) => setReason(e.target.value as ResolutionCode | "")} aria-invalid={!!fieldErrors.reasonCode} required>
              <option value="">Choose a reason…</option>
              {RESOLUTION_CODES.map((c) => (
                <option key={c} value={c}>
                  {RESOLUTION_LABELS[c]}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field id="status-note" label={resolving ? "Note (optional)" : "Why reopen?"} errors={fieldErrors.note}>
          <Textarea id="status-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={!!fieldErrors.note} required={!resolving} />
        </Field>
        <div className="flex justify-end">
          <Button type="submit" busy={busy} variant={resolving ? "primary" : "secondary"}>
            {resolving ? `Resolve ${noun}` : `Reopen ${noun}`}
          </Button>
        </div>
      </form>
    </QueueDialog>
  );
}
