"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/utils/format";

export type ProjectionChartPoint = { date: string; projected: number; demand: number; receipts: number; safetyStock: number };

/**
 * Projected available balance of one item-location over the horizon: balance line, demand
 * (negative) and receipt bars, safety stock and first-shortage reference lines, and today's on-hand
 * quantity marked on the first day (available = on hand − allocated − quality hold).
 */
export function ProjectionChart({
  points,
  firstShortageDate,
  shortageQty,
  safetyStock,
  startingAvailable,
  onHand = null,
}: {
  points: ProjectionChartPoint[];
  firstShortageDate: string | null;
  shortageQty: number;
  safetyStock: number;
  startingAvailable: number;
  /** Physical on hand today; null when unknown. */
  onHand?: number | null;
}) {
  const data = points.map((p) => ({ ...p, demandOut: -p.demand }));
  const last = points[points.length - 1];
  const totalReceipts = points.reduce((n, p) => n + p.receipts, 0);
  const summary =
    points.length === 0
      ? "No projection points."
      : `${onHand !== null ? `On hand ${formatNumber(onHand)} units, ` : ""}starting available ${formatNumber(startingAvailable)} units; ${formatNumber(totalReceipts)} units of receipts expected by ${last.date}. ` +
        (firstShortageDate
          ? `Projected balance first drops below zero on ${firstShortageDate}; worst shortage ${formatNumber(shortageQty)} units. `
          : "Projected balance stays at or above zero over the horizon. ") +
        `Safety stock is ${formatNumber(safetyStock)} units; balance at horizon end ${formatNumber(last.projected)}.`;

  return (
    <figure className="space-y-2" data-testid="projection-chart">
      <div className="h-64 w-full" role="img" aria-label="Projected available balance chart; summary below">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="date" tick={{ fontSize: 11 }} tickFormatter={(d: string) => d.slice(5)} minTickGap={16} />
            <YAxis tick={{ fontSize: 11 }} width={52} tickFormatter={(v: number) => formatNumber(v)} />
            <Tooltip
              formatter={(value, name) => [formatNumber(typeof value === "number" ? Math.abs(value) : Number(value)), String(name)]}
              labelFormatter={(label) => String(label)}
              isAnimationActive={false}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <ReferenceLine y={0} stroke="#64748b" />
            <ReferenceLine
              y={safetyStock}
              stroke="#d97706"
              strokeDasharray="4 3"
              label={{ value: `Safety stock ${formatNumber(safetyStock)}`, position: "insideTopRight", fontSize: 11, fill: "#b45309" }}
            />
            {firstShortageDate && (
              <ReferenceLine
                x={firstShortageDate}
                stroke="#e11d48"
                strokeDasharray="3 3"
                label={{ value: `Shortage ${firstShortageDate}`, position: "insideTopLeft", fontSize: 11, fill: "#be123c" }}
              />
            )}
            {onHand !== null && points.length > 0 && (
              <ReferenceDot
                x={points[0].date}
                y={onHand}
                r={4}
                fill="#0f172a"
                stroke="#ffffff"
                ifOverflow="extendDomain"
                label={{ value: `On hand ${formatNumber(onHand)}`, position: "right", fontSize: 11, fill: "#0f172a" }}
              />
            )}
            <Bar dataKey="receipts" name="Receipts" fill="#10b981" barSize={8} isAnimationActive={false} />
            <Bar dataKey="demandOut" name="Demand" fill="#94a3b8" barSize={8} isAnimationActive={false} />
            <Line type="stepAfter" dataKey="projected" name="Projected available" stroke="#2359b8" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-600">{summary}</figcaption>
    </figure>
  );
}
