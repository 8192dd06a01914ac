/** One human sentence (and a short label) per case timeline event, built from its stored data. */
import { formatDateTime, formatNumber, formatUsd, humanize } from "@/lib/utils/format";
import { describeEscalation } from "@/lib/case-view/format-score";

type Data = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const usd = (v: unknown) => (num(v) === null ? "—" : formatUsd(num(v)));
const actionName = (v: unknown) => (str(v) ? humanize(str(v)!).toLowerCase() : "an action");
const asData = (raw: unknown): Data => (raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Data) : {});

/** Resolved by detection (not by a person) reads as auto-resolved. */
const isAutoResolved = (type: string, d: Data) => type === "AUTO_RESOLVED" || (type === "RESOLVED" && (d.by === "detection" || d.reason === "CONDITION_CLEARED"));

/** The event's heading: the type in words, with auto-resolution called out. */
export function eventLabel(type: string, raw: unknown): string {
  return isAutoResolved(type, asData(raw)) ? "Auto-resolved" : humanize(type);
}

function rescored(d: Data): string {
  const from = num(d.from);
  const to = num(d.to);
  const change = from !== null && to !== null && from > 0 ? ` (${to >= from ? "+" : "−"}${formatNumber(Math.round((Math.abs(to - from) / from) * 1000) / 10)}%)` : "";
  const sev = str(d.severityFrom) && str(d.severityTo) && d.severityFrom !== d.severityTo ? `; severity ${humanize(str(d.severityFrom)!)} → ${humanize(str(d.severityTo)!)}` : "";
  return `Rescored from ${usd(d.from)} to ${usd(d.to)}${change}${sev}.`;
}

function escalated(d: Data): string {
  const level = num(d.level);
  const what = level === null ? "Escalated" : `Escalated to ${describeEscalation(level).replace(/^Level/, "level")}`;
  const due = str(d.slaDueAt) ? ` (SLA was due ${formatDateTime(str(d.slaDueAt))})` : "";
  return `${what}${due}.`;
}

/** One human sentence per event. */
export function describeEvent(type: string, raw: unknown): string {
  const d = asData(raw);
  if (isAutoResolved(type, d)) return "Auto-resolved: detection no longer finds the condition.";
  switch (type) {
    case "DETECTED": {
      const types = Array.isArray(d.types) ? d.types.filter((t): t is string => typeof t === "string").map(humanize) : [];
      const team = str(d.team) ? (d.team === "triage" ? "; sent to triage (no routing rule matched)" : `; routed to ${str(d.team)}`) : "";
      return `Detected ${types.length ? types.join(", ") : "an exception"}; scored ${usd(d.score)}${str(d.severity) ? ` (${humanize(str(d.severity)!)})` : ""}${team}.`;
    }
    case "RESCORED":
      return rescored(d);
    case "ESCALATED":
      return escalated(d);
    case "ACTION_PROPOSED":
      return `Proposed ${actionName(d.type)} of ${num(d.quantity) === null ? "?" : formatNumber(num(d.quantity))} units (value ${usd(d.valueUsd)})${str(d.note) ? `: “${str(d.note)}”` : "."}`;
    case "ACTION_APPROVED":
      return `Approved the ${actionName(d.type)} (value ${usd(d.valueUsd)})${str(d.reason) ? `: “${str(d.reason)}”` : "."}`;
    case "ACTION_REJECTED":
      return `Rejected the ${actionName(d.type)} (value ${usd(d.valueUsd)})${str(d.reason) ? `: “${str(d.reason)}”` : "."}`;
    case "COMMENTED":
      return str(d.body) ?? "Commented.";
    case "RESOLVED":
      return `Resolved${str(d.reason) ? `: ${humanize(str(d.reason)!).toLowerCase()}` : ""}${str(d.by) ? ` (by ${str(d.by)})` : ""}.`;
    case "REOPENED":
      return `Reopened${str(d.reason) ? `: ${str(d.reason)}` : ""}.`;
    case "ASSIGNED":
      return `Assigned${str(d.assigneeName) ? ` to ${str(d.assigneeName)}` : ""}.`;
    default:
      return `${humanize(type)}.`;
  }
}
