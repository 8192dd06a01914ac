import type { ParamChange, ScoringVersion } from "@/lib/server/dal/detection-settings";
import { formatDateTime } from "@/lib/utils/format";
import { RULE_HELP, labelForPath } from "./param-fields";
import { RestoreVersionButton } from "./restore-version-button";
import type { LocationOption } from "./types";

type Override = { key: string; siteId?: string; abcClass?: string; value: number };

function describeOverride(o: Override, siteCode: (id: string) => string) {
  const scope = [o.siteId ? siteCode(o.siteId) : "all sites", o.abcClass ? `class ${o.abcClass}` : "all classes"].join(", ");
  return `${RULE_HELP[o.key as keyof typeof RULE_HELP]?.label ?? o.key} for ${scope} = ${o.value}`;
}

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** "PO acknowledgement window (days): 2 → 4"; overrides as "added …" / "removed …". */
function ChangeList({ changes, siteCode }: { changes: ParamChange[]; siteCode: (id: string) => string }) {
  if (changes.length === 0) return <span className="text-xs text-slate-600">No parameter changed</span>;
  return (
    <ul className="space-y-0.5 text-xs" data-testid="version-changes">
      {changes.map((c, i) => (
        <li key={`${c.path}-${i}`}>
          {c.path === "thresholdOverrides" ? (
            c.after ? (
              <>Override added: {describeOverride(c.after as Override, siteCode)}</>
            ) : (
              <>Override removed: {describeOverride(c.before as Override, siteCode)}</>
            )
          ) : (
            <>
              {labelForPath(c.path)}: <span className="tabular-nums">{show(c.before)}</span> → <span className="tabular-nums font-medium">{show(c.after)}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Every stored version, newest first, with what it changed against its predecessor and a restore button. */
export function VersionHistory({ history, currentVersion, locations }: { history: ScoringVersion[]; currentVersion: number | null; locations: LocationOption[] }) {
  if (history.length === 0) return <p className="text-sm text-slate-600">No version stored yet: detection stores the defaults as version 1 on its first run.</p>;
  const codes = new Map(locations.map((l) => [l.id, l.code]));
  const siteCode = (id: string) => codes.get(id) ?? id;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Scrollable table">
      <table className="w-full text-sm" data-testid="version-history">
        <caption className="sr-only">Scoring configuration versions, newest first</caption>
        <thead className="text-left text-xs text-slate-600">
          <tr>
            <th scope="col" className="pr-3 font-medium">Version</th>
            <th scope="col" className="pr-3 font-medium">Saved</th>
            <th scope="col" className="pr-3 font-medium">By</th>
            <th scope="col" className="pr-3 font-medium">Note</th>
            <th scope="col" className="pr-3 font-medium">Changes against the previous version</th>
            <th scope="col" className="font-medium">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {history.map((v) => (
            <tr key={v.version} data-testid="version-row" data-version={v.version} className="align-top">
              <td className="py-2 pr-3 font-medium tabular-nums">
                {v.version}
                {v.version === currentVersion && <span className="mt-0.5 block text-xs font-normal text-emerald-800">In use</span>}
              </td>
              <td className="py-2 pr-3 text-xs whitespace-nowrap">{formatDateTime(v.createdAt)}</td>
              <td className="py-2 pr-3 text-xs">{v.createdBy ?? "system"}</td>
              <td className="py-2 pr-3 text-xs">{v.note ?? "—"}</td>
              <td className="py-2 pr-3">{v.changes ? <ChangeList changes={v.changes} siteCode={siteCode} /> : <span className="text-xs text-slate-600">First version</span>}</td>
              <td className="py-2">
                {v.version === currentVersion ? (
                  <span className="text-xs text-slate-600">Current</span>
                ) : v.valid ? (
                  <RestoreVersionButton version={v.version} baseVersion={currentVersion} />
                ) : (
                  <span className="text-xs text-rose-800">Not valid today; cannot be restored</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
