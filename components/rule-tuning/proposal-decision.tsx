"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { acceptProposalAction, dismissProposalAction } from "@/lib/actions/rule-tuning-actions";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";

/**
 * Accept (optional note, appended to the evidence in the new version's note) or dismiss (reason required).
 * The server validates and decides; a proposal decided elsewhere meanwhile comes back as a conflict message.
 * A decided proposal leaves the open list, so success is reported by the page (?accepted=version / ?dismissed=id).
 */
export function ProposalDecision({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const accept = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    start(async () => {
      const r = await acceptProposalAction({ id, note: note.trim() || undefined });
      if (r.ok) router.replace(`/admin/tuning?accepted=${r.data.version}`, { scroll: true });
      else setError(r.error);
    });
  };
  const dismiss = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    start(async () => {
      const r = await dismissProposalAction({ id, reason });
      if (r.ok) {
        router.replace(`/admin/tuning?dismissed=${encodeURIComponent(id)}`, { scroll: true });
        return;
      }
      setReasonError(r.fieldErrors?.reason?.[0] ?? null);
      setError(r.error);
    });
  };

  const noteId = `${uid}-note`;
  const reasonId = `${uid}-reason`;
  return (
    <div className="space-y-3 border-t border-slate-100 pt-3" data-testid="proposal-decision">
      <div className="grid gap-4 lg:grid-cols-2">
        <form onSubmit={accept} aria-label={`Accept ${title}`} className="space-y-2">
          <label htmlFor={noteId} className="block text-sm font-medium text-slate-700">
            Note for the new version <span className="font-normal text-slate-600">(optional; the evidence is written into it)</span>
          </label>
          <Textarea id={noteId} rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
          <Button type="submit" busy={pending}>
            Accept and create a new version
          </Button>
        </form>
        <form onSubmit={dismiss} aria-label={`Dismiss ${title}`} className="space-y-2" noValidate>
          <label htmlFor={reasonId} className="block text-sm font-medium text-slate-700">
            Reason to dismiss <span className="font-normal text-slate-600">(required, kept in the audit log)</span>
          </label>
          <Input
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={1000}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${reasonId}-error` : undefined}
          />
          {reasonError && (
            <p id={`${reasonId}-error`} className="text-xs text-rose-700">
              {reasonError}
            </p>
          )}
          <Button type="submit" variant="secondary" busy={pending}>
            Dismiss proposal
          </Button>
        </form>
      </div>
      {error && (
        <div data-testid="proposal-message">
          <Notice>{error}</Notice>
        </div>
      )}
    </div>
  );
}
