"use client";
import { useState, useTransition } from "react";
import { createSavedViewAction } from "@/lib/actions/saved-view-actions";
import { QueueDialog } from "@/components/case-queue/queue-dialog";
import { Field, Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

/** Name the current queue (filters, sort, columns, density) and optionally share it with the team. */
export function SaveViewDialog({ query, onClose, onSaved }: { query: string; onClose: () => void; onSaved: (name: string) => void }) {
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<{ message: string; fields?: Record<string, string[]> } | null>(null);
  const [busy, start] = useTransition();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const result = await createSavedViewAction({ name, query, shared });
      if (result.ok) onSaved(result.data.name);
      else setError({ message: result.error, fields: result.fieldErrors });
    });
  };

  return (
    <QueueDialog title="Save current view" onClose={onClose} testId="save-view-dialog">
      <form onSubmit={submit} className="space-y-3">
        {error && !error.fields && <Notice>{error.message}</Notice>}
        <Field id="saved-view-name" label="View name" errors={error?.fields?.name}>
          <Input id="saved-view-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required autoFocus aria-invalid={!!error?.fields?.name} aria-describedby={error?.fields?.name ? "saved-view-name-error" : undefined} />
        </Field>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className="size-4 rounded border-slate-400" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          Share with the team (everyone can apply it; only you can change or delete it)
        </label>
        <p className="text-xs text-slate-600">Saves the filters, sort order, columns and density you see now.</p>
        <div className="flex justify-end gap-2">
          <Button type="submit" busy={busy}>
            Save view
          </Button>
        </div>
      </form>
    </QueueDialog>
  );
}
