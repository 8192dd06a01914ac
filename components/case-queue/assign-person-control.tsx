"use client";
import { useId, useState } from "react";
import type { QueueFacets } from "@/components/case-queue/queue-types";
import { Button } from "@/components/ui/button";

const NOBODY = "__nobody__";

/** Pick a person (or nobody) and assign the selected cases to them. */
export function AssignPersonControl({ users, busy, onAssign }: { users: QueueFacets["assignees"]; busy: boolean; onAssign: (assigneeId: string | null) => void }) {
  const [who, setWho] = useState("");
  const id = useId();
  return (
    <span className="inline-flex items-center gap-1">
      <label htmlFor={id} className="sr-only">
        Assign selected cases to
      </label>
      <select id={id} value={who} onChange={(e) => setWho(e.target.value)} className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300">
        <option value="">Assign to…</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
        <option value={NOBODY}>Nobody (unassign)</option>
      </select>
      <Button variant="secondary" disabled={!who || busy} onClick={() => onAssign(who === NOBODY ? null : who)}>
        Assign
      </Button>
    </span>
  );
}
