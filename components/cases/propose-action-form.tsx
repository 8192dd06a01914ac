"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { proposeActionAction } from "@/lib/actions/case-actions";
import { useProposeDraft } from "@/components/cases/propose-draft";
import { estimateActionValue } from "@/lib/domain/case/action-schemas";
import { ACTION_TYPES, type ActionType } from "@/lib/domain/score/config";
import { formatNumber, formatUsd, humanize } from "@/lib/utils/format";

export type SourceLocation = { id: string; code: string; name: string; available: number | null };

const HINTS: Record<ActionType, string> = {
  EXPEDITE: "Ask the supplier to bring the inbound forward.",
  TRANSFER: "Move stock in from another site.",
  REALLOCATE: "Move allocated stock between orders.",
  RECOUNT: "Request a cycle count to confirm on-hand.",
  HOLD: "Place or keep stock on hold.",
  ADJUST: "Correct the system quantity.",
};

type Errors = Record<string, string[] | undefined>;

/** Planner form: propose a corrective action; the approval policy decides who must approve it (or auto-approves it). */
export function ProposeActionForm({
  caseId,
  sources,
  unitCost,
  suggestedQuantity,
  closedReason = null,
  suggestedType = null,
}: {
  /** The engine's suggested corrective action (pre-selected when valid). */
  suggestedType?: string | null;
  /** Why no new action can be proposed right now (case not OPEN); the form is replaced by this text. */
  closedReason?: string | null;
  caseId: string;
  sources: SourceLocation[];
  unitCost: number | null;
  suggestedQuantity: number | null;
}) {
  const router = useRouter();
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [type, setType] = useState<ActionType>(
    (ACTION_TYPES as readonly string[]).includes(suggestedType ?? "") ? (suggestedType as ActionType) : "EXPEDITE",
  );
  const [quantity, setQuantity] = useState(suggestedQuantity && suggestedQuantity > 0 ? String(Math.ceil(suggestedQuantity)) : "");
  const [note, setNote] = useState("");
  const [fromLocationId, setFromLocationId] = useState("");
  const [targetDate, setTargetDate] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);

  // A recommendation's "Propose" button hands a draft over: apply it once per click (state
  // adjusted during render, React's pattern for props-driven resets), then move focus here.
  const draft = useProposeDraft()?.draft ?? null;
  const [appliedSeq, setAppliedSeq] = useState(0);
  if (draft && draft.seq !== appliedSeq) {
    setAppliedSeq(draft.seq);
    setType(draft.type);
    setQuantity(String(draft.quantity));
    setFromLocationId(draft.fromLocationId ?? "");
    setTargetDate(draft.targetDate ?? "");
    setNote(draft.note);
    setErrors({});
    setFormError(null);
    setSuccess(null);
  }
  const draftSeq = draft?.seq ?? 0;
  useEffect(() => {
    if (draftSeq === 0) return;
    const form = document.getElementById(`${uid}-form`);
    form?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    document.getElementById(`${uid}-note`)?.focus({ preventScroll: true });
  }, [draftSeq, uid]);
  const prefilledFrom = draft && draft.seq === appliedSeq ? draft.source : null;

  const qty = Number(quantity);
  const estimate = unitCost != null && Number.isInteger(qty) && qty > 0 ? estimateActionValue(type, qty, unitCost) : null;
  const id = (name: string) => `${uid}-${name}`;
  const invalid = (name: string) => (errors[name]?.length ? true : undefined);
  const describedBy = (name: string) => (errors[name]?.length ? `${id(name)}-error` : undefined);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    setSuccess(null);
    const raw = {
      caseId,
      type,
      quantity: quantity.trim() === "" ? Number.NaN : Number(quantity),
      note,
      fromLocationId: type === "TRANSFER" && fromLocationId ? fromLocationId : undefined,
      targetDate: type === "EXPEDITE" && targetDate ? targetDate : undefined,
    };
    startTransition(async () => {
      const result = await proposeActionAction(raw);
      if (result.ok) {
        setErrors({});
        setNote("");
        setSuccess(result.data.status === "APPROVED" ? `Action auto-approved. ${result.data.policyReason}` : `Action proposed. It is now waiting for approval. ${result.data.policyReason}`);
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
      }
    });
  }

  if (closedReason) {
    return (
      <div className="space-y-2">
        {success && <Notice tone="success">{success}</Notice>}
        <p className="text-sm text-slate-600">{closedReason}</p>
      </div>
    );
  }

  return (
    <form id={`${uid}-form`} onSubmit={submit} noValidate className="space-y-3" data-testid="propose-action-form" aria-label="Propose an action">
      {prefilledFrom && !success && (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-xs text-brand-700" data-testid="propose-prefill">
          Pre-filled from recommendation #{prefilledFrom.rank}: {prefilledFrom.label}. Review, then submit.
        </p>
      )}
      {formError && <Notice tone="error">{formError}</Notice>}
      {success && <Notice tone="success">{success}</Notice>}
      <Field
        id={id("type")}
        label="Action type"
        errors={errors.type}
        hint={`${HINTS[type]}${suggestedType && type === suggestedType ? " (suggested by the engine)" : ""}`}
      >
        <Select id={id("type")} name="type" value={type} onChange={(e) => setType(e.target.value as ActionType)} aria-invalid={invalid("type")} aria-describedby={describedBy("type")}>
          {ACTION_TYPES.map((t) => (
            <option key={t} value={t}>
              {humanize(t)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={id("quantity")} label="Quantity (units)" errors={errors.quantity} hint={estimate != null ? `Estimated value ${formatUsd(estimate)}` : undefined}>
        <Input
          id={id("quantity")}
          name="quantity"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          aria-invalid={invalid("quantity")}
          aria-describedby={describedBy("quantity")}
          required
        />
      </Field>
      {type === "TRANSFER" && (
        <Field id={id("fromLocationId")} label="From location" errors={errors.fromLocationId}>
          <Select
            id={id("fromLocationId")}
            name="fromLocationId"
            value={fromLocationId}
            onChange={(e) => setFromLocationId(e.target.value)}
            aria-invalid={invalid("fromLocationId")}
            aria-describedby={describedBy("fromLocationId")}
            required
          >
            <option value="">Choose a source site…</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} · {s.name}
                {s.available != null ? ` (${formatNumber(s.available)} available)` : ""}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {type === "EXPEDITE" && (
        <Field id={id("targetDate")} label="Target arrival date" errors={errors.targetDate}>
          <Input
            id={id("targetDate")}
            name="targetDate"
            type="date"
            value={targetDate}
            onChange={(e) => setTargetDate(e.target.value)}
            aria-invalid={invalid("targetDate")}
            aria-describedby={describedBy("targetDate")}
            required
          />
        </Field>
      )}
      <Field id={id("note")} label="Note for the approver" errors={errors.note} hint="3–500 characters: why this action, and what it fixes.">
        <Textarea
          id={id("note")}
          name="note"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={invalid("note")}
          aria-describedby={describedBy("note")}
          required
        />
      </Field>
      {errors._form?.map((m) => <Notice key={m}>{m}</Notice>)}
      <Button type="submit" busy={pending} className="w-full">
        {pending ? "Submitting…" : "Propose action"}
      </Button>
    </form>
  );
}
