import Link from "next/link";
import type { AuditQuery } from "@/lib/search-params/audit";
import { Input, Select } from "@/components/ui/field";
import { humanize } from "@/lib/utils/format";

type Options = { actors: { id: string; name: string; role: string }[]; actions: string[] };

/** A plain GET form: the filters live in the URL, so a filtered view can be shared and exported as it is. */
export function AuditFilters({ query, options }: { query: AuditQuery; options: Options }) {
  const families = [...new Set(options.actions.map((a) => `${a.split(".")[0]}.`))];
  return (
    <form method="get" action="/audit" className="mb-3 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-6" data-testid="audit-filters">
      <div className="space-y-1">
        <label htmlFor="audit-actor" className="block text-xs font-medium text-slate-700">
          Actor
        </label>
        <Select id="audit-actor" name="actor" defaultValue={query.actor ?? ""}>
          <option value="">Anyone</option>
          <option value="system">System (detection, workers)</option>
          {options.actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({humanize(a.role)})
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-case" className="block text-xs font-medium text-slate-700">
          Case number
        </label>
        <Input id="audit-case" name="case" inputMode="numeric" pattern="[0-9]*" placeholder="e.g. 1042" defaultValue={query.case ?? ""} />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-action" className="block text-xs font-medium text-slate-700">
          Action
        </label>
        <Select id="audit-action" name="action" defaultValue={query.action ?? ""}>
          <option value="">Any action</option>
          <optgroup label="Families">
            {families.map((f) => (
              <option key={f} value={f}>
                {f}*
              </option>
            ))}
          </optgroup>
          <optgroup label="Actions">
            {options.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </optgroup>
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-from" className="block text-xs font-medium text-slate-700">
          From (UTC)
        </label>
        <Input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-to" className="block text-xs font-medium text-slate-700">
          To (UTC, inclusive)
        </label>
        <Input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Apply filters
        </button>
        <Link href="/audit" className="px-1 py-1.5 text-sm text-slate-700 underline underline-offset-2">
          Clear
        </Link>
      </div>
    </form>
  );
}
