import { Card } from "@/components/ui/card";
import { formatDateTime, formatNumber, formatRelative, formatUsd, humanize } from "@/lib/utils/format";

export type TimelineEvent = {
  id: string;
  type: string;
  data: unknown;
  createdAt: Date;
  actor: { name: string; role: string } | null;
};

type Data = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const usd = (v: unknown) => (num(v) === null ? "—" : formatUsd(num(v)));
const actionName = (v: unknown) => (str(v) ? humanize(str(v)!).toLowerCase() : "an action");

/** One human sentence per event, built from its stored data. */
export function describeEvent(type: string, raw: unknown): string {
  const d: Data = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Data) : {};
  switch (type) {
    case "DETECTED": {
      const types = Array.isArray(d.types) ? d.types.filter((t): t is string => typeof t === "string").map(humanize) : [];
      return `Detected ${types.length ? types.join(", ") : "an exception"}; scored ${usd(d.score)}${str(d.severity) ? ` (${humanize(str(d.severity)!)})` : ""}.`;
    }
    case "RESCORED": {
      const sev = str(d.severityFrom) && str(d.severityTo) && d.severityFrom !== d.severityTo ? `; severity ${humanize(str(d.severityFrom)!)} → ${humanize(str(d.severityTo)!)}` : "";
      return `Rescored from ${usd(d.from)} to ${usd(d.to)}${sev}.`;
    }
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

/** Every case event in order, with who did it and when. */
export function CaseTimeline({ events, now }: { events: TimelineEvent[]; now: Date }) {
  return (
    <Card title={`Timeline (${events.length})`} id="timeline">
      <div data-testid="timeline">
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">No events recorded yet.</p>
        ) : (
          <ol className="space-y-3 border-l border-slate-200 pl-4">
            {events.map((e) => (
              <li key={e.id} data-testid="timeline-event" data-event-type={e.type} className="relative">
                <span className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-slate-400" aria-hidden />
                <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
                  <span className="font-semibold uppercase tracking-wide text-slate-700">{humanize(e.type)}</span>
                  <span>
                    {e.actor ? (
                      <>
                        {e.actor.name} <span className="text-slate-400">({e.actor.role})</span>
                      </>
                    ) : (
                      "System"
                    )}
                  </span>
                  <time dateTime={e.createdAt.toISOString()} title={formatDateTime(e.createdAt)}>
                    {formatDateTime(e.createdAt)} · {formatRelative(e.createdAt, now)}
                  </time>
                </div>
                <p className={e.type === "COMMENTED" ? "mt-0.5 whitespace-pre-wrap text-sm text-slate-800" : "mt-0.5 text-sm text-slate-700"}>{describeEvent(e.type, e.data)}</p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
