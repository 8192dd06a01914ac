import { DUE_SOON_HOURS } from "@/lib/search-params/cases-url";
import { formatRelative } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";

/** SLA due time, in words: overdue in red, due within DUE_SOON_HOURS in amber. */
export function SlaCell({ due, now }: { due: string; now: Date }) {
  const ms = new Date(due).getTime() - now.getTime();
  const overdue = ms < 0;
  const soon = !overdue && ms < DUE_SOON_HOURS * 3_600_000;
  return (
    <span className={cn("whitespace-nowrap", overdue ? "font-medium text-rose-700" : soon ? "font-medium text-amber-800" : "text-slate-700")}>
      {overdue ? `overdue ${formatRelative(due, now).replace(" ago", "")}` : `due ${formatRelative(due, now)}`}
    </span>
  );
}
