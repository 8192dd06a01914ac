"use client";
import { useId, useState } from "react";
import type { RoutingRuleView } from "@/lib/server/dal/detection-settings";
import { routeCase, type RoutingRuleDef } from "@/lib/domain/case/route-case";
import { Select } from "@/components/ui/field";
import { formatUsd, humanize } from "@/lib/utils/format";
import type { UserOption } from "./types";

export interface PreviewCase {
  id: string;
  number: number;
  title: string;
  primaryType: string;
  siteId: string;
  supplierId: string | null;
  score: number;
  team: string | null;
  siteCode: string;
}

/**
 * "Which rule would route this?": runs the same pure routing function detection uses over the saved rules for one
 * of the newest open cases. Saved rules only: unsaved form edits are not part of the answer.
 */
export function RoutingPreview({ cases, rules, users }: { cases: PreviewCase[]; rules: RoutingRuleView[]; users: UserOption[] }) {
  const id = useId();
  const [caseId, setCaseId] = useState("");
  const picked = cases.find((c) => c.id === caseId);
  // Malformed rules never match (as in detection); keep the rest in display order for the "#n" numbering.
  const defs: RoutingRuleDef[] = rules.flatMap((r) => (r.conditions ? [{ id: r.id, position: r.position, name: r.name, enabled: r.enabled, conditions: r.conditions, team: r.team, assigneeId: r.assigneeId }] : []));
  const decision = picked ? routeCase(defs, picked) : null;
  const ruleIndex = decision?.ruleId ? rules.findIndex((r) => r.id === decision.ruleId) : -1;
  const rule = ruleIndex >= 0 ? rules[ruleIndex] : null;
  const userName = (uid: string | null) => (uid ? (users.find((u) => u.id === uid)?.name ?? "an unknown user") : null);

  if (cases.length === 0) return <p className="text-sm text-slate-600">No open cases to try the rules on.</p>;
  return (
    <div className="space-y-3">
      <div className="max-w-2xl space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          Case (20 newest open cases)
        </label>
        <Select id={id} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
          <option value="">Choose a case…</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              #{c.number} · {humanize(c.primaryType)} · {c.siteCode} · {formatUsd(c.score)}
            </option>
          ))}
        </Select>
      </div>
      <div role="status" aria-live="polite" data-testid="routing-preview-result" className="text-sm text-slate-800">
        {picked && decision && (
          <div className="space-y-1">
            <p className="text-xs text-slate-600">{picked.title}</p>
            {rule ? (
              <p>
                Rule #{ruleIndex + 1} “{rule.name}” matches first → team <span className="font-mono">{decision.team}</span>
                {decision.assigneeId ? `, assigned to ${userName(decision.assigneeId)}` : ""}.
              </p>
            ) : (
              <p>
                No enabled rule matches → team <span className="font-mono">triage</span> (not auto-routed).
              </p>
            )}
            <p className="text-xs text-slate-600">
              The case is now with team <span className="font-mono">{picked.team ?? "none"}</span>; routing only runs when a case is created, so changed rules do not move
              existing cases.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
