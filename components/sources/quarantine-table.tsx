"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Trash2, Wrench } from "lucide-react";
import { discardQuarantinedAction, replayQuarantinedAction } from "@/lib/actions/data-source-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Select, Textarea } from "@/components/ui/field";
import { formatDateTime } from "@/lib/utils/format";
import { ModalDialog } from "./modal-dialog";
import { toEditableJson } from "./json-text";
import type { QuarantineView } from "./types";

type Editing = { mode: "fix" | "discard"; row: QuarantineView } | null;

/** Fix the record (JSON) and what it is (entity), then replay it through the same validation and writer as ingestion. */
function FixAndReplay({ row, entities, onDone }: { row: QuarantineView; entities: readonly string[]; onDone: (message: string) => void }) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [entity, setEntity] = useState(entities.includes(row.entity) ? row.entity : "");
  const [json, setJson] = useState(() => toEditableJson(row.record));
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [outcome, setOutcome] = useState<string | null>(null);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setOutcome(null);
    start(async () => {
      const r = await replayQuarantinedAction({ id: row.id, entity: entity || undefined, recordJson: json });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        setOutcome(r.fieldErrors ? null : r.error);
        return;
      }
      setErrors({});
      if (r.data.ok) {
        onDone(`Replayed ${row.position}: the record was accepted.`);
        router.refresh();
      } else {
        setOutcome(`Still rejected: ${r.data.reason ?? "unknown reason"}`);
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Fix and replay">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">Position</dt>
        <dd>{row.position}</dd>
        <dt className="text-slate-500">Problem</dt>
        <dd className="text-rose-800">
          {row.field ? `${row.field}: ` : ""}
          {row.message}
        </dd>
      </dl>
      <Field id={`${uid}-entity`} label="Entity (what this record is)" errors={errors.entity}>
        <Select id={`${uid}-entity`} value={entity} onChange={(e) => setEntity(e.target.value)}>
          <option value="">Choose…</option>
          {entities.map((en) => (
            <option key={en} value={en}>
              {en}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${uid}-record`} label="Record (JSON)" errors={errors.recordJson} hint="Canonical fields for the chosen entity, e.g. sku, locationCode, onHand.">
        <Textarea
          id={`${uid}-record`}
          rows={12}
          spellCheck={false}
          className="font-mono text-xs"
          value={json}
          onChange={(e) => setJson(e.target.value)}
          aria-invalid={errors.recordJson?.length ? true : undefined}
          aria-describedby={errors.recordJson?.length ? `${uid}-record-error` : undefined}
        />
      </Field>
      <div role="status" aria-live="polite" data-testid="replay-outcome">
        {outcome && <p className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">{outcome}</p>}
      </div>
      <Button type="submit" busy={pending}>
        {pending ? "Replaying…" : "Replay"}
      </Button>
    </form>
  );
}

function Discard({ row, onDone }: { row: QuarantineView; onDone: (message: string) => void }) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const r = await discardQuarantinedAction({ id: row.id, reason });
      if (!r.ok) return setError(r.fieldErrors?.reason?.[0] ?? r.error);
      onDone(`Discarded ${row.position}.`);
      router.refresh();
    });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Discard record">
      <p className="text-sm text-slate-600">
        The record at <span className="font-medium">{row.position}</span> will not be imported. The reason is kept in the audit log.
      </p>
      <Field id={`${uid}-reason`} label="Reason for discarding" errors={error ? [error] : undefined}>
        <Textarea id={`${uid}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${uid}-reason-error` : undefined} />
      </Field>
      <Button type="submit" variant="danger" busy={pending}>
        Discard record
      </Button>
    </form>
  );
}

/** Open quarantined records of one source, with fix-and-replay or discard per row. */
export function QuarantineTable({ rows, entities }: { rows: QuarantineView[]; entities: readonly string[] }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = (m: string) => {
    setEditing(null);
    setMessage(m);
  };
  return (
    <div className="space-y-2">
      <div role="status" aria-live="polite" data-testid="quarantine-message">
        {message && <Notice tone="success">{message}</Notice>}
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No open records: everything received was accepted, replayed or discarded.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Scrollable table">
          <table className="w-full text-sm" data-testid="quarantine-table">
            <caption className="sr-only">Open quarantined records</caption>
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="pr-3 font-medium">Position</th>
                <th scope="col" className="pr-3 font-medium">Entity</th>
                <th scope="col" className="pr-3 font-medium">Field</th>
                <th scope="col" className="pr-3 font-medium">Message</th>
                <th scope="col" className="pr-3 font-medium">Created</th>
                <th scope="col" className="font-medium">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((q) => (
                <tr key={q.id} data-testid="quarantine-row" className="align-top">
                  <td className="py-2 pr-3 text-xs">
                    {q.position}
                    {q.fileName && <span className="block text-slate-500">{q.fileName}</span>}
                  </td>
                  <td className="py-2 pr-3 text-xs">{q.entity}</td>
                  <td className="py-2 pr-3 text-xs">{q.field ?? "—"}</td>
                  <td className="py-2 pr-3 text-xs">
                    {q.message}
                    {q.replayError && <span className="mt-1 block text-rose-800">Last replay: {q.replayError}</span>}
                  </td>
                  <td className="py-2 pr-3 text-xs whitespace-nowrap">{formatDateTime(q.createdAt)}</td>
                  <td className="py-2">
                    <div className="flex gap-1">
                      <Button variant="secondary" className="px-2 py-1 text-xs" aria-label={`Fix & replay ${q.position}`} onClick={() => (setMessage(null), setEditing({ mode: "fix", row: q }))}>
                        <Wrench className="size-3.5" aria-hidden />
                        Fix & replay
                      </Button>
                      <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={`Discard ${q.position}`} onClick={() => (setMessage(null), setEditing({ mode: "discard", row: q }))}>
                        <Trash2 className="size-3.5" aria-hidden />
                        Discard
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <ModalDialog
          key={`${editing.mode}-${editing.row.id}`}
          title={editing.mode === "fix" ? `Fix & replay: ${editing.row.position}` : `Discard: ${editing.row.position}`}
          onClose={() => setEditing(null)}
          testId={editing.mode === "fix" ? "fix-dialog" : "discard-dialog"}
        >
          {editing.mode === "fix" ? <FixAndReplay row={editing.row} entities={entities} onDone={done} /> : <Discard row={editing.row} onDone={done} />}
        </ModalDialog>
      )}
    </div>
  );
}
