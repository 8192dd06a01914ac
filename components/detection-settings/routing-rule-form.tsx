"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { RoutingRuleView } from "@/lib/server/dal/detection-settings";
import { createRoutingRuleAction, updateRoutingRuleAction } from "@/lib/actions/detection-settings-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { humanize } from "@/lib/utils/format";
import { ErrorText, errorAria, type DetectionOptions, type FieldErrors } from "./types";

/** The DAL names the field in its message; show such errors under that field instead of as a banner. */
const DAL_FIELD_PREFIXES: [string, string][] = [
  ["Unknown supplier code", "supplierCodes"],
  ["Unknown exception type", "types"],
  ["Unknown site", "siteIds"],
  ["Assignee", "assigneeId"],
  ["Name:", "name"],
  ["Team:", "team"],
  ["Minimum score", "minScore"],
];

function fieldOf(r: { code: string; error: string }): string | null {
  if (r.code !== "INVALID") return null;
  return DAL_FIELD_PREFIXES.find(([prefix]) => r.error.startsWith(prefix))?.[1] ?? null;
}

function toggle(list: string[], value: string, on: boolean) {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

/** Create or edit a routing rule: name, conditions (all optional, all must match), team and optional assignee. */
export function RoutingRuleForm({ rule, options, onDone }: { rule?: RoutingRuleView; options: DetectionOptions; onDone?: (message: string) => void }) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [name, setName] = useState(rule?.name ?? "");
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [types, setTypes] = useState<string[]>(rule?.conditions?.types ?? []);
  const [siteIds, setSiteIds] = useState<string[]>(rule?.conditions?.siteIds ?? []);
  const [supplierCodes, setSupplierCodes] = useState((rule?.supplierCodes ?? []).join(", "));
  const [minScore, setMinScore] = useState(rule?.conditions?.minScore != null ? String(rule.conditions.minScore) : "");
  const [team, setTeam] = useState(rule?.team ?? "");
  const [assigneeId, setAssigneeId] = useState(rule?.assigneeId ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const id = (f: string) => `${uid}-${f}`;
  const formName = rule ? "Edit routing rule" : "New routing rule";

  function reset() {
    setName("");
    setEnabled(true);
    setTypes([]);
    setSiteIds([]);
    setSupplierCodes("");
    setMinScore("");
    setTeam("");
    setAssigneeId("");
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setMessage(null);
    const input = { name, enabled, types, siteIds, supplierCodes, minScore: minScore.trim() === "" ? null : Number(minScore), team, assigneeId: assigneeId || null };
    start(async () => {
      const r = rule ? await updateRoutingRuleAction({ ...input, id: rule.id }) : await createRoutingRuleAction(input);
      if (r.ok) {
        setErrors({});
        const text = rule ? `Rule “${name.trim()}” saved.` : `Rule “${name.trim()}” created. It is last in the order: move it up to let it claim cases before other rules.`;
        if (!rule) reset();
        setMessage({ tone: "success", text });
        onDone?.(text);
        router.refresh();
        return;
      }
      const field = fieldOf(r);
      setErrors(field ? { [field]: [r.error] } : (r.fieldErrors ?? {}));
      setMessage({ tone: "error", text: field ? "Please correct the highlighted field." : r.error });
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={formName} className="space-y-4" data-testid={rule ? "edit-rule-form" : "new-rule-form"}>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={id("name")} className="block text-sm font-medium text-slate-700">
            Rule name
          </label>
          <Input id={id("name")} value={name} onChange={(e) => setName(e.target.value)} {...errorAria(errors, "name", id("name"))} />
          <ErrorText id={id("name")} messages={errors.name} />
        </div>
        <div className="flex items-end gap-2 pb-1.5">
          <input id={id("enabled")} type="checkbox" className="size-4 rounded border-slate-300" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <label htmlFor={id("enabled")} className="text-sm text-slate-700">
            Enabled <span className="text-xs text-slate-600">(a disabled rule is skipped)</span>
          </label>
        </div>
      </div>

      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold text-slate-800">Conditions</legend>
        <p className="mb-3 text-xs text-slate-600">Every condition you fill in must hold; a condition left empty matches any case. A rule with no condition catches every case that reaches it.</p>
        <fieldset className="mb-3" aria-describedby={errors.types?.length ? `${id("types")}-error` : `${id("types")}-help`}>
          <legend className="text-sm font-medium text-slate-700">Exception types</legend>
          <p id={`${id("types")}-help`} className="mb-1 text-xs text-slate-600">
            The case&apos;s root-cause type is one of the checked ones (none checked: any type).
          </p>
          <div className="grid gap-x-3 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {options.types.map((t) => (
              <div key={t} className="flex items-center gap-1.5">
                <input id={id(`type-${t}`)} type="checkbox" value={t} className="size-4 rounded border-slate-300" checked={types.includes(t)} onChange={(e) => setTypes((l) => toggle(l, t, e.target.checked))} />
                <label htmlFor={id(`type-${t}`)} className="text-sm text-slate-700">
                  {humanize(t)}
                </label>
              </div>
            ))}
          </div>
          <ErrorText id={id("types")} messages={errors.types} />
        </fieldset>
        <fieldset className="mb-3" aria-describedby={errors.siteIds?.length ? `${id("sites")}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-700">Sites</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {options.locations.map((l) => (
              <div key={l.id} className="flex items-center gap-1.5">
                <input id={id(`site-${l.id}`)} type="checkbox" value={l.id} className="size-4 rounded border-slate-300" checked={siteIds.includes(l.id)} onChange={(e) => setSiteIds((s) => toggle(s, l.id, e.target.checked))} />
                <label htmlFor={id(`site-${l.id}`)} className="text-sm text-slate-700">
                  {l.code} <span className="text-xs text-slate-600">{l.name}</span>
                </label>
              </div>
            ))}
          </div>
          <ErrorText id={id("sites")} messages={errors.siteIds} />
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor={id("supplierCodes")} className="block text-sm font-medium text-slate-700">
              Supplier codes
            </label>
            <Input
              id={id("supplierCodes")}
              value={supplierCodes}
              onChange={(e) => setSupplierCodes(e.target.value)}
              placeholder="e.g. S-0001, S-0002"
              autoComplete="off"
              aria-invalid={errors.supplierCodes?.length ? true : undefined}
              aria-describedby={errors.supplierCodes?.length ? `${id("supplierCodes")}-error` : `${id("supplierCodes")}-help`}
            />
            {errors.supplierCodes?.length ? (
              <ErrorText id={id("supplierCodes")} messages={errors.supplierCodes} />
            ) : (
              <p id={`${id("supplierCodes")}-help`} className="text-xs text-slate-600">
                Separated by commas or spaces; checked against the supplier list when you save.
              </p>
            )}
          </div>
          <div className="space-y-1">
            <label htmlFor={id("minScore")} className="block text-sm font-medium text-slate-700">
              Minimum score (USD)
            </label>
            <Input
              id={id("minScore")}
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              value={minScore}
              onChange={(e) => setMinScore(e.target.value)}
              aria-invalid={errors.minScore?.length ? true : undefined}
              aria-describedby={errors.minScore?.length ? `${id("minScore")}-error` : `${id("minScore")}-help`}
            />
            {errors.minScore?.length ? (
              <ErrorText id={id("minScore")} messages={errors.minScore} />
            ) : (
              <p id={`${id("minScore")}-help`} className="text-xs text-slate-600">
                The case&apos;s score is at least this many dollars (empty: any score).
              </p>
            )}
          </div>
        </div>
      </fieldset>

      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold text-slate-800">Route to</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor={id("team")} className="block text-sm font-medium text-slate-700">
              Team
            </label>
            <Input id={id("team")} value={team} onChange={(e) => setTeam(e.target.value)} placeholder="e.g. procurement" {...errorAria(errors, "team", id("team"))} />
            <ErrorText id={id("team")} messages={errors.team} />
          </div>
          <div className="space-y-1">
            <label htmlFor={id("assignee")} className="block text-sm font-medium text-slate-700">
              Assignee (optional)
            </label>
            <Select id={id("assignee")} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} {...errorAria(errors, "assigneeId", id("assignee"))}>
              <option value="">Nobody: the team&apos;s queue</option>
              {options.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({humanize(u.role)})
                </option>
              ))}
            </Select>
            <ErrorText id={id("assignee")} messages={errors.assigneeId} />
          </div>
        </div>
      </fieldset>

      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <Button type="submit" busy={pending}>
        {pending ? "Saving…" : rule ? "Save rule" : "Create rule"}
      </Button>
    </form>
  );
}
