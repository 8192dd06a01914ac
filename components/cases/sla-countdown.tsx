"use client";
import { useEffect, useState } from "react";
import { cn } from "@/lib/utils/cn";
import { describeSla } from "@/lib/case-view/format-score";

/**
 * "due in 3 hours" / "overdue by 2 days", recomputed every minute in the browser; red and labelled
 * "SLA breached" once the due time passes. The first render uses the server's clock so the HTML the
 * server sent and the first client render agree.
 */
export function SlaCountdown({ dueAt, serverNow }: { dueAt: string; serverNow: string }) {
  const [now, setNow] = useState(() => new Date(serverNow));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const due = new Date(dueAt);
  const sla = describeSla(due, now);
  return (
    <time
      dateTime={dueAt}
      title={sla.absolute}
      data-testid="case-sla"
      data-overdue={sla.overdue ? "true" : "false"}
      className={cn(sla.overdue ? "font-semibold text-rose-700" : "text-slate-800")}
    >
      {sla.overdue && <span className="mr-1 rounded bg-rose-50 px-1 py-0.5 text-xs font-semibold text-rose-800 ring-1 ring-inset ring-rose-300">SLA breached</span>}
      {sla.relative}
    </time>
  );
}
