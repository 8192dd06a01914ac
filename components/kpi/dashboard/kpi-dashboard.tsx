"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ALL_STATUSES, casesHref, type KpiCard as KpiCardId } from "@/lib/search-params/kpi";
import { formatNumber, formatPercent, formatUsd, formatUsdCompact, humanize } from "@/lib/utils/format";
import { DrillTable, KpiCard, useKpiCard } from "@/components/kpi/dashboard/kpi-card";
import { DashboardControls } from "@/components/kpi/dashboard/dashboard-controls";
import type { HeadlineNumbers } from "@/lib/server/dal/kpi-dashboard";

type Period = { from: string; to: string; days: number; previous: { from: string; to: string } | null };
// The headline card answers with the DAL's numbers plus the detection latency P50.
type Headline = HeadlineNumbers & { detectionP50Hours?: number | null };
type Rate = number | null;

const hours = (h: number | null | undefined) => (h == null ? "—" : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`);
const ax = { fontSize: 12 };

function useParams(keys: readonly string[]) {
  const sp = useSearchParams();
  return useMemo(() => {
    const p = new URLSearchParams();
    for (const k of keys) {
      const v = sp.get(k);
      if (v) p.set(k, v);
    }
    return p;
  }, [sp, keys]);
}
const BASE = ["from", "to", "compare"] as const;
const WITH_DIM = [...BASE, "dim"] as const;
const WITH_BY = [...BASE, "by"] as const;
const WITH_BASIS = [...BASE, "basis"] as const;

/** Trend arrow and delta vs the comparison period, coloured by whether the move is good. */
function Trend({ cur, prev, better, fmt }: { cur: number | null; prev: number | null | undefined; better: "up" | "down"; fmt: (d: number) => string }) {
  if (prev === undefined) return null;
  if (cur == null || prev == null) return <span className="text-xs text-slate-500">no comparison</span>;
  const d = cur - prev;
  if (Math.abs(d) < 1e-9) return <span className="text-xs text-slate-600">± 0 vs previous</span>;
  const good = (d > 0) === (better === "up");
  return (
    <span className={`text-xs font-medium ${good ? "text-emerald-700" : "text-rose-700"}`}>
      {d > 0 ? "▲" : "▼"} {fmt(Math.abs(d))} vs previous
    </span>
  );
}

function Tile({ id, label, value, detail, trend, href }: { id: string; label: string; value: string; detail?: string; trend?: React.ReactNode; href?: string }) {
  const body = (
    <>
      <div className="text-xs font-medium text-slate-600">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`tile-${id}-value`}>
        {value}
      </div>
      <div className="mt-0.5 flex flex-col gap-0.5">
        {trend}
        {detail && <span className="text-xs text-slate-500">{detail}</span>}
      </div>
    </>
  );
  return href ? (
    <a href={href} className="block rounded-md border border-slate-200 p-3 hover:border-brand-500" data-testid={`tile-${id}`}>
      {body}
    </a>
  ) : (
    <div className="rounded-md border border-slate-200 p-3" data-testid={`tile-${id}`}>
      {body}
    </div>
  );
}

function HeadlineCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ period: Period; current: Headline; previous: Headline | null }>("headline", params);
  return (
    <KpiCard
      id="headline"
      title="Exception handling — headline"
      definition="mttr"
      query={q}
      className="xl:col-span-2"
      csv={(d) => {
        const keys = Object.keys(d.current) as (keyof Headline)[];
        return { columns: ["kpi", `current ${d.period.from}..${d.period.to}`, d.period.previous ? `previous ${d.period.previous.from}..${d.period.previous.to}` : "previous"], rows: keys.map((k) => [k, d.current[k], d.previous?.[k] ?? null]) };
      }}
    >
      {(d) => {
        const p = d.previous ?? undefined;
        const pp = (k: keyof Headline) => (p ? (p[k] as number | null) : undefined);
        const pts = (x: number) => `${(x * 100).toFixed(1)} pts`;
        return (
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="headline-tiles">
            <Tile id="mttr" label="Mean time to resolution (business h)" value={hours(d.current.mttrMeanHours)} detail={`P50 ${hours(d.current.mttrP50Hours)} · P90 ${hours(d.current.mttrP90Hours)} · ${formatNumber(d.current.closed)} closed`} trend={<Trend cur={d.current.mttrMeanHours} prev={pp("mttrMeanHours")} better="down" fmt={hours} />} href={casesHref({ status: "RESOLVED" })} />
            <Tile id="sla" label="SLA breach rate" value={formatPercent(d.current.slaBreachRate, 1)} detail={`${formatNumber(d.current.slaDue)} cases fell due`} trend={<Trend cur={d.current.slaBreachRate} prev={pp("slaBreachRate")} better="down" fmt={pts} />} href={casesHref({ sla: "breached" })} />
            <Tile id="first-touch" label="First-touch resolution" value={formatPercent(d.current.firstTouchRate, 1)} trend={<Trend cur={d.current.firstTouchRate} prev={pp("firstTouchRate")} better="up" fmt={pts} />} />
            <Tile id="touches" label="Planner touches per case" value={d.current.touchesPerCase == null ? "—" : d.current.touchesPerCase.toFixed(2)} trend={<Trend cur={d.current.touchesPerCase} prev={pp("touchesPerCase")} better="down" fmt={(x) => x.toFixed(2)} />} />
            <Tile id="auto-routed" label="Auto-routed" value={formatPercent(d.current.autoRoutedRate, 1)} detail={`no-touch ${formatPercent(d.current.noTouchRate, 1)} of closed`} trend={<Trend cur={d.current.autoRoutedRate} prev={pp("autoRoutedRate")} better="up" fmt={pts} />} />
            <Tile id="dismissal" label="Dismissal rate (not an issue)" value={formatPercent(d.current.dismissalRate, 1)} trend={<Trend cur={d.current.dismissalRate} prev={pp("dismissalRate")} better="down" fmt={pts} />} />
            <Tile id="in-time" label="$ at risk resolved in time" value={formatPercent(d.current.atRiskResolvedInTimeRate, 1)} detail={`${formatUsd(d.current.openedUsd)} opened`} trend={<Trend cur={d.current.atRiskResolvedInTimeRate} prev={pp("atRiskResolvedInTimeRate")} better="up" fmt={pts} />} />
            <Tile id="detection" label="Detection latency (P50)" value={hours(d.current.detectionP50Hours)} detail={`${formatNumber(d.current.opened)} cases opened`} />
          </div>
        );
      }}
    </KpiCard>
  );
}

function TimeSeriesCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ unit: string; rows: { bucket: string; opened: number; resolved: number; openedUsd: number; slaDue: number; slaBreached: number }[] }>("timeseries", params);
  return (
    <KpiCard
      id="timeseries"
      title="Cases opened, resolved and SLA breaches"
      definition="sla_breach_rate"
      query={q}
      className="xl:col-span-2"
      empty={(d) => d.rows.every((r) => r.opened + r.resolved === 0)}
      csv={(d) => ({ columns: ["bucket", "unit", "opened", "resolved", "opened_usd", "sla_due", "sla_breached"], rows: d.rows.map((r) => [r.bucket, d.unit, r.opened, r.resolved, r.openedUsd, r.slaDue, r.slaBreached]) })}
    >
      {(d) => (
        <div className="h-64" role="img" aria-label={`Cases per ${d.unit}: opened, resolved and SLA breaches`}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={d.rows} margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="bucket" tick={ax} minTickGap={24} />
              <YAxis tick={ax} />
              <Tooltip />
              <Legend />
              <Line type="monotone" dataKey="opened" name="Opened" stroke="#2359b8" dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="resolved" name="Resolved" stroke="#15803d" dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="slaBreached" name="SLA breached" stroke="#be123c" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </KpiCard>
  );
}

type BreakdownRow = { key: string; opened: number; exposure: number; stillOpen: number; resolved: number; cumulativeShare: number | null };
const drillFor = (by: string, key: string) => casesHref({ [by]: key, status: ALL_STATUSES } as Record<string, string>);

function BreakdownCard() {
  const params = useParams(WITH_BY);
  const router = useRouter();
  const sp = useSearchParams();
  const by = sp.get("by") ?? "site";
  const q = useKpiCard<{ by: string; rows: BreakdownRow[] }>("breakdown", params);
  return (
    <KpiCard
      id="breakdown"
      title={`Cases opened by ${by}`}
      query={q}
      empty={(d) => d.rows.length === 0}
      controls={<ParamSelect name="by" label="Group by" value={by} options={[["site", "Site"], ["type", "Type"], ["supplier", "Supplier"]]} />}
      csv={(d) => ({ columns: [d.by, "opened", "exposure_usd", "still_open", "resolved"], rows: d.rows.map((r) => [r.key, r.opened, r.exposure, r.stillOpen, r.resolved]) })}
    >
      {(d) => (
        <>
          <div className="h-56" role="img" aria-label={`Cases opened by ${d.by}`}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={d.rows.slice(0, 12)} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="key" tick={ax} tickFormatter={(v) => (d.by === "type" ? humanize(String(v)).slice(0, 14) : String(v))} />
                <YAxis tick={ax} />
                <Tooltip />
                <Bar dataKey="opened" name="Opened" fill="#2359b8" isAnimationActive={false} cursor="pointer" onClick={(e) => router.push(drillFor(d.by, String((e as { key?: string }).key ?? (e as { payload?: BreakdownRow }).payload?.key)))} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <DrillTable caption={`Cases opened by ${d.by}`} columns={[humanize(d.by), "Opened", "$ opened", "Still open"]} rows={d.rows.slice(0, 8).map((r) => ({ key: r.key, href: r.key === "(none)" ? undefined : drillFor(d.by, r.key), cells: [d.by === "type" ? humanize(r.key) : r.key, formatNumber(r.opened), formatUsdCompact(r.exposure), formatNumber(r.stillOpen)] }))} />
        </>
      )}
    </KpiCard>
  );
}

function ParetoCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ rows: BreakdownRow[] }>("pareto", params);
  return (
    <KpiCard
      id="pareto"
      title="Pareto of exception causes"
      definition="dismissal_rate"
      query={q}
      empty={(d) => d.rows.length === 0}
      csv={(d) => ({ columns: ["type", "opened", "cumulative_share", "exposure_usd"], rows: d.rows.map((r) => [r.key, r.opened, r.cumulativeShare, r.exposure]) })}
    >
      {(d) => (
        <>
          <div className="h-56" role="img" aria-label="Cases opened per exception type, largest first, with the cumulative share">
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={d.rows.slice(0, 10).map((r) => ({ ...r, label: humanize(r.key), cum: (r.cumulativeShare ?? 0) * 100 }))} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" tick={{ fontSize: 10 }} interval={0} angle={-20} textAnchor="end" height={48} tickFormatter={(v) => String(v).slice(0, 16)} />
                <YAxis yAxisId="n" tick={ax} />
                <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} tick={ax} unit="%" />
                <Tooltip />
                <Bar yAxisId="n" dataKey="opened" name="Cases" fill="#2359b8" isAnimationActive={false} />
                <Line yAxisId="pct" dataKey="cum" name="Cumulative %" stroke="#b45309" dot={false} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <DrillTable caption="Exception causes" columns={["Type", "Cases", "Cumulative"]} rows={d.rows.slice(0, 6).map((r) => ({ key: r.key, href: drillFor("type", r.key), cells: [humanize(r.key), formatNumber(r.opened), formatPercent(r.cumulativeShare)] }))} />
        </>
      )}
    </KpiCard>
  );
}

function SupplierCard() {
  const params = useParams(WITH_BASIS);
  const q = useKpiCard<{ onTimeRate12m: Rate; otifRate: Rate; rows: { supplier: string; onTimeRate12m: Rate; lines12m: number; otifRate: Rate; otifLines: number; openCases: number; openUsd: number }[] }>("suppliers", params);
  return (
    <KpiCard
      id="suppliers"
      title="Supplier scorecard"
      definition="supplier_on_time"
      query={q}
      empty={(d) => d.rows.length === 0}
      csv={(d) => ({ columns: ["supplier", "on_time_rate_12m", "po_lines_12m", "otif_rate", "otif_lines", "open_cases", "open_usd"], rows: d.rows.map((r) => [r.supplier, r.onTimeRate12m, r.lines12m, r.otifRate, r.otifLines, r.openCases, r.openUsd]) })}
    >
      {(d) => {
        const rows = [...d.rows].sort((a, b) => (a.onTimeRate12m ?? 2) - (b.onTimeRate12m ?? 2));
        return (
          <>
            <p className="text-sm text-slate-700">
              On-time (12 months): <strong>{formatPercent(d.onTimeRate12m, 1)}</strong> · OTIF in period: <strong>{formatPercent(d.otifRate, 1)}</strong>. Worst first.
            </p>
            <DrillTable caption="Supplier scorecard" columns={["Supplier", "On-time 12m", "OTIF", "Open cases", "Open $"]} rows={rows.slice(0, 10).map((r) => ({ key: r.supplier, href: casesHref({ supplier: r.supplier }), cells: [r.supplier, formatPercent(r.onTimeRate12m, 1), formatPercent(r.otifRate, 1), formatNumber(r.openCases), formatUsdCompact(r.openUsd)] }))} />
          </>
        );
      }}
    </KpiCard>
  );
}

function BacklogCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ backlog: number; buckets: { bucket: string; cases: number }[]; dailyIntake: number; backlogPctOfDailyIntake: Rate }>("backlog", params);
  const ages: Record<string, { ageMin?: number; ageMax?: number }> = { "0-2d": { ageMax: 3 }, "3-7d": { ageMin: 3, ageMax: 8 }, "8-14d": { ageMin: 8, ageMax: 15 }, ">14d": { ageMin: 15 } };
  return (
    <KpiCard id="backlog" title="Backlog and aging (at period end)" definition="backlog_aging" query={q} csv={(d) => ({ columns: ["bucket", "cases"], rows: d.buckets.map((b) => [b.bucket, b.cases]) })}>
      {(d) => (
        <>
          <p className="text-sm text-slate-700">
            <strong>{formatNumber(d.backlog)}</strong> open · {formatNumber(d.dailyIntake)} opened per day · backlog = {d.backlogPctOfDailyIntake == null ? "—" : `${(d.backlogPctOfDailyIntake * 100).toFixed(0)} %`} of daily intake
          </p>
          <div className="h-40" role="img" aria-label="Open cases by age">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={d.buckets} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="bucket" tick={ax} />
                <YAxis tick={ax} allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="cases" name="Open cases" fill="#7c3aed" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <DrillTable caption="Open cases by age" columns={["Age", "Cases"]} rows={d.buckets.map((b) => ({ key: b.bucket, href: casesHref(ages[b.bucket]), cells: [b.bucket, formatNumber(b.cases)] }))} />
        </>
      )}
    </KpiCard>
  );
}

function ResolutionCard() {
  const params = useParams(WITH_DIM);
  const sp = useSearchParams();
  const dim = sp.get("dim") ?? "type";
  const q = useKpiCard<{ dim: string; rows: { key: string; n: number; mean: Rate; p50: Rate; p90: Rate }[] }>("resolution", params);
  return (
    <KpiCard
      id="resolution"
      title={`Time to resolution by ${dim} (business hours)`}
      definition="mttr"
      query={q}
      empty={(d) => d.rows.length === 0}
      controls={<ParamSelect name="dim" label="Split by" value={dim} options={[["type", "Type"], ["severity", "Severity"], ["site", "Site"]]} />}
      csv={(d) => ({ columns: [d.dim, "resolved", "mean_h", "p50_h", "p90_h"], rows: d.rows.map((r) => [r.key, r.n, r.mean, r.p50, r.p90]) })}
    >
      {(d) => (
        <>
          <div className="h-56" role="img" aria-label={`P50 and P90 business hours to resolution by ${d.dim}`}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={d.rows.slice(0, 12)} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="key" tick={{ fontSize: 10 }} tickFormatter={(v) => (d.dim === "type" ? humanize(String(v)).slice(0, 12) : String(v))} />
                <YAxis tick={ax} />
                <Tooltip formatter={(v) => hours(Number(v))} />
                <Legend />
                <Bar dataKey="p50" name="P50" fill="#2359b8" isAnimationActive={false} />
                <Bar dataKey="p90" name="P90" fill="#93c5fd" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <DrillTable caption={`Time to resolution by ${d.dim}`} columns={[humanize(d.dim), "Resolved", "Mean", "P50", "P90"]} rows={d.rows.slice(0, 8).map((r) => ({ key: r.key, href: casesHref({ [d.dim]: r.key, status: "RESOLVED" } as Record<string, string>), cells: [d.dim === "type" ? humanize(r.key) : r.key, formatNumber(r.n), hours(r.mean), hours(r.p50), hours(r.p90)] }))} />
        </>
      )}
    </KpiCard>
  );
}

function DetectionCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ overall: { n: number; p50: Rate; p90: Rate }; bySource: { source: string; n: number; p50: Rate; p90: Rate }[] }>("detection", params);
  return (
    <KpiCard id="detection" title="Detection latency by source" definition="detection_latency" query={q} empty={(d) => d.overall.n === 0} csv={(d) => ({ columns: ["source", "exceptions", "p50_h", "p90_h"], rows: [["(all)", d.overall.n, d.overall.p50, d.overall.p90], ...d.bySource.map((s) => [s.source, s.n, s.p50, s.p90])] })}>
      {(d) => (
        <>
          <p className="text-sm text-slate-700">
            P50 <strong>{hours(d.overall.p50)}</strong> · P90 <strong>{hours(d.overall.p90)}</strong> over {formatNumber(d.overall.n)} exceptions
          </p>
          <DrillTable caption="Detection latency by source" columns={["Source", "Exceptions", "P50", "P90"]} rows={d.bySource.map((s) => ({ key: s.source, cells: [s.source, formatNumber(s.n), hours(s.p50), hours(s.p90)] }))} />
        </>
      )}
    </KpiCard>
  );
}

function RecommendationsCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ decided: number; accepted: number; modified: number; rejected: number; override: number; acceptanceRate: Rate; overrideRate: Rate }>("recommendations", params);
  return (
    <KpiCard id="recommendations" title="Recommendation acceptance" definition="recommendation_acceptance" query={q} empty={(d) => d.decided === 0} csv={(d) => ({ columns: ["decided", "accepted", "modified", "rejected", "override", "acceptance_rate", "override_rate"], rows: [[d.decided, d.accepted, d.modified, d.rejected, d.override, d.acceptanceRate, d.overrideRate]] })}>
      {(d) => (
        <>
          <p className="text-2xl font-semibold tabular-nums" data-testid="acceptance-rate">
            {formatPercent(d.acceptanceRate, 1)}
          </p>
          <p className="text-sm text-slate-700">
            accepted {formatNumber(d.accepted)} · modified {formatNumber(d.modified)} · rejected {formatNumber(d.rejected)} · override rate {formatPercent(d.overrideRate, 1)} of {formatNumber(d.decided)} decided
          </p>
        </>
      )}
    </KpiCard>
  );
}

function DismissalsCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ rows: { rule: string; closed: number; dismissed: number; rate: Rate }[] }>("dismissals", params);
  return (
    <KpiCard id="dismissals" title="Dismissal rate per rule" definition="dismissal_rate" query={q} empty={(d) => d.rows.length === 0} csv={(d) => ({ columns: ["rule", "closed", "dismissed", "rate"], rows: d.rows.map((r) => [r.rule, r.closed, r.dismissed, r.rate]) })}>
      {(d) => <DrillTable caption="Dismissal rate per rule" columns={["Rule", "Closed", "Dismissed", "Rate"]} rows={d.rows.slice(0, 10).map((r) => ({ key: r.rule, href: casesHref({ type: r.rule, status: "RESOLVED" }), cells: [humanize(r.rule), formatNumber(r.closed), formatNumber(r.dismissed), formatPercent(r.rate, 1)] }))} />}
    </KpiCard>
  );
}

type Fill = { lines: number; orders: number; unitFillRate: Rate; lineFillRate: Rate; orderFillRate: Rate };
function FillCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ current: Fill; previous: Fill | null }>("fill", params);
  const pts = (x: number) => `${(x * 100).toFixed(1)} pts`;
  return (
    <KpiCard id="fill" title="Fill rates (outbound)" definition="fill_rate" query={q} empty={(d) => d.current.lines === 0} csv={(d) => ({ columns: ["measure", "current", "previous"], rows: (["unitFillRate", "lineFillRate", "orderFillRate", "lines", "orders"] as const).map((k) => [k, d.current[k], d.previous?.[k] ?? null]) })}>
      {(d) => (
        <div className="grid grid-cols-3 gap-2">
          <Tile id="unit-fill" label="Unit" value={formatPercent(d.current.unitFillRate, 1)} trend={<Trend cur={d.current.unitFillRate} prev={d.previous ? d.previous.unitFillRate : undefined} better="up" fmt={pts} />} />
          <Tile id="line-fill" label="Line" value={formatPercent(d.current.lineFillRate, 1)} detail={`${formatNumber(d.current.lines)} lines`} trend={<Trend cur={d.current.lineFillRate} prev={d.previous ? d.previous.lineFillRate : undefined} better="up" fmt={pts} />} />
          <Tile id="order-fill" label="Order" value={formatPercent(d.current.orderFillRate, 1)} detail={`${formatNumber(d.current.orders)} orders`} trend={<Trend cur={d.current.orderFillRate} prev={d.previous ? d.previous.orderFillRate : undefined} better="up" fmt={pts} />} />
        </div>
      )}
    </KpiCard>
  );
}

function OtifCard() {
  const params = useParams(WITH_BASIS);
  const sp = useSearchParams();
  const basis = sp.get("basis") ?? "last_confirmed";
  const q = useKpiCard<{ eligible: number; otif: number; rate: Rate; tolerance: { earlyDays: number; lateDays: number; qtyPct: number }; bySupplier: { supplier: string; eligible: number; otif: number; rate: Rate }[] }>("otif", params);
  return (
    <KpiCard
      id="otif"
      title="OTIF (inbound PO lines)"
      definition="otif"
      query={q}
      empty={(d) => d.eligible === 0}
      controls={<ParamSelect name="basis" label="Date basis" value={basis} options={[["last_confirmed", "Last-confirmed date"], ["first_confirmed", "First-confirmed date"]]} />}
      csv={(d) => ({ columns: ["supplier", "eligible_lines", "otif_lines", "rate", "basis"], rows: [["(all)", d.eligible, d.otif, d.rate, basis], ...d.bySupplier.map((r) => [r.supplier, r.eligible, r.otif, r.rate, basis])] })}
    >
      {(d) => (
        <>
          <p className="text-sm text-slate-700">
            <strong className="text-2xl tabular-nums">{formatPercent(d.rate, 1)}</strong> of {formatNumber(d.eligible)} lines · window −{d.tolerance.earlyDays} d / +{d.tolerance.lateDays} d, qty ±{d.tolerance.qtyPct} % · basis: {basis === "first_confirmed" ? "first-confirmed" : "last-confirmed"} date
          </p>
          <DrillTable caption="OTIF by supplier, worst first" columns={["Supplier", "Lines", "OTIF"]} rows={[...d.bySupplier].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2)).slice(0, 6).map((r) => ({ key: r.supplier, href: casesHref({ supplier: r.supplier }), cells: [r.supplier, formatNumber(r.eligible), formatPercent(r.rate, 1)] }))} />
        </>
      )}
    </KpiCard>
  );
}

function IraCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ counted: number; hits: number; rate: Rate; byClass: { abc: string; counted: number; hits: number; rate: Rate }[] }>("ira", params);
  return (
    <KpiCard id="ira" title="Inventory record accuracy" definition="inventory_record_accuracy" query={q} empty={(d) => d.counted === 0} csv={(d) => ({ columns: ["abc", "counted", "hits", "rate"], rows: [["(all)", d.counted, d.hits, d.rate], ...d.byClass.map((b) => [b.abc, b.counted, b.hits, b.rate])] })}>
      {(d) => (
        <>
          <p className="text-sm text-slate-700">
            <strong className="text-2xl tabular-nums">{formatPercent(d.rate, 1)}</strong> of {formatNumber(d.counted)} counts within tolerance (target ≥ 95 %)
          </p>
          <DrillTable caption="Accuracy by ABC class" columns={["Class (tolerance)", "Counts", "Accuracy"]} rows={d.byClass.map((b) => ({ key: b.abc, href: b.abc === "A" ? casesHref({ type: "CYCLE_COUNT_VARIANCE" }) : undefined, cells: [`${b.abc} (±${{ A: 1, B: 3, C: 5 }[b.abc as "A"]} %)`, formatNumber(b.counted), formatPercent(b.rate, 1)] }))} />
        </>
      )}
    </KpiCard>
  );
}

function TeamCard() {
  const params = useParams(BASE);
  const q = useKpiCard<{ rows: { id: string; name: string; role: string; touches: number; resolved: number; p50Hours: Rate }[] }>("team", params);
  return (
    <KpiCard id="team" title="Team performance (your sites)" definition="touches_per_case" query={q} empty={(d) => d.rows.length === 0} csv={(d) => ({ columns: ["person", "role", "cases_resolved", "median_business_hours", "actions"], rows: d.rows.map((r) => [r.name, r.role, r.resolved, r.p50Hours, r.touches]) })}>
      {(d) => <DrillTable caption="Team performance" columns={["Person", "Resolved", "Median time", "Actions"]} rows={d.rows.map((r) => ({ key: r.id, href: casesHref({ assignee: r.id, status: ALL_STATUSES }), cells: [`${r.name} (${r.role})`, formatNumber(r.resolved), hours(r.p50Hours), formatNumber(r.touches)] }))} />}
    </KpiCard>
  );
}

/** A small select that writes one URL parameter (the card refetches with its own query key). */
function ParamSelect({ name, label, value, options }: { name: string; label: string; value: string; options: [string, string][] }) {
  const router = useRouter();
  const sp = useSearchParams();
  return (
    <label className="flex items-center gap-1 text-xs text-slate-700">
      <span className="sr-only">{label}</span>
      <select
        aria-label={label}
        className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs"
        value={value}
        onChange={(e) => {
          const p = new URLSearchParams(sp.toString());
          p.set(name, e.target.value);
          router.replace(`/kpi?${p.toString()}`, { scroll: false });
        }}
      >
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The executive / supervisor dashboard: range controls, then cards that each load on their own. */
export function KpiDashboard({ today, cards = [] }: { today: string; cards?: KpiCardId[] }) {
  void cards;
  return (
    <div className="space-y-4">
      <DashboardControls today={today} />
      <div className="kpi-grid grid gap-4 xl:grid-cols-2">
        <HeadlineCard />
        <TimeSeriesCard />
        <BreakdownCard />
        <ParetoCard />
        <SupplierCard />
        <OtifCard />
        <BacklogCard />
        <ResolutionCard />
        <FillCard />
        <IraCard />
        <DetectionCard />
        <RecommendationsCard />
        <DismissalsCard />
        <TeamCard />
      </div>
    </div>
  );
}
