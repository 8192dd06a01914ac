"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { RoutingRuleView } from "@/lib/server/dal/detection-settings";
import { deleteRoutingRuleAction, moveRoutingRuleAction, setRoutingRuleEnabledAction } from "@/lib/actions/detection-settings-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { formatUsd, humanize } from "@/lib/utils/format";
import { ConfirmButton } from "./confirm-button";
import { RoutingRuleForm } from "./routing-rule-form";
import type { DetectionOptions } from "./types";

/** Plain-language conditions: "Types: PO no ASN, ASN overdue · Sites: DC-ATL · Score ≥ $25,000". */
export function describeConditions(rule: RoutingRuleView, siteCode: (id: string) => string): string {
  const c = rule.conditions;
  if (!c) return "Malformed conditions: this rule never matches. Edit it to fix.";
  const parts = [
    c.types?.length ? `Types: ${c.types.map(humanize).join(", ")}` : null,
    c.siteIds?.length ? `Sites: ${c.siteIds.map(siteCode).join(", ")}` : null,
    rule.supplierCodes.length ? `Suppliers: ${rule.supplierCodes.join(", ")}` : null,
    c.minScore != null ? `Score ≥ ${formatUsd(c.minScore)}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "Every case (no condition)";
}

const small = "px-2 py-1 text-xs";

/** The ordered rule list with enable/disable, reorder, edit and delete, and the form for a new rule. */
export function RoutingRulesEditor({ rules, options }: { rules: RoutingRuleView[]; options: DetectionOptions }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const codes = new Map(options.locations.map((l) => [l.id, l.code]));
  const siteCode = (id: string) => codes.get(id) ?? `unknown site ${id}`;
  const users = new Map(options.users.map((u) => [u.id, u.name]));
  const editing = rules.find((r) => r.id === editingId);

  function run(ruleId: string, action: () => Promise<{ ok: true } | { ok: false; error: string }>, success: string) {
    setMessage(null);
    setBusyId(ruleId);
    start(async () => {
      const r = await action();
      setBusyId(null);
      setMessage(r.ok ? { tone: "success", text: success } : { tone: "error", text: r.error });
      if (r.ok) router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      {message && (
        <div data-testid="routing-message">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      )}
      {rules.length === 0 ? (
        <p className="text-sm text-slate-600">No routing rules: every new case goes to triage.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Scrollable table">
          <table className="w-full text-sm" data-testid="routing-rules">
            <caption className="sr-only">Routing rules in the order they are tried</caption>
            <thead className="text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="pr-3 font-medium">Order</th>
                <th scope="col" className="pr-3 font-medium">Rule and conditions</th>
                <th scope="col" className="pr-3 font-medium">Routes to</th>
                <th scope="col" className="pr-3 font-medium">Status</th>
                <th scope="col" className="font-medium">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rules.map((r, i) => {
                const busy = pending && busyId === r.id;
                return (
                  <tr key={r.id} data-testid="routing-rule-row" data-rule-id={r.id} data-enabled={r.enabled} className="align-top" aria-busy={busy || undefined}>
                    <td className="py-2 pr-3 tabular-nums">#{i + 1}</td>
                    <td className="py-2 pr-3">
                      <span className="font-medium text-slate-900">{r.name}</span>
                      <span className="mt-0.5 block text-xs text-slate-600">{describeConditions(r, siteCode)}</span>
                    </td>
                    <td className="py-2 pr-3 text-xs">
                      <span className="font-mono">{r.team}</span>
                      {r.assigneeId && <span className="block text-slate-600">assigned to {r.assigneeName ?? users.get(r.assigneeId) ?? "an unknown user"}</span>}
                    </td>
                    <td className="py-2 pr-3 text-xs">{r.enabled ? "Enabled" : "Disabled (skipped)"}</td>
                    <td className="py-2">
                      <div className="flex flex-wrap items-center gap-1">
                        <Button type="button" variant="secondary" className={small} disabled={i === 0 || pending} aria-label={`Move up ${r.name}`} onClick={() => run(r.id, () => moveRoutingRuleAction({ id: r.id, direction: "up" }), `Moved “${r.name}” up.`)}>
                          Move up
                        </Button>
                        <Button type="button" variant="secondary" className={small} disabled={i === rules.length - 1 || pending} aria-label={`Move down ${r.name}`} onClick={() => run(r.id, () => moveRoutingRuleAction({ id: r.id, direction: "down" }), `Moved “${r.name}” down.`)}>
                          Move down
                        </Button>
                        <Button
                          type="button"
                          variant="secondary"
                          className={small}
                          disabled={pending}
                          aria-label={`${r.enabled ? "Disable" : "Enable"} ${r.name}`}
                          onClick={() => run(r.id, () => setRoutingRuleEnabledAction({ id: r.id, enabled: !r.enabled }), `${r.enabled ? "Disabled" : "Enabled"} “${r.name}”.`)}
                        >
                          {r.enabled ? "Disable" : "Enable"}
                        </Button>
                        <Button type="button" variant="secondary" className={small} aria-label={`Edit ${r.name}`} aria-expanded={editingId === r.id} onClick={() => setEditingId(editingId === r.id ? null : r.id)}>
                          Edit
                        </Button>
                        <ConfirmButton
                          label="Delete"
                          accessibleLabel={`Delete ${r.name}`}
                          question={`Delete “${r.name}”?`}
                          confirmLabel="Yes, delete"
                          variant="danger"
                          busy={busy}
                          onConfirm={() => run(r.id, () => deleteRoutingRuleAction({ id: r.id }), `Deleted “${r.name}”.`)}
                        />
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <section aria-labelledby="edit-rule-title" className="rounded-md border border-brand-100 bg-brand-50 p-3">
          <div className="mb-2 flex items-center justify-between gap-2">
            <h3 id="edit-rule-title" className="text-sm font-semibold text-slate-800">
              Edit rule “{editing.name}”
            </h3>
            <Button type="button" variant="ghost" className={small} onClick={() => setEditingId(null)}>
              Close editor
            </Button>
          </div>
          <RoutingRuleForm key={editing.id} rule={editing} options={options} />
        </section>
      )}
      <section aria-labelledby="new-rule-title" className="rounded-md border border-slate-200 p-3">
        <h3 id="new-rule-title" className="mb-2 text-sm font-semibold text-slate-800">
          New rule
        </h3>
        <RoutingRuleForm options={options} />
      </section>
    </div>
  );
}
