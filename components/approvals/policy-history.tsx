import type { PolicyVersionView } from "@/lib/server/dal/approval-policy";
import type { PolicyChange } from "@/lib/domain/approval/policy-diff";
import { formatDateTime, humanize } from "@/lib/utils/format";

const LABELS: Record<string, string> = {
  expiryHours: "Expiry (hours)",
  defaultLevels: "Default levels",
  "approverLimitsUsd.supervisor": "Supervisor limit ($)",
  "approverLimitsUsd.finance": "Finance limit ($)",
  "autoApprove.enabled": "Auto-approval on",
  "autoApprove.types": "Auto-approval types",
  "autoApprove.maxValueUsd": "Auto-approval largest value ($)",
  "autoApprove.minConfidence": "Auto-approval lowest confidence",
  "rules.order": "Rule order",
};
const RULE_FIELDS: Record<string, string> = {
  name: "name",
  levels: "levels",
  "when.types": "action types",
  "when.valueAboveUsd": "value above ($)",
  "when.quantityAbove": "quantity above",
  "when.siteCodes": "sites",
  "when.fromCustomerTiers": "customer tiers",
};

/** "Rule adjust-over-5k: value above ($)" for rule paths, a label for the rest. */
function label(path: string): string {
  if (LABELS[path]) return LABELS[path];
  const m = /^rules\.([^.]+)(?:\.(.+))?$/.exec(path);
  if (m) return m[2] ? `Rule ${m[1]}: ${RULE_FIELDS[m[2]] ?? m[2]}` : `Rule ${m[1]}`;
  return path;
}

const show = (v: unknown): string => {
  if (v === null || v === undefined) return "—";
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === "string" ? humanize(x) : String(x))).join(", ") : "none";
  if (typeof v === "object") {
    const r = v as { name?: string; levels?: string[] };
    return r.name ? `“${r.name}” → ${(r.levels ?? []).join(", then ")}` : JSON.stringify(v);
  }
  if (typeof v === "number") return v.toLocaleString("en-US");
  return String(v);
};

function Changes({ changes }: { changes: PolicyChange[] }) {
  if (changes.length === 0) return <span className="text-xs text-slate-600">No change</span>;
  return (
    <ul className="space-y-0.5 text-xs" data-testid="policy-changes">
      {changes.map((c, i) => (
        <li key={`${c.path}-${i}`}>
          {c.kind === "added" ? (
            <>Added {label(c.path).toLowerCase()}: {show(c.after)}</>
          ) : c.kind === "removed" ? (
            <>Removed {label(c.path).toLowerCase()}: {show(c.before)}</>
          ) : (
            <>
              {label(c.path)}: <span className="tabular-nums">{show(c.before)}</span> → <span className="font-medium tabular-nums">{show(c.after)}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Every stored policy version, newest first, with what it changed against the previous one. */
export function PolicyHistory({ history, currentVersion }: { history: PolicyVersionView[]; currentVersion: number | null }) {
  if (history.length === 0) return <p className="text-sm text-slate-600">No version stored yet: the default policy is stored as version 1 the first time it is used.</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Approval policy versions">
      <table className="w-full text-sm" data-testid="policy-history">
        <caption className="sr-only">Approval policy versions, newest first</caption>
        <thead className="text-left text-xs text-slate-600">
          <tr>
            <th scope="col" className="pr-3 font-medium">Version</th>
            <th scope="col" className="pr-3 font-medium">Saved</th>
            <th scope="col" className="pr-3 font-medium">By</th>
            <th scope="col" className="pr-3 font-medium">Note</th>
            <th scope="col" className="font-medium">Changes against the previous version</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {history.map((v) => (
            <tr key={v.version} className="align-top" data-testid="policy-version-row" data-version={v.version}>
              <td className="py-2 pr-3 font-medium tabular-nums">
                {v.version}
                {v.version === currentVersion && <span className="mt-0.5 block text-xs font-normal text-emerald-800">In force</span>}
                {!v.valid && <span className="mt-0.5 block text-xs font-normal text-rose-800">Not valid</span>}
              </td>
              <td className="py-2 pr-3 text-xs whitespace-nowrap">{formatDateTime(v.createdAt)}</td>
              <td className="py-2 pr-3 text-xs">{v.createdBy ?? "system"}</td>
              <td className="py-2 pr-3 text-xs">{v.note ?? "—"}</td>
              <td className="py-2">{v.changes ? <Changes changes={v.changes} /> : <span className="text-xs text-slate-600">{v.valid ? "First version" : "Cannot be compared"}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
