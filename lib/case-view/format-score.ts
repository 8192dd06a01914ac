/**
 * Number formats for the case page where the planner redoes arithmetic by hand: money to the cent
 * and factors to four places, so the written-out line multiplies back to the total. Same en-US
 * conventions as lib/utils/format.ts.
 */
import { formatNumber, formatUsd } from "@/lib/utils/format";

const usdCents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const factor = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4, useGrouping: false });

/** $39,292.11 (always cents). */
export const formatUsdCents = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? "—" : usdCents.format(v));

/** 0.8125 (at most four decimals, no grouping), for factors such as urgency and confidence. */
export const formatFactor = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? "—" : factor.format(v));

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** "45 minutes", "5 hours", "2 days 4 hours", "12 days" — a duration in words (sign ignored). */
export function durationInWords(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return plural(Math.max(1, minutes), "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 24) return plural(hours, "hour");
  const days = Math.floor(hours / 24);
  const rest = hours - days * 24;
  return days < 7 && rest > 0 ? `${plural(days, "day")} ${plural(rest, "hour")}` : plural(Math.round(hours / 24), "day");
}

export type SlaText = { overdue: boolean; relative: string; absolute: string };

/** "due in 4 hours" / "overdue by 2 days 3 hours", with the absolute UTC time beside it. */
export function describeSla(due: Date, now: Date): SlaText {
  const diff = due.getTime() - now.getTime();
  const absolute = due.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  if (diff < 0) return { overdue: true, relative: `overdue by ${durationInWords(diff)}`, absolute };
  return { overdue: false, relative: `due in ${durationInWords(diff)}`, absolute };
}

const ESCALATION_TEXT: Record<number, string> = {
  0: "Not escalated",
  1: "Level 1: past its SLA, supervisor notified",
  2: "Level 2: past twice its SLA",
};

/** What an escalation level means, in words. */
export const describeEscalation = (level: number) => ESCALATION_TEXT[level] ?? `Level ${level}`;

/** Expected impact of a recommendation as three short phrases. */
export function formatImpact(impact: { unitsRecovered: number; usdRecovered: number; daysGained: number }) {
  return {
    units: `${formatNumber(impact.unitsRecovered)} ${impact.unitsRecovered === 1 ? "unit" : "units"}`,
    usd: formatUsd(impact.usdRecovered),
    days: plural(impact.daysGained, "day"),
  };
}
