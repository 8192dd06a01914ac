"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { resolvePeriods, kpiQuerySchema } from "@/lib/search-params/kpi";
import { Button } from "@/components/ui/button";

const PRESETS = [
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "12 months" },
];

/** Date range (UTC days, inclusive), presets and the comparison period; all in the URL so a view can be shared. */
export function DashboardControls({ today }: { today: string }) {
  const router = useRouter();
  const sp = useSearchParams();
  const q = kpiQuerySchema.parse(Object.fromEntries(sp.entries()));
  const periods = resolvePeriods(q, new Date(`${today}T12:00:00Z`));
  const [from, setFrom] = useState(periods.from);
  const [to, setTo] = useState(periods.to);
  const push = (patch: Record<string, string>) => {
    const p = new URLSearchParams(sp.toString());
    for (const [k, v] of Object.entries(patch)) p.set(k, v);
    router.replace(`/kpi?${p.toString()}`, { scroll: false });
  };
  const preset = (days: number) => {
    const f = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    setFrom(f);
    setTo(today);
    push({ from: f, to: today });
  };
  return (
    <form
      className="no-print flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      aria-label="Dashboard period"
      onSubmit={(e) => {
        e.preventDefault();
        push({ from, to });
      }}
    >
      <label className="text-xs text-slate-700">
        From
        <input type="date" name="from" value={from} max={to} onChange={(e) => setFrom(e.target.value)} className="mt-0.5 block rounded border border-slate-300 px-2 py-1 text-sm" />
      </label>
      <label className="text-xs text-slate-700">
        To
        <input type="date" name="to" value={to} min={from} max={today} onChange={(e) => setTo(e.target.value)} className="mt-0.5 block rounded border border-slate-300 px-2 py-1 text-sm" />
      </label>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      <div className="flex gap-1" role="group" aria-label="Quick ranges">
        {PRESETS.map((p) => (
          <Button key={p.days} type="button" variant="ghost" className="px-2 text-xs" aria-pressed={periods.days === p.days && periods.to === today} onClick={() => preset(p.days)}>
            {p.label}
          </Button>
        ))}
      </div>
      <label className="text-xs text-slate-700">
        Compare with
        <select name="compare" value={q.compare} onChange={(e) => push({ compare: e.target.value })} className="mt-0.5 block rounded border border-slate-300 bg-white px-2 py-1 text-sm">
          <option value="previous">Previous period</option>
          <option value="year">Same period last year</option>
          <option value="none">No comparison</option>
        </select>
      </label>
      <Button type="button" variant="ghost" className="ml-auto text-xs" onClick={() => window.print()}>
        Print / PDF
      </Button>
      <p className="w-full text-xs text-slate-600" data-testid="kpi-period">
        {periods.from} – {periods.to} ({periods.days} days){periods.previous ? ` vs ${periods.previous.start.toISOString().slice(0, 10)} – ${new Date(periods.previous.end.getTime() - 86_400_000).toISOString().slice(0, 10)}` : ""} · UTC days
      </p>
    </form>
  );
}
