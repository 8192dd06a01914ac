import { Notice } from "@/components/ui/card";
import { ApprovalDecision } from "@/components/approvals/approval-decision";
import { EditRequestForm } from "@/components/approvals/edit-request-form";
import { CancelRequest } from "@/components/approvals/cancel-request";
import type { OpenRequest } from "@/lib/server/dal/case-actions";
import type { ActionType } from "@/lib/domain/score/config";
import { formatDateTime, formatNumber, formatRelative, formatUsd, humanize } from "@/lib/utils/format";

type Source = { id: string; code: string; name: string; available: number | null };

const DECIDED: Record<string, string> = { APPROVED: "approved", REJECTED: "rejected", CHANGES_REQUESTED: "sent back for changes" };

/** Each required level of the current revision: who decided it, or whether it is waiting. */
function LevelList({ request }: { request: OpenRequest }) {
  const current = request.approvals.filter((a) => a.revision === request.revision);
  const earlier = request.approvals.filter((a) => a.revision !== request.revision);
  return (
    <div className="space-y-1">
      <ol className="space-y-1 text-sm" data-testid="approval-levels">
        {request.levels.map((l) => {
          const decided = current.find((a) => a.level === l.level);
          const waiting = request.status === "PENDING_APPROVAL" && l.level === request.currentLevel;
          return (
            <li key={l.level} className="flex flex-wrap gap-x-1" data-testid="approval-level" data-level={l.level} data-state={decided ? decided.decision : waiting ? "WAITING" : "LATER"}>
              <span className="font-medium">
                Level {l.level} · {humanize(l.role)}:
              </span>
              {decided ? (
                <span>
                  {DECIDED[decided.decision] ?? decided.decision.toLowerCase()} by {decided.deciderName} ({decided.deciderRole}) · {formatDateTime(decided.decidedAt)}
                  {decided.reason && <> — “{decided.reason}”</>}
                </span>
              ) : waiting ? (
                <span className="text-violet-800">waiting for a decision</span>
              ) : (
                <span className="text-slate-600">after level {l.level - 1}</span>
              )}
            </li>
          );
        })}
      </ol>
      {earlier.length > 0 && (
        <details className="text-xs text-slate-700">
          <summary className="cursor-pointer text-brand-700 underline underline-offset-2">Earlier revisions ({earlier.length} decision{earlier.length === 1 ? "" : "s"})</summary>
          <ul className="mt-1 space-y-0.5">
            {earlier.map((a) => (
              <li key={`${a.revision}-${a.level}`}>
                Revision {a.revision}, level {a.level}: {DECIDED[a.decision] ?? a.decision.toLowerCase()} by {a.deciderName} · {formatDateTime(a.decidedAt)}
                {a.reason && <> — “{a.reason}”</>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/**
 * The open request of a case (waiting for approval, or sent back for changes): its levels and the
 * decisions so far, the policy's reason, and what the viewer may do — decide their level, edit a
 * request sent back, or cancel it. The server enforces every rule again.
 */
export function DecisionPanel({ request, now, sources, unitCost }: { request: OpenRequest; now: Date; sources: Source[]; unitCost: number | null }) {
  const v = request.viewer;
  const quantity = typeof request.payload?.quantity === "number" ? request.payload.quantity : null;
  const waitingRole = request.levels.find((l) => l.level === request.currentLevel)?.role ?? null;
  return (
    <div className="space-y-3" data-testid="decision-panel" data-action-id={request.id} data-status={request.status}>
      <p className="text-sm text-slate-700">
        {request.requestedByName} requests <strong>{humanize(request.type).toLowerCase()}</strong>
        {quantity != null && <> of {formatNumber(quantity)} units</>} · value <strong>{formatUsd(request.valueUsd)}</strong>
        {request.revision > 1 && <> · revision {request.revision}</>}
        <span className="mt-1 block text-slate-700">“{request.note}”</span>
      </p>
      <p className="text-sm font-medium text-slate-900" data-testid="request-status">
        {request.status === "CHANGES_REQUESTED"
          ? `Sent back for changes${request.decisionReason ? `: “${request.decisionReason}”` : ""}`
          : `Level ${request.currentLevel} of ${request.levels.length}: waiting for ${waitingRole ?? "an approver"}`}
        {request.expiresAt && <span className="block text-xs font-normal text-slate-600">Expires {formatRelative(request.expiresAt, now)} ({formatDateTime(request.expiresAt)})</span>}
      </p>
      <LevelList request={request} />
      <p className="text-xs text-slate-700" data-testid="policy-reason">
        <span className="font-medium">Policy v{request.policyVersion}:</span> {request.policyReason}
      </p>

      {v.atTheirLevel ? (
        <ApprovalDecision actionId={request.id} level={request.currentLevel} canApprove={v.canApprove} canDecide={v.canDecide} blockedReason={v.blockedReason} layout="panel" />
      ) : request.isRequester && request.status === "PENDING_APPROVAL" ? (
        <Notice tone="info">You requested this action; another approver must decide.</Notice>
      ) : null}
      {v.canEdit && (
        <EditRequestForm
          actionId={request.id}
          type={request.type as ActionType}
          initial={{ quantity, note: request.note, fromLocationId: request.payload?.fromLocationId, targetDate: request.payload?.targetDate }}
          sources={sources}
          unitCost={unitCost}
          isRequester={request.isRequester}
        />
      )}
      {v.canCancel && <CancelRequest actionId={request.id} />}
    </div>
  );
}
