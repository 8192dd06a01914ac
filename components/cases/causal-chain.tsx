import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";
import { formatDateTime, formatUsd, humanize } from "@/lib/utils/format";

export type ChainLink = {
  id: string;
  type: string;
  summary: string;
  exposure: number;
  eventAt: Date;
  chainOrder: number;
  clearedAt: Date | null;
};

/** The case's exceptions as a vertical chain, root cause first; cleared links are greyed. */
export function CausalChain({ links }: { links: ChainLink[] }) {
  const ordered = [...links].sort((a, b) => a.chainOrder - b.chainOrder || Number(a.clearedAt !== null) - Number(b.clearedAt !== null));
  return (
    <Card title={`Causal chain (${ordered.length})`} id="causal-chain">
      <div data-testid="causal-chain">
      {ordered.length === 0 ? (
        <p className="text-sm text-slate-600">No exceptions are linked to this case.</p>
      ) : (
        <ol className="relative space-y-3" aria-label="Exceptions, root cause first">
          {ordered.map((e, i) => {
            const cleared = e.clearedAt !== null;
            return (
              <li key={e.id} className="relative flex gap-3" data-testid="chain-link">
                <div className="flex flex-col items-center" aria-hidden>
                  <span
                    className={cn(
                      "flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                      cleared ? "bg-slate-200 text-slate-500" : i === 0 ? "bg-rose-600 text-white" : "bg-brand-600 text-white",
                    )}
                  >
                    {i + 1}
                  </span>
                  {i < ordered.length - 1 && <span className="mt-1 w-px flex-1 bg-slate-300" />}
                </div>
                <div className={cn("min-w-0 flex-1 pb-1", cleared && "text-slate-400")}>
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <span className={cn("font-medium", cleared ? "text-slate-500 line-through decoration-slate-300" : "text-slate-900")}>{humanize(e.type)}</span>
                    {i === 0 && !cleared && <Badge className="bg-rose-50 text-rose-800 ring-rose-200">Root cause</Badge>}
                    {cleared && <Badge className="bg-slate-100 text-slate-500 ring-slate-200">cleared {formatDateTime(e.clearedAt)}</Badge>}
                  </div>
                  <p className={cn("text-sm", cleared ? "text-slate-400" : "text-slate-700")}>{e.summary}</p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    Exposure {formatUsd(e.exposure)} · event at <time dateTime={e.eventAt.toISOString()}>{formatDateTime(e.eventAt)}</time>
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      </div>
    </Card>
  );
}
