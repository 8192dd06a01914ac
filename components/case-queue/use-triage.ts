"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import type { TriageResult } from "@/lib/server/dal/case-triage";

/** What the last triage call did, for the notice under the bulk bar. */
export type TriageOutcome = { tone: "success" | "error"; message: string; skipped: TriageResult["skipped"] };

/**
 * Runs one triage server action at a time. After a call that changed something, `afterChange` refreshes the
 * queue (the reader's own change applies at once); skipped cases keep their per-case reasons.
 */
export function useTriage(afterChange: () => Promise<void>) {
  const [outcome, setOutcome] = useState<TriageOutcome | null>(null);
  const [busy, start] = useTransition();

  /** Resolves to the action result; a dialog that shows field errors itself passes `inDialog`. */
  const run = (describe: (updated: number) => string, call: () => Promise<ActionResult<TriageResult>>, inDialog = false) =>
    new Promise<ActionResult<TriageResult>>((resolve) =>
      start(async () => {
        let result: ActionResult<TriageResult>;
        try {
          result = await call();
        } catch {
          result = { ok: false, code: "NETWORK", error: "The request did not reach the server. Nothing was changed; try again." };
        }
        if (result.ok) {
          const changed = result.data.updated > 0;
          setOutcome({ tone: changed ? "success" : "error", message: changed ? describe(result.data.updated) : "Nothing changed.", skipped: result.data.skipped });
          if (result.data.updated > 0) await afterChange();
        } else if (!(inDialog && result.code === "INVALID")) {
          setOutcome({ tone: "error", message: result.error, skipped: [] });
        }
        resolve(result);
      }),
    );

  return { outcome, busy, run, dismiss: () => setOutcome(null) };
}
