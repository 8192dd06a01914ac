import { StatusBadge } from "@/components/ui/badge";
import { formatDate, formatDateTime, formatNumber, formatUsd, humanize } from "@/lib/utils/format";

export type CaseActionRow = {
  id: string;
  type: string;
  status: string;
  payload: unknown;
  valueUsd: number;
  note: string;
  requestedAt: Date;
  requestedBy: { id: string; name: string };
  decidedAt: Date | null;
  decidedBy: { name: string } | null;
  decisionReason: string | null;
};

/** The approval side of one action (levels, decisions, policy reason), keyed by action id. */
export type ActionApprovalInfo = {
  levels: { level: number; role: string }[];
  currentLevel: number;
  revision: number;
  autoApproved: boolean;
  policyReason: string;
  policyVersion: number;
  approvals: { level: number; revision: number; decision: string; deciderName: string; deciderRole: string; reason: string | null; decidedAt: string }[];
};

/** Quantity, source and target date out of the stored payload. */
function payloadFacts(payload: unknown, locationCodes: ReadonlyMap<string, string>): string[] {
  const p = payload && typeof payload === "object" ? (payload as Record<string, unknown>) : {};
  const facts: string[] = [];
  if (typeof p.quantity === "number") facts.push(`${formatNumber(p.quantity)} units`);
  if (typeof p.fromLocationId === "string") facts.push(`from ${locationCodes.get(p.fromLocationId) ?? "another site"}`);
  if (typeof p.targetDate === "string") facts.push(`by ${formatDate(p.targetDate)}`);
  return facts;
}

const CLOSED_BY: Record<string, string> = { APPROVED: "Approved", REJECTED: "Rejected", CANCELLED: "Cancelled", EXPIRED: "Expired", CHANGES_REQUESTED: "Sent back for changes" };
const DECIDED: Record<string, string> = { APPROVED: "approved", REJECTED: "rejected", CHANGES_REQUESTED: "sent back" };

/** "Level 1 of 2 · supervisor → finance", "Auto-approved". */
function levelsLine(a: CaseActionRow, info: ActionApprovalInfo): string {
  if (info.autoApproved) return "Auto-approved by the policy (no approval level)";
  const chain = info.levels.map((l) => l.role).join(" → ");
  if (a.status === "PENDING_APPROVAL") return `Level ${info.currentLevel} of ${info.levels.length} · ${chain}`;
  return `${info.levels.length} level${info.levels.length === 1 ? "" : "s"} · ${chain}`;
}

/** The case's actions, newest first, with their approval levels, decisions so far and the policy's reason. */
export function ActionList({ actions, locationCodes, approvals = {} }: { actions: CaseActionRow[]; locationCodes: ReadonlyMap<string, string>; approvals?: Readonly<Record<string, ActionApprovalInfo>> }) {
  if (actions.length === 0) return <p className="text-sm text-slate-600">No actions proposed yet.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="action-list">
      {actions.map((a) => {
        const info = approvals[a.id];
        return (
          <li key={a.id} className="space-y-1 py-2 first:pt-0 last:pb-0 text-sm" data-testid="case-action" data-action-status={a.status}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium text-slate-900">
                {humanize(a.type)} · {formatUsd(a.valueUsd)}
              </span>
              <StatusBadge status={a.status} />
            </div>
            <p className="text-xs text-slate-600">{payloadFacts(a.payload, locationCodes).join(" · ") || "—"}</p>
            <p className="text-slate-700">“{a.note}”</p>
            <p className="text-xs text-slate-600">
              Requested by {a.requestedBy.name} · {formatDateTime(a.requestedAt)}
              {info && info.revision > 1 && <> · revision {info.revision}</>}
            </p>
            {info && (
              <div className="space-y-0.5 text-xs text-slate-700" data-testid="action-approvals">
                <p className="font-medium">{levelsLine(a, info)}</p>
                {info.approvals.length > 0 && (
                  <ul className="space-y-0.5">
                    {info.approvals.map((s) => (
                      <li key={`${s.revision}-${s.level}`}>
                        {info.revision > 1 && `Rev ${s.revision}, `}L{s.level} {s.deciderRole}: {DECIDED[s.decision] ?? s.decision.toLowerCase()} by {s.deciderName} · {formatDateTime(s.decidedAt)}
                        {s.reason && <> — “{s.reason}”</>}
                      </li>
                    ))}
                  </ul>
                )}
                {info.policyReason && (
                  <p className="text-slate-600">
                    Policy v{info.policyVersion}: {info.policyReason}
                  </p>
                )}
              </div>
            )}
            {a.decidedAt && a.status !== "PENDING_APPROVAL" && (
              <p className="text-xs text-slate-600">
                {CLOSED_BY[a.status] ?? humanize(a.status)}
                {a.decidedBy ? ` by ${a.decidedBy.name}` : a.status === "APPROVED" || a.status === "EXPIRED" ? " automatically" : ""} · {formatDateTime(a.decidedAt)}
                {a.decisionReason && <span className="block text-slate-700">Reason: {a.decisionReason}</span>}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
