import { cn } from "@/lib/utils/cn";
import { humanize } from "@/lib/utils/format";

const SEVERITY_STYLES: Record<string, string> = {
  CRITICAL: "bg-red-100 text-red-800 ring-red-300",
  HIGH: "bg-orange-100 text-orange-800 ring-orange-300",
  MEDIUM: "bg-amber-50 text-amber-800 ring-amber-300",
  LOW: "bg-slate-100 text-slate-700 ring-slate-300",
};

const STATUS_STYLES: Record<string, string> = {
  OPEN: "bg-sky-50 text-sky-800 ring-sky-300",
  PENDING_APPROVAL: "bg-violet-50 text-violet-800 ring-violet-300",
  ACTION_APPROVED: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  RESOLVED: "bg-slate-100 text-slate-600 ring-slate-300",
  APPROVED: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  REJECTED: "bg-rose-50 text-rose-800 ring-rose-300",
};

/** A small pill. */
export function Badge({ children, className }: { children: React.ReactNode; className?: string }) {
  return <span className={cn("inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap", className)}>{children}</span>;
}

/** Severity pill (text, not only colour, so it reads without colour vision). */
export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge className={SEVERITY_STYLES[severity] ?? SEVERITY_STYLES.LOW}>{humanize(severity)}</Badge>;
}

/** Case or action status pill. */
export function StatusBadge({ status }: { status: string }) {
  return <Badge className={STATUS_STYLES[status] ?? "bg-slate-100 text-slate-700 ring-slate-300"}>{humanize(status)}</Badge>;
}
