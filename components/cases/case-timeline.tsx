import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";
import { formatDateTime, formatRelative } from "@/lib/utils/format";
import { describeEvent, eventLabel } from "@/lib/case-view/describe-event";
import { splitMentions, type Mention } from "@/lib/domain/case/mentions";

export type TimelineEvent = {
  id: string;
  type: string;
  data: unknown;
  createdAt: Date;
  actor: { name: string; role: string } | null;
};

// The sentences live in lib/case-view (pure, unit-tested); re-exported for existing imports.
export { describeEvent } from "@/lib/case-view/describe-event";

/** Events that change what the planner should do stand out on the line. */
const DOT: Record<string, string> = {
  ESCALATED: "bg-rose-600",
  WRITE_BACK_FAILED: "bg-rose-600",
  RESCORED: "bg-amber-500",
  WOKEN: "bg-amber-500",
  RESOLVED: "bg-emerald-600",
  AUTO_RESOLVED: "bg-emerald-600",
  WRITE_BACK_CONFIRMED: "bg-emerald-600",
  SNOOZED: "bg-indigo-500",
  COMMENTED: "bg-brand-500",
};

/** The mentions a COMMENTED event stored ({ id, name } pairs; anything else is ignored). */
function storedMentions(data: unknown): Mention[] {
  const list = (data as { mentions?: unknown } | null)?.mentions;
  if (!Array.isArray(list)) return [];
  return list.filter((m): m is Mention => !!m && typeof m === "object" && typeof (m as Mention).id === "string" && typeof (m as Mention).name === "string");
}

/** A comment's text with its @mentions highlighted. */
function CommentBody({ data }: { data: unknown }) {
  const body = describeEvent("COMMENTED", data);
  return (
    <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-800">
      {splitMentions(body, storedMentions(data)).map((seg, i) =>
        seg.mention ? (
          <span key={i} className="rounded bg-brand-50 px-0.5 font-medium text-brand-800" data-testid="mention" data-user-id={seg.mention.id}>
            {seg.text}
          </span>
        ) : (
          <span key={i}>{seg.text}</span>
        ),
      )}
    </p>
  );
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
                <span className={cn("absolute top-1.5 -left-[1.3rem] size-2 rounded-full", DOT[e.type] ?? "bg-slate-400")} aria-hidden />
                <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
                  <span className="font-semibold uppercase tracking-wide text-slate-700">{eventLabel(e.type, e.data)}</span>
                  <span>
                    {e.actor ? (
                      <>
                        {e.actor.name} <span className="text-slate-600">({e.actor.role})</span>
                      </>
                    ) : (
                      "System"
                    )}
                  </span>
                  <time dateTime={e.createdAt.toISOString()} title={formatDateTime(e.createdAt)}>
                    {formatDateTime(e.createdAt)} · {formatRelative(e.createdAt, now)}
                  </time>
                </div>
                {e.type === "COMMENTED" ? <CommentBody data={e.data} /> : <p className="mt-0.5 text-sm text-slate-700">{describeEvent(e.type, e.data)}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
