"use client";
import type { QueueFacets } from "@/components/case-queue/queue-types";

/** Filter by assignee: anyone, me, nobody, or one person. */
export function AssigneeFilter({ value, users, onChange }: { value: string | undefined; users: QueueFacets["assignees"]; onChange: (v: string | undefined) => void }) {
  return (
    <label className="flex items-center gap-1 text-xs font-medium text-slate-600">
      Assignee
      <select
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
        className="rounded-md border-0 py-1 pl-2 pr-7 text-sm font-normal text-slate-900 ring-1 ring-inset ring-slate-300"
      >
        <option value="">Anyone</option>
        <option value="me">Me</option>
        <option value="none">Unassigned</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}
