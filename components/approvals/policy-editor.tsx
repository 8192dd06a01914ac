"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveApprovalPolicyAction } from "@/lib/actions/approval-policy-actions";
import { approvalPolicySchema, CUSTOMER_TIERS, LEVEL_ROLES, type ApprovalPolicy, type PolicyRule } from "@/lib/domain/approval/policy";
import { ACTION_TYPES } from "@/lib/domain/score/config";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { humanize } from "@/lib/utils/format";

type Errors = Record<string, string[] | undefined>;
type Site = { code: string; name: string };

/** Errors for one policy path (the server reports them as "policy.<path>", the local check as "<path>"). */
const errorsAt = (errors: Errors, path: string) => [...(errors[`policy.${path}`] ?? []), ...(errors[path] ?? [])];

function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="text-xs text-rose-700">
      {messages.join(" ")}
    </p>
  );
}

/** A $ or count input where blank means null ("no limit", "any"). */
function OptionalNumber({ id, label, value, onChange, blankMeans, errors, step = 1 }: { id: string; label: string; value: number | null; onChange: (v: number | null) => void; blankMeans: string; errors: string[]; step?: number }) {
  return (
    <Field id={id} label={label} errors={errors} hint={`Leave blank for ${blankMeans}.`}>
      <Input
        id={id}
        type="number"
        min={0}
        step={step}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value.trim() === "" ? null : Number(e.target.value))}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errors.length ? `${id}-error` : undefined}
      />
    </Field>
  );
}

function CheckboxGroup<T extends string>({ legend, options, selected, onChange, describe, hint, errors, testId }: { legend: string; options: readonly T[]; selected: readonly T[]; onChange: (next: T[]) => void; describe?: (o: T) => string; hint?: string; errors: string[]; testId?: string }) {
  const uid = useId();
  return (
    <fieldset className="space-y-1" data-testid={testId} aria-describedby={errors.length ? `${uid}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o} className="flex items-center gap-1.5 text-sm text-slate-800">
            <input type="checkbox" className="size-4" checked={selected.includes(o)} onChange={(e) => onChange(e.target.checked ? [...selected, o] : selected.filter((x) => x !== o))} />
            {describe ? describe(o) : humanize(o)}
          </label>
        ))}
      </div>
      {hint && <p className="text-xs text-slate-600">{hint}</p>}
      <FieldErrors id={`${uid}-error`} messages={errors} />
    </fieldset>
  );
}

/** Ordered approval levels: one role per level, add/remove. */
function LevelChain({ legend, roles, onChange, errors }: { legend: string; roles: readonly string[]; onChange: (next: (typeof LEVEL_ROLES)[number][]) => void; errors: string[] }) {
  const uid = useId();
  const list = roles as (typeof LEVEL_ROLES)[number][];
  return (
    <fieldset className="space-y-1" aria-describedby={errors.length ? `${uid}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <ol className="flex flex-wrap items-center gap-2">
        {list.map((role, i) => (
          <li key={i} className="flex items-center gap-1">
            <label htmlFor={`${uid}-${i}`} className="text-xs text-slate-700">
              Level {i + 1}
            </label>
            <Select id={`${uid}-${i}`} className="w-32" value={role} onChange={(e) => onChange(list.map((r, j) => (j === i ? (e.target.value as (typeof LEVEL_ROLES)[number]) : r)))}>
              {LEVEL_ROLES.map((r) => (
                <option key={r} value={r}>
                  {humanize(r)}
                </option>
              ))}
            </Select>
            <Button type="button" variant="ghost" aria-label={`Remove level ${i + 1}`} onClick={() => onChange(list.filter((_, j) => j !== i))} disabled={list.length <= 1}>
              ×
            </Button>
          </li>
        ))}
        <li>
          <Button type="button" variant="secondary" onClick={() => onChange([...list, "finance"])} disabled={list.length >= 4}>
            Add level
          </Button>
        </li>
      </ol>
      <FieldErrors id={`${uid}-error`} messages={errors} />
    </fieldset>
  );
}

const newRule = (n: number): PolicyRule => ({
  id: `rule-${n}`,
  name: "New rule",
  when: { types: [], valueAboveUsd: null, quantityAbove: null, siteCodes: [], fromCustomerTiers: [] },
  levels: ["supervisor"],
});

/**
 * The approval policy as a form: expiry, default levels, limits, auto-approval and the rules (any
 * number, ordered; the strictest matching rule applies). Checked locally with the same schema the
 * server uses; saving creates a new version with the required note.
 */
export function PolicyEditor({ initial, baseVersion, sites }: { initial: ApprovalPolicy; baseVersion: number | null; sites: Site[] }) {
  const router = useRouter();
  const uid = useId();
  const [policy, setPolicy] = useState<ApprovalPolicy>(() => structuredClone(initial));
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  const [ruleSeq, setRuleSeq] = useState(policy.rules.length + 1);

  const set = (patch: Partial<ApprovalPolicy>) => setPolicy((p) => ({ ...p, ...patch }));
  const setRule = (i: number, patch: Partial<PolicyRule>) => setPolicy((p) => ({ ...p, rules: p.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const setWhen = (i: number, patch: Partial<PolicyRule["when"]>) => setPolicy((p) => ({ ...p, rules: p.rules.map((r, j) => (j === i ? { ...r, when: { ...r.when, ...patch } } : r)) }));
  const move = (i: number, d: -1 | 1) =>
    setPolicy((p) => {
      const rules = [...p.rules];
      const [r] = rules.splice(i, 1);
      rules.splice(i + d, 0, r);
      return { ...p, rules };
    });
  const e = (path: string) => errorsAt(errors, path);

  function save(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    setFormError(null);
    setSaved(null);
    const local = approvalPolicySchema.safeParse(policy);
    const next: Errors = {};
    if (!local.success) for (const issue of local.error.issues) (next[issue.path.map(String).join(".")] ??= []).push(issue.message);
    if (note.trim().length < 3) next.note = ["Say why you change the policy (at least 3 characters)."];
    if (Object.keys(next).length > 0) {
      setErrors(next);
      setFormError("Please correct the highlighted fields.");
      return;
    }
    startTransition(async () => {
      const result = await saveApprovalPolicyAction({ baseVersion, note, policy });
      if (result.ok) {
        setErrors({});
        setSaved(result.data.version);
        setNote("");
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
      }
    });
  }

  const id = (name: string) => `${uid}-${name}`;
  return (
    <form onSubmit={save} noValidate className="space-y-4" aria-label="Approval policy" data-testid="policy-editor">
      {formError && <Notice>{formError}</Notice>}
      {saved !== null && <Notice tone="success">Saved as version {saved}. New proposals and decisions use it from now on.</Notice>}

      <Card title="Levels, limits and expiry" id="policy-general">
        <div className="grid gap-4 md:grid-cols-2">
          <Field id={id("expiry")} label="Expiry (hours a request may wait)" errors={e("expiryHours")}>
            <Input id={id("expiry")} type="number" min={1} step={1} value={policy.expiryHours} onChange={(x) => set({ expiryHours: Number(x.target.value) })} aria-invalid={e("expiryHours").length ? true : undefined} />
          </Field>
          <LevelChain legend="Default levels (when no rule matches)" roles={policy.defaultLevels} onChange={(defaultLevels) => set({ defaultLevels })} errors={e("defaultLevels")} />
          <OptionalNumber id={id("limit-supervisor")} label="Supervisor final-approval limit ($)" value={policy.approverLimitsUsd.supervisor} onChange={(v) => set({ approverLimitsUsd: { ...policy.approverLimitsUsd, supervisor: v } })} blankMeans="no limit" errors={e("approverLimitsUsd.supervisor")} />
          <OptionalNumber id={id("limit-finance")} label="Finance final-approval limit ($)" value={policy.approverLimitsUsd.finance} onChange={(v) => set({ approverLimitsUsd: { ...policy.approverLimitsUsd, finance: v } })} blankMeans="no limit" errors={e("approverLimitsUsd.finance")} />
        </div>
        <p className="mt-3 text-xs text-slate-600">A limit bounds the final sign-off; when the last level's role cannot cover a request's value, a level is added for a role that can. Admins have no limit.</p>
      </Card>

      <Card title="Auto-approval of low-risk actions" id="policy-auto">
        <div className="space-y-3">
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className="size-4" checked={policy.autoApprove.enabled} onChange={(x) => set({ autoApprove: { ...policy.autoApprove, enabled: x.target.checked } })} />
            Auto-approve matching actions (a matching rule always wins)
          </label>
          <CheckboxGroup legend="Action types" options={ACTION_TYPES} selected={policy.autoApprove.types} onChange={(types) => set({ autoApprove: { ...policy.autoApprove, types } })} errors={e("autoApprove.types")} />
          <div className="grid gap-4 md:grid-cols-2">
            <Field id={id("auto-max")} label="Largest value ($)" errors={e("autoApprove.maxValueUsd")}>
              <Input id={id("auto-max")} type="number" min={0} step={1} value={policy.autoApprove.maxValueUsd} onChange={(x) => set({ autoApprove: { ...policy.autoApprove, maxValueUsd: Number(x.target.value) } })} />
            </Field>
            <Field id={id("auto-conf")} label="Lowest case confidence (0–1)" errors={e("autoApprove.minConfidence")}>
              <Input id={id("auto-conf")} type="number" min={0} max={1} step={0.05} value={policy.autoApprove.minConfidence} onChange={(x) => set({ autoApprove: { ...policy.autoApprove, minConfidence: Number(x.target.value) } })} />
            </Field>
          </div>
        </div>
      </Card>

      <Card
        title={`Rules (${policy.rules.length})`}
        id="policy-rules"
        actions={
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              set({ rules: [...policy.rules, newRule(ruleSeq)] });
              setRuleSeq((n) => n + 1);
            }}
            data-testid="add-rule"
          >
            Add rule
          </Button>
        }
      >
        <p className="mb-3 text-sm text-slate-600">Every condition you fill in must hold. Of the matching rules, the one with the most levels applies (ties: the first listed).</p>
        {policy.rules.length === 0 && <p className="text-sm text-slate-600">No rules: every action needs the default levels.</p>}
        <ol className="space-y-4">
          {policy.rules.map((r, i) => {
            const rid = (name: string) => id(`rule-${i}-${name}`);
            const p = `rules.${i}`;
            return (
              <li key={i} className="rounded-md border border-slate-200 p-3" data-testid="policy-rule">
                <fieldset className="space-y-3">
                  <legend className="text-sm font-semibold text-slate-900">
                    Rule {i + 1}: {r.name || "unnamed"}
                  </legend>
                  <div className="grid gap-3 md:grid-cols-2">
                    <Field id={rid("name")} label="Name" errors={e(`${p}.name`)}>
                      <Input id={rid("name")} value={r.name} onChange={(x) => setRule(i, { name: x.target.value })} aria-invalid={e(`${p}.name`).length ? true : undefined} />
                    </Field>
                    <Field id={rid("id")} label="Id (kept in the history)" errors={e(`${p}.id`)}>
                      <Input id={rid("id")} value={r.id} onChange={(x) => setRule(i, { id: x.target.value })} aria-invalid={e(`${p}.id`).length ? true : undefined} />
                    </Field>
                    <OptionalNumber id={rid("value")} label="Value above ($)" value={r.when.valueAboveUsd} onChange={(v) => setWhen(i, { valueAboveUsd: v })} blankMeans="any value" errors={e(`${p}.when.valueAboveUsd`)} />
                    <OptionalNumber id={rid("qty")} label="Quantity above (units)" value={r.when.quantityAbove} onChange={(v) => setWhen(i, { quantityAbove: v })} blankMeans="any quantity" errors={e(`${p}.when.quantityAbove`)} />
                  </div>
                  <CheckboxGroup legend="Action types" options={ACTION_TYPES} selected={r.when.types} onChange={(types) => setWhen(i, { types })} hint="None ticked: any type." errors={e(`${p}.when.types`)} />
                  <CheckboxGroup legend="Sites" options={sites.map((s) => s.code)} selected={r.when.siteCodes} onChange={(siteCodes) => setWhen(i, { siteCodes })} describe={(code) => code} hint="None ticked: any site." errors={e(`${p}.when.siteCodes`)} />
                  <CheckboxGroup
                    legend="Reallocation away from customers of tier"
                    options={CUSTOMER_TIERS}
                    selected={r.when.fromCustomerTiers}
                    onChange={(fromCustomerTiers) => setWhen(i, { fromCustomerTiers })}
                    hint="Only for REALLOCATE rules: matches when orders of these customers hold the stock. None ticked: any."
                    errors={e(`${p}.when.fromCustomerTiers`)}
                  />
                  <LevelChain legend="Approval levels" roles={r.levels} onChange={(levels) => setRule(i, { levels })} errors={e(`${p}.levels`)} />
                  <div className="flex flex-wrap gap-2">
                    <Button type="button" variant="ghost" onClick={() => move(i, -1)} disabled={i === 0}>
                      Move up
                    </Button>
                    <Button type="button" variant="ghost" onClick={() => move(i, 1)} disabled={i === policy.rules.length - 1}>
                      Move down
                    </Button>
                    <Button type="button" variant="ghost" onClick={() => set({ rules: policy.rules.filter((_, j) => j !== i) })}>
                      Remove rule
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
      </Card>

      <Card title="Save a new version" id="policy-save">
        <div className="space-y-3">
          <Field id={id("note")} label="Why this change (required, kept in the history and the audit log)" errors={errors.note}>
            <Textarea id={id("note")} rows={2} maxLength={500} value={note} onChange={(x) => setNote(x.target.value)} aria-invalid={errors.note?.length ? true : undefined} aria-describedby={errors.note?.length ? `${id("note")}-error` : undefined} />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" busy={pending} data-testid="save-policy">
              Save as version {(baseVersion ?? 0) + 1}
            </Button>
            <Button type="button" variant="ghost" onClick={() => (setPolicy(structuredClone(initial)), setErrors({}), setFormError(null))} disabled={pending}>
              Discard changes
            </Button>
          </div>
        </div>
      </Card>
    </form>
  );
}
