"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A destructive or irreversible button that asks first, inline (no browser dialog): the first click shows the
 * question with "confirm" and "cancel" buttons; focus moves to the confirm button so keyboard users land on it.
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  onConfirm,
  busy,
  variant = "secondary",
}: {
  label: string;
  accessibleLabel?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
  variant?: "secondary" | "danger";
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button type="button" variant={variant === "danger" ? "secondary" : variant} aria-label={accessibleLabel} busy={busy} onClick={() => setAsking(true)} className="px-2 py-1 text-xs">
        {label}
      </Button>
    );
  }
  return (
    <span role="group" aria-label={question} className="inline-flex flex-wrap items-center gap-1.5 text-xs text-slate-700">
      <span>{question}</span>
      <Button
        type="button"
        variant={variant === "danger" ? "danger" : "primary"}
        autoFocus
        className="px-2 py-1 text-xs"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
}
