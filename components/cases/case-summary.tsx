import { Badge, SeverityBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";
import { formatDateTime } from "@/lib/utils/format";
import { describeEscalation, describeSla } from "@/lib/case-view/format-score";

export type CaseSummaryData = {
  summary: string;
  severity: string;
  severityReason: string | null;
  status: string;
  team: string | null;
  autoRouted: boolean;
  slaDueAt: Date;
  resolvedAt: Date | null;
  escalationLevel: number;
  escalatedAt: Date | null;
};

const TRIAGE = "triage";

/** Who owns the case and how it got there. */
function Routing({ team, autoRouted }: { team: string | null; autoRouted: boolean }) {
  if (!team || team === TRIAGE) {
    return (
      <span className="flex flex-wrap items-center gap-1.5">
        <span>Triage</span>
        <Badge className="bg-amber-50 text-amber-800 ring-amber-300">triage</Badge>
        <span className="text-xs font-normal text-slate-600">no routing rule matched</span>
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <span>{team}</span>
      {autoRouted ? (
        <Badge className="bg-emerald-50 text-emerald-800 ring-emerald-300">auto-routed</Badge>
      ) : (
        <span className="text-xs font-normal text-slate-600">routed by a person</span>
      )}
    </span>
  );
}

/** The deterministic summary paragraph with the facts a planner acts on: severity, team, SLA, escalation. */
export function CaseSummary({ c, now }: { c: CaseSummaryData; now: Date }) {
  const sla = describeSla(c.slaDueAt, now);
  const resolved = c.status === "RESOLVED";
  return (
    <Card title="Summary" id="summary">
      <div className="space-y-3">
        {c.summary.trim() ? (
          <p className="text-sm leading-relaxed text-slate-800" data-testid="case-summary">
            {c.summary}
          </p>
        ) : (
          <p className="text-sm text-slate-600" data-testid="case-summary">
            No summary was generated for this case yet; it is written at the next detection run.
          </p>
        )}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 xl:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-600">Severity</dt>
            <dd className="font-medium text-slate-800" data-testid="summary-severity">
              <SeverityBadge severity={c.severity} />
              {c.severityReason && <span className="mt-0.5 block text-xs font-normal text-slate-600">{c.severityReason}</span>}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">Team</dt>
            <dd className="font-medium text-slate-800" data-testid="summary-team">
              <Routing team={c.team} autoRouted={c.autoRouted} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">SLA</dt>
            <dd className="font-medium text-slate-800" data-testid="summary-sla">
              {resolved ? (
                <span className="text-slate-600">Resolved {c.resolvedAt ? formatDateTime(c.resolvedAt) : ""}</span>
              ) : (
                <>
                  <span className={cn(sla.overdue && "font-semibold text-rose-700")}>{sla.relative}</span>
                  <time dateTime={c.slaDueAt.toISOString()} className="block text-xs font-normal text-slate-600">
                    {sla.absolute}
                  </time>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">Escalation</dt>
            <dd className={cn("font-medium", c.escalationLevel > 0 ? "text-rose-700" : "text-slate-800")} data-testid="summary-escalation" data-level={c.escalationLevel}>
              {describeEscalation(c.escalationLevel)}
              {c.escalatedAt && c.escalationLevel > 0 && <span className="block text-xs font-normal text-slate-600">since {formatDateTime(c.escalatedAt)}</span>}
            </dd>
          </div>
        </dl>
      </div>
    </Card>
  );
}
