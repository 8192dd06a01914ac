"use client";
import { useEffect, useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { SnoozeDialog, type SnoozeRequestInput } from "@/components/case-queue/snooze-dialog";
import { StatusDialog, type StatusRequestInput } from "@/components/case-queue/status-dialog";
import type { ActionResult } from "@/lib/actions/action-result";
import type { TriageResult } from "@/lib/server/dal/case-triage";
import { acknowledgeCasesAction, assignCasesAction, setCaseStatusAction, snoozeCasesAction, unsnoozeCasesAction } from "@/lib/actions/case-triage-actions";

export type TriageBarCase = {
  id: string;
  status: string;
  assigneeId: string | null;
  acknowledged: boolean;
  snoozed: boolean;
};

type Person = { id: string; name: string; role: string };
type Outcome = { tone: "success" | "error"; text: string };
type Dialog = "snooze" | "resolve" | "reopen" | null;

const UNASSIGNED = "";

/**
 * The case page's triage controls (same server actions as the queue's bulk bar, for one case):
 * assign to me / reassign, acknowledge, snooze / unsnooze, resolve with a reason, reopen. The page
 * re-renders from the server after a change; a skipped change says why.
 */
export function CaseTriageBar({ c, viewerId, assignable }: { c: TriageBarCase; viewerId: string; assignable: Person[] }) {
  const router = useRouter();
  const uid = useId();
  const [busy, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reassignTo, setReassignTo] = useState(c.assigneeId ?? UNASSIGNED);
  // After a change the server sends the new owner: the picker starts from it again.
  useEffect(() => setReassignTo(c.assigneeId ?? UNASSIGNED), [c.assigneeId]);
  // Set once hydrated: before that the buttons do nothing (the browser tests wait for it).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const resolved = c.status === "RESOLVED";
  const ids = [c.id];

  /** Run one action; resolves with its result so a dialog can show field errors itself. */
  const run = (done: string, call: () => Promise<ActionResult<TriageResult>>) =>
    new Promise<ActionResult<TriageResult>>((resolve) =>
      start(async () => {
        let result: ActionResult<TriageResult>;
        try {
          result = await call();
        } catch {
          result = { ok: false, code: "NETWORK", error: "The request did not reach the server. Nothing was changed; try again." };
        }
        if (!result.ok) {
          if (result.code !== "INVALID" || !dialog) setOutcome({ tone: "error", text: result.error });
        } else if (result.data.updated === 0) {
          setOutcome({ tone: "error", text: `Nothing changed: ${result.data.skipped[0]?.reason ?? "the case did not qualify"}.` });
        } else {
          setOutcome({ tone: "success", text: done });
          router.refresh();
        }
        resolve(result);
      }),
    );

  const me = assignable.find((p) => p.id === viewerId);
  const reassignName = assignable.find((p) => p.id === reassignTo)?.name;

  return (
    <div className="mt-4 space-y-2 border-t border-slate-100 pt-3">
      <div role="group" aria-label="Triage" className="flex flex-wrap items-end gap-2" data-testid="triage-bar" data-ready={ready ? "true" : "false"}>
        {!resolved && me && c.assigneeId !== viewerId && (
          <Button variant="secondary" busy={busy} onClick={() => run("Assigned to you.", () => assignCasesAction({ caseIds: ids, assigneeId: viewerId }))}>
            Assign to me
          </Button>
        )}
        {!resolved && (
          <div className="flex items-end gap-1">
            <div>
              <label htmlFor={`${uid}-reassign`} className="block text-xs text-slate-600">
                Reassign to
              </label>
              <select
                id={`${uid}-reassign`}
                value={reassignTo}
                onChange={(e) => setReassignTo(e.target.value)}
                className="rounded-md border-0 py-1.5 pr-8 pl-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300"
              >
                <option value={UNASSIGNED}>Nobody (unassigned)</option>
                {assignable.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.role})
                  </option>
                ))}
              </select>
            </div>
            <Button
              variant="secondary"
              busy={busy}
              disabled={reassignTo === (c.assigneeId ?? UNASSIGNED)}
              onClick={() =>
                run(reassignName ? `Assigned to ${reassignName}.` : "Unassigned.", () => assignCasesAction({ caseIds: ids, assigneeId: reassignTo || null }))
              }
            >
              Reassign
            </Button>
          </div>
        )}
        {!resolved && !c.acknowledged && (
          <Button variant="secondary" busy={busy} onClick={() => run("Acknowledged.", () => acknowledgeCasesAction({ caseIds: ids }))}>
            Acknowledge
          </Button>
        )}
        {!resolved && !c.snoozed && (
          <Button variant="secondary" disabled={busy} onClick={() => setDialog("snooze")}>
            Snooze…
          </Button>
        )}
        {c.snoozed && (
          <Button variant="secondary" busy={busy} onClick={() => run("Woken: the case is back in the queue.", () => unsnoozeCasesAction({ caseIds: ids }))}>
            Unsnooze
          </Button>
        )}
        {c.status === "OPEN" && (
          <Button disabled={busy} onClick={() => setDialog("resolve")}>
            Resolve…
          </Button>
        )}
        {resolved && (
          <Button variant="secondary" disabled={busy} onClick={() => setDialog("reopen")}>
            Reopen…
          </Button>
        )}
        {(c.status === "PENDING_APPROVAL" || c.status === "ACTION_APPROVED") && (
          <p className="text-xs text-slate-600">
            {c.status === "PENDING_APPROVAL" ? "Resolve is available once the pending action is decided." : "The case resolves when the source confirms the approved action."}
          </p>
        )}
      </div>
      {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
      {dialog === "snooze" && (
        <SnoozeDialog count={1} onClose={() => setDialog(null)} onSubmit={(req: SnoozeRequestInput) => run("Snoozed.", () => snoozeCasesAction({ caseIds: ids, ...req }))} />
      )}
      {(dialog === "resolve" || dialog === "reopen") && (
        <StatusDialog
          mode={dialog === "resolve" ? "RESOLVED" : "OPEN"}
          count={1}
          onClose={() => setDialog(null)}
          onSubmit={(req: StatusRequestInput) => run(req.status === "RESOLVED" ? "Resolved." : "Reopened.", () => setCaseStatusAction({ caseIds: ids, ...req }))}
        />
      )}
    </div>
  );
}
