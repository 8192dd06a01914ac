"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeverityBucket } from "@/lib/server/dal/kpi";
import { formatUsd, humanize } from "@/lib/utils/format";

const COLORS: Record<string, string> = { CRITICAL: "#b91c1c", HIGH: "#ea580c", MEDIUM: "#d97706", LOW: "#64748b" };

/** Bar chart of open cases per severity, with a data table for screen readers. */
export function SeverityChart({ data }: { data: SeverityBucket[] }) {
  const rows = data.map((d) => ({ ...d, label: humanize(d.severity) }));
  return (
    <div>
      <div className="h-56" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
            <Tooltip formatter={(v, _n, item) => [`${v} cases · ${formatUsd((item.payload as SeverityBucket).exposure)}`, "Open"]} />
            <Bar dataKey="cases" isAnimationActive={false}>
              {rows.map((r) => (
                <Cell key={r.severity} fill={COLORS[r.severity]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="mt-2 w-full text-sm" data-testid="severity-table">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="font-medium">Severity</th>
            <th className="text-right font-medium">Open cases</th>
            <th className="text-right font-medium">$ at risk</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.severity}>
              <td>{r.label}</td>
              <td className="text-right tabular-nums">{r.cases}</td>
              <td className="text-right tabular-nums">{formatUsd(r.exposure)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
