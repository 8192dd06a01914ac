/** One human sentence (and a short label) per case timeline event, built from its stored data. */
import { formatDateTime, formatNumber, formatUsd, humanize } from "@/lib/utils/format";
import { describeEscalation } from "@/lib/case-view/format-score";
import { isKnownResolutionCode, resolutionLabel } from "@/lib/domain/case/resolution-codes";

type Data = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const usd = (v: unknown) => (num(v) === null ? "—" : formatUsd(num(v)));
const actionName = (v: unknown) => (str(v) ? humanize(str(v)!).toLowerCase() : "an action");
/** "the expedite", or "the action" when the type is unknown. */
const theAction = (v: unknown) => (str(v) ? `the ${humanize(str(v)!).toLowerCase()}` : "the action");
const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const asData = (raw: unknown): Data => (raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Data) : {});

/** Resolved by detection (not by a person) reads as auto-resolved. */
const isAutoResolved = (type: string, d: Data) => type === "AUTO_RESOLVED" || (type === "RESOLVED" && (d.by === "detection" || d.reason === "CONDITION_CLEARED"));

/** Headings that read better than the humanized type. */
const LABELS: Record<string, string> = {
  WOKEN: "Woke up",
  UNSNOOZED: "Unsnoozed",
  ACTION_AUTO_APPROVED: "Auto-approved",
  ACTION_EXPIRED: "Action expired",
  CHANGES_REQUESTED: "Changes requested",
  WRITE_BACK_QUEUED: "Write-back queued",
  WRITE_BACK_SENT: "Write-back sent",
  WRITE_BACK_CONFIRMED: "Write-back confirmed",
  WRITE_BACK_FAILED: "Write-back failed",
  WRITE_BACK_RETRIED: "Write-back retried",
  WRITE_BACK_CANCELLED: "Write-back stopped",
  ACTION_LEVEL_APPROVED: "Approved (one level)",
};

/** The event's heading: the type in words, with auto-resolution called out; unknown types are humanized. */
export function eventLabel(type: string, raw: unknown): string {
  if (isAutoResolved(type, asData(raw))) return "Auto-resolved";
  return LABELS[type] ?? humanize(type);
}

const quoted = (v: unknown) => (str(v) ? `: “${str(v)}”` : "");
/** " at level 1 of 2 (supervisor)" when the approval data names its level. */
function level(d: Data): string {
  const n = num(d.level);
  if (n === null) return "";
  const of = num(d.levels) ?? num(d.of);
  const role = str(d.role) ? ` (${str(d.role)})` : "";
  return ` at level ${n}${of !== null ? ` of ${of}` : ""}${role}`;
}
/** The system a write-back goes to, however the write-back data names it. */
const target = (d: Data) => str(d.system) ?? str(d.sourceCode) ?? str(d.target) ?? "the source system";
const ref = (d: Data) => (str(d.externalRef) ?? str(d.externalId) ? ` (reference ${str(d.externalRef) ?? str(d.externalId)})` : "");
const attempt = (d: Data) => {
  const n = num(d.attempt) ?? num(d.attempts);
  return n !== null && n > 1 ? ` (attempt ${n})` : "";
};
/** "; retrying 2026-11-25 10:00 UTC" / "; no more retries" after a failed write-back. */
const retry = (d: Data) => (d.final === true ? "; no more automatic retries" : str(d.nextAttemptAt) ? `; retrying ${formatDateTime(str(d.nextAttemptAt))}` : "");
/** " — needs supervisor → finance approval" from the levels a proposal requires. */
function approvalPath(d: Data): string {
  if (!Array.isArray(d.levels)) return "";
  const roles = d.levels.map((l) => (l && typeof l === "object" ? str((l as Data).role) : null)).filter((r): r is string => r !== null);
  return roles.length ? ` — needs ${roles.join(" → ")} approval` : " — approved automatically by the policy";
}

function resolved(d: Data): string {
  // Older events (and detection / write-back closes) carry the code in `reason`.
  const code = str(d.reasonCode) ?? (isKnownResolutionCode(d.reason) ? d.reason : null);
  const why = code ? resolutionLabel(code)! : str(d.reason) ? humanize(str(d.reason)!).toLowerCase() : null;
  return `Resolved${why ? `: ${why}` : ""}${str(d.note) ? ` — “${str(d.note)}”` : ""}${str(d.by) ? ` (by ${str(d.by)})` : ""}.`;
}

function assigned(d: Data): string {
  const was = str(d.previousAssigneeName) ? ` (was ${str(d.previousAssigneeName)})` : "";
  if ("assigneeId" in d && d.assigneeId === null) return `Unassigned${was}.`;
  return `Assigned${str(d.assigneeName) ? ` to ${str(d.assigneeName)}` : " the case"}${was}.`;
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
      return `Proposed ${actionName(d.type)} of ${num(d.quantity) === null ? "?" : formatNumber(num(d.quantity))} units (value ${usd(d.valueUsd)})${approvalPath(d)}${str(d.note) ? `: “${str(d.note)}”` : "."}`;
    case "ACTION_EDITED":
      return `Edited ${theAction(d.type)}${num(d.revision) !== null ? ` (revision ${num(d.revision)})` : ""}: ${num(d.quantity) === null ? "?" : formatNumber(num(d.quantity))} units, value ${usd(d.valueUsd)}${approvalPath(d)}.`;
    case "ACTION_CANCELLED":
      return `Cancelled ${theAction(d.type)}${quoted(d.reason) || "."}`;
    case "ACTION_LEVEL_APPROVED":
      return `Approved ${theAction(d.type)}${level(d)} (value ${usd(d.valueUsd)})${str(d.nextRole) ? `; now waiting for ${str(d.nextRole)} approval` : ""}${str(d.reason) ? `: “${str(d.reason)}”` : "."}`;
    case "ACTION_APPROVED":
      return `Approved ${theAction(d.type)}${level(d)} (value ${usd(d.valueUsd)})${str(d.reason) ? `: “${str(d.reason)}”` : "."}`;
    case "ACTION_REJECTED":
      return `Rejected ${theAction(d.type)}${level(d)} (value ${usd(d.valueUsd)})${str(d.reason) ? `: “${str(d.reason)}”` : "."}`;
    case "CHANGES_REQUESTED":
      return `Asked for changes to ${theAction(d.type)}${level(d)}${str(d.reason) ? `: “${str(d.reason)}”` : "."}`;
    case "ACTION_AUTO_APPROVED":
      return `${capital(theAction(d.type))} (value ${usd(d.valueUsd)}) was approved automatically by the policy${str(d.policyReason) ? `: ${str(d.policyReason)}` : str(d.reason) ? `: ${str(d.reason)}` : "."}`;
    case "ACTION_EXPIRED":
      return `${capital(theAction(d.type))} expired without a decision${str(d.expiresAt) ? ` (due ${formatDateTime(str(d.expiresAt))})` : ""}.`;
    case "WRITE_BACK_QUEUED":
      return `Queued ${theAction(d.type)} to be written back to ${target(d)}${attempt(d)}.`;
    case "WRITE_BACK_SENT":
      return `Sent ${theAction(d.type)} to ${target(d)}${ref(d)}${attempt(d)}.`;
    case "WRITE_BACK_CONFIRMED":
      return `${target(d).replace(/^the/, "The")} confirmed ${theAction(d.type)}${ref(d)}.`;
    case "WRITE_BACK_FAILED":
      return `Writing ${theAction(d.type)} back to ${target(d)} failed${attempt(d)}${retry(d)}${quoted(d.error ?? d.reason) || "."}`;
    case "WRITE_BACK_RETRIED":
      return `Sent the write-back again${num(d.previousAttempts) !== null ? ` after ${num(d.previousAttempts)} failed ${num(d.previousAttempts) === 1 ? "attempt" : "attempts"}` : ""}${str(d.lastError) ? ` (last error: ${str(d.lastError)})` : ""}.`;
    case "WRITE_BACK_CANCELLED":
      return `Stopped the write-back${quoted(d.reason) || "."}`;
    case "COMMENTED":
      return str(d.body) ?? "Commented.";
    case "RESOLVED":
      return resolved(d);
    case "REOPENED":
      return `Reopened${str(d.note) ? `: “${str(d.note)}”` : str(d.reason) ? `: ${str(d.reason)}.` : "."}`;
    case "ASSIGNED":
      return assigned(d);
    case "ACKNOWLEDGED":
      return "Acknowledged the case: seen and being worked.";
    case "SNOOZED":
      return `Snoozed ${str(d.conditions) ?? "until a wake condition fires"}.`;
    case "WOKEN":
      return `Woke from snooze: ${str(d.reason) ?? "a wake condition fired."}`;
    case "UNSNOOZED":
      return `Woke the case by hand${str(d.conditions) ? ` (it was snoozed ${str(d.conditions)})` : ""}.`;
    default:
      return `${humanize(type)}.`;
  }
}
