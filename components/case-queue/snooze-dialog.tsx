"use client";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import type { TriageResult } from "@/lib/server/dal/case-triage";
import { MAX_SCORE_RISE_PCT, MIN_SCORE_RISE_PCT } from "@/lib/domain/case/snooze";
import { QueueDialog } from "@/components/case-queue/queue-dialog";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

export type SnoozeRequestInput = { until?: string; onChange?: boolean; scoreRisePct?: number };

// Default wake time: tomorrow 08:00 local, as the value a datetime-local input expects.
function tomorrowMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(8, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Snooze until a date, until something changes in the source data, and/or until the score rises by X %. */
export function SnoozeDialog({ count, onSubmit, onClose }: { count: number; onSubmit: (req: SnoozeRequestInput) => Promise<ActionResult<TriageResult>>; onClose: () => void }) {
  const [useDate, setUseDate] = useState(true);
  const [date, setDate] = useState(tomorrowMorning);
  const [onChange, setOnChange] = useState(false);
  const [useRise, setUseRise] = useState(false);
  const [rise, setRise] = useState("20");
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const problems: string[] = [];
    if (!useDate && !onChange && !useRise) problems.push("Choose at least one wake condition.");
    const until = useDate ? new Date(date) : undefined;
    if (until && (Number.isNaN(until.getTime()) || until.getTime() <= Date.now())) problems.push("The wake date must be in the future.");
    const pct = Number(rise);
    if (useRise && !(pct >= MIN_SCORE_RISE_PCT && pct <= MAX_SCORE_RISE_PCT)) problems.push(`The score rise must be between ${MIN_SCORE_RISE_PCT} and ${MAX_SCORE_RISE_PCT} %.`);
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    const result = await onSubmit({ until: until?.toISOString(), onChange: onChange || undefined, scoreRisePct: useRise ? pct : undefined });
    setBusy(false);
    if (result.ok) onClose();
    else setErrors(result.fieldErrors ? Object.values(result.fieldErrors).flat() : [result.error]);
  };

  return (
    <QueueDialog title={count === 1 ? "Snooze case" : `Snooze ${count} cases`} onClose={onClose} testId="snooze-dialog">
      <form onSubmit={submit} className="space-y-3 text-sm text-slate-800">
        <p className="text-slate-600">Snoozed cases leave the default queue and come back when any condition you choose is met.</p>
        {errors.length > 0 && (
          <Notice>
            {errors.map((m) => (
              <span key={m} className="block">
                {m}
              </span>
            ))}
          </Notice>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-2">
            <input type="checkbox" className="size-4" checked={useDate} onChange={(e) => setUseDate(e.target.checked)} />
            Until
          </label>
          <label htmlFor="snooze-until" className="sr-only">
            Wake date and time
          </label>
          <input id="snooze-until" type="datetime-local" value={date} onChange={(e) => setDate(e.target.value)} disabled={!useDate} className="rounded-md border-0 px-2 py-1 ring-1 ring-inset ring-slate-300 disabled:bg-slate-100" />
        </div>
        <label className="flex items-center gap-2">
          <input type="checkbox" className="size-4" checked={onChange} onChange={(e) => setOnChange(e.target.checked)} />
          Until something changes in the source data behind the case
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-2">
            <input type="checkbox" className="size-4" checked={useRise} onChange={(e) => setUseRise(e.target.checked)} />
            Until the score rises by
          </label>
          <label htmlFor="snooze-rise" className="sr-only">
            Score rise in percent
          </label>
          <input id="snooze-rise" type="number" min={MIN_SCORE_RISE_PCT} max={MAX_SCORE_RISE_PCT} value={rise} onChange={(e) => setRise(e.target.value)} disabled={!useRise} className="w-20 rounded-md border-0 px-2 py-1 ring-1 ring-inset ring-slate-300 disabled:bg-slate-100" />
          <span aria-hidden>%</span>
        </div>
        <div className="flex justify-end">
          <Button type="submit" busy={busy}>
            {count === 1 ? "Snooze case" : `Snooze ${count} cases`}
          </Button>
        </div>
      </form>
    </QueueDialog>
  );
}
