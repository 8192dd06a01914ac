"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TypeBucket } from "@/lib/server/dal/kpi";
import { formatUsd, formatUsdCompact, humanize } from "@/lib/utils/format";

/** Horizontal bars of $ at risk per root-cause type (a Pareto of causes). */
export function TypeChart({ data }: { data: TypeBucket[] }) {
  const rows = data.slice(0, 10).map((d) => ({ ...d, label: humanize(d.type) }));
  if (rows.length === 0) return <p className="text-sm text-slate-600">No open cases in your sites.</p>;
  return (
    <div className="h-72">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v) => formatUsdCompact(Number(v))} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={190} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v, _n, item) => [`${formatUsd(Number(v))} · ${(item.payload as TypeBucket).cases} cases`, "$ at risk"]} />
          <Bar dataKey="exposure" fill="#2359b8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
