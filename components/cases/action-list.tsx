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

/** Quantity, source and target date out of the stored payload. */
function payloadFacts(payload: unknown, locationCodes: ReadonlyMap<string, string>): string[] {
  const p = payload && typeof payload === "object" ? (payload as Record<string, unknown>) : {};
  const facts: string[] = [];
  if (typeof p.quantity === "number") facts.push(`${formatNumber(p.quantity)} units`);
  if (typeof p.fromLocationId === "string") facts.push(`from ${locationCodes.get(p.fromLocationId) ?? "another site"}`);
  if (typeof p.targetDate === "string") facts.push(`by ${formatDate(p.targetDate)}`);
  return facts;
}

/** The case's actions, newest first. */
export function ActionList({ actions, locationCodes }: { actions: CaseActionRow[]; locationCodes: ReadonlyMap<string, string> }) {
  if (actions.length === 0) return <p className="text-sm text-slate-600">No actions proposed yet.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="action-list">
      {actions.map((a) => (
        <li key={a.id} className="space-y-1 py-2 first:pt-0 last:pb-0 text-sm" data-testid="case-action" data-action-status={a.status}>
          <div className="flex items-center justify-between gap-2">
            <span className="font-medium text-slate-900">
              {humanize(a.type)} · {formatUsd(a.valueUsd)}
            </span>
            <StatusBadge status={a.status} />
          </div>
          <p className="text-xs text-slate-600">{payloadFacts(a.payload, locationCodes).join(" · ") || "—"}</p>
          <p className="text-slate-700">“{a.note}”</p>
          <p className="text-xs text-slate-500">
            Requested by {a.requestedBy.name} · {formatDateTime(a.requestedAt)}
          </p>
          {a.decidedAt && (
            <p className="text-xs text-slate-500">
              {a.status === "REJECTED" ? "Rejected" : "Approved"} by {a.decidedBy?.name ?? "—"} · {formatDateTime(a.decidedAt)}
              {a.decisionReason && <span className="block text-slate-700">Reason: {a.decisionReason}</span>}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
