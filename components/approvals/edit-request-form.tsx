"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { editActionAction } from "@/lib/actions/approval-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { estimateActionValue } from "@/lib/domain/case/action-schemas";
import type { ActionType } from "@/lib/domain/score/config";
import { formatNumber, formatUsd, humanize } from "@/lib/utils/format";

type Source = { id: string; code: string; name: string; available: number | null };

/**
 * Edit a request an approver sent back. Saving creates a new revision that goes to level 1 again,
 * with its approval levels re-evaluated; whoever edits it can no longer approve it.
 */
export function EditRequestForm({
  actionId,
  type,
  initial,
  sources,
  unitCost,
  isRequester,
}: {
  actionId: string;
  type: ActionType;
  initial: { quantity: number | null; note: string; fromLocationId?: string; targetDate?: string };
  sources: Source[];
  unitCost: number | null;
  isRequester: boolean;
}) {
  const router = useRouter();
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [quantity, setQuantity] = useState(initial.quantity == null ? "" : String(initial.quantity));
  const [note, setNote] = useState(initial.note);
  const [fromLocationId, setFromLocationId] = useState(initial.fromLocationId ?? "");
  const [targetDate, setTargetDate] = useState(initial.targetDate?.slice(0, 10) ?? "");
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const qty = Number(quantity);
  const estimate = unitCost != null && Number.isInteger(qty) && qty > 0 ? estimateActionValue(type, qty, unitCost) : null;
  const id = (name: string) => `${uid}-${name}`;
  const described = (name: string) => (errors[name]?.length ? `${id(name)}-error` : undefined);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    startTransition(async () => {
      const result = await editActionAction({
        actionId,
        quantity: quantity.trim() === "" ? Number.NaN : Number(quantity),
        note,
        fromLocationId: type === "TRANSFER" && fromLocationId ? fromLocationId : undefined,
        targetDate: type === "EXPEDITE" && targetDate ? targetDate : undefined,
      });
      if (result.ok) {
        setErrors({});
        setDone(result.data.status === "APPROVED" ? `Revision ${result.data.revision} was auto-approved: ${result.data.policyReason}` : `Revision ${result.data.revision} submitted; it waits for level 1 again. ${result.data.policyReason}`);
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Edit the request" data-testid="edit-request-form">
      <p className="text-sm text-slate-700">
        Edit the {humanize(type).toLowerCase()} and submit it again.{!isRequester && " Because you edit it, you will not be able to approve it."}
      </p>
      {formError && <Notice>{formError}</Notice>}
      {done && <Notice tone="success">{done}</Notice>}
      <Field id={id("quantity")} label="Quantity (units)" errors={errors.quantity} hint={estimate != null ? `Estimated value ${formatUsd(estimate)}` : undefined}>
        <Input
          id={id("quantity")}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          aria-invalid={errors.quantity?.length ? true : undefined}
          aria-describedby={described("quantity")}
          required
        />
      </Field>
      {type === "TRANSFER" && (
        <Field id={id("from")} label="From location" errors={errors.fromLocationId}>
          <Select id={id("from")} value={fromLocationId} onChange={(e) => setFromLocationId(e.target.value)} aria-describedby={described("fromLocationId")} required>
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
        <Field id={id("date")} label="Target arrival date" errors={errors.targetDate}>
          <Input id={id("date")} type="date" value={targetDate} onChange={(e) => setTargetDate(e.target.value)} aria-describedby={described("targetDate")} required />
        </Field>
      )}
      <Field id={id("note")} label="Note for the approver" errors={errors.note} hint="3–500 characters: what changed and why.">
        <Textarea id={id("note")} rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={errors.note?.length ? true : undefined} aria-describedby={described("note")} required />
      </Field>
      <Button type="submit" busy={pending} disabled={done !== null} data-testid="submit-edit">
        Submit revision
      </Button>
    </form>
  );
}
