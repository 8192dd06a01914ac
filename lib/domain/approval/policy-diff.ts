/** What changed between two approval policy versions, for the admin's version history. Pure. */
import type { ApprovalPolicy, PolicyRule } from "@/lib/domain/approval/policy";

export type PolicyChange = {
  /** "expiryHours", "autoApprove.types", "rules.adjust-over-5k.levels", or "rules.<id>" for a whole rule added/removed. */
  path: string;
  kind: "changed" | "added" | "removed";
  before: unknown;
  after: unknown;
};

/** Stable JSON (sorted keys) so equal values compare equal whatever their key order. */
const stable = (v: unknown): string =>
  v === null || typeof v !== "object"
    ? JSON.stringify(v ?? null)
    : Array.isArray(v)
      ? `[${v.map(stable).join(",")}]`
      : `{${Object.keys(v as object)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
          .join(",")}}`;

/** Leaves of an object; arrays are leaves (lists of types, sites, roles compare as a whole). */
function leaves(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
}

function diffObjects(before: unknown, after: unknown, prefix: string, out: PolicyChange[]) {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  leaves(before, prefix, a);
  leaves(after, prefix, b);
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (stable(a.get(path)) !== stable(b.get(path))) out.push({ path, kind: "changed", before: a.get(path) ?? null, after: b.get(path) ?? null });
  }
}

/** Every change from `before` to `after` (the version number itself is not a change); rules are matched by id. */
export function diffPolicies(before: ApprovalPolicy, after: ApprovalPolicy): PolicyChange[] {
  const out: PolicyChange[] = [];
  const { version: _v1, rules: rulesBefore, ...restBefore } = before;
  const { version: _v2, rules: rulesAfter, ...restAfter } = after;
  diffObjects(restBefore, restAfter, "", out);
  const byId = (rules: PolicyRule[]) => new Map(rules.map((r) => [r.id, r]));
  const ra = byId(rulesBefore);
  const rb = byId(rulesAfter);
  for (const [id, rule] of ra) {
    const next = rb.get(id);
    if (!next) out.push({ path: `rules.${id}`, kind: "removed", before: rule, after: null });
    else diffObjects(rule, next, `rules.${id}`, out);
  }
  for (const [id, rule] of rb) if (!ra.has(id)) out.push({ path: `rules.${id}`, kind: "added", before: null, after: rule });
  const orderBefore = rulesBefore.map((r) => r.id).filter((id) => rb.has(id));
  const orderAfter = rulesAfter.map((r) => r.id).filter((id) => ra.has(id));
  // Order decides ties between equally strict rules, so a reorder is a change too.
  if (stable(orderBefore) !== stable(orderAfter)) out.push({ path: "rules.order", kind: "changed", before: orderBefore, after: orderAfter });
  return out;
}
