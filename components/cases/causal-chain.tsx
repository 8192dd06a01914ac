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

/**
 * The case's exceptions as a chain, root cause first and each effect below what causes it
 * (ordered by chainOrder); cleared links are greyed and listed after the active ones of their rank.
 */
export function CausalChain({ links }: { links: ChainLink[] }) {
  const ordered = [...links].sort((a, b) => a.chainOrder - b.chainOrder || Number(a.clearedAt !== null) - Number(b.clearedAt !== null));
  const rootIndex = ordered.findIndex((e) => e.clearedAt === null);
  return (
    <Card title={`Causal chain (${ordered.length})`} id="causal-chain">
      <div data-testid="causal-chain">
        {ordered.length === 0 ? (
          <p className="text-sm text-slate-600">No exceptions are linked to this case.</p>
        ) : (
          <ol className="relative space-y-3" aria-label="Exceptions, root cause first, then its effects">
            {ordered.map((e, i) => {
              const cleared = e.clearedAt !== null;
              const isRoot = i === rootIndex;
              return (
                <li key={e.id} className="relative flex gap-3" data-testid="chain-link" data-type={e.type} data-chain-order={e.chainOrder}>
                  <div className="flex flex-col items-center" aria-hidden>
                    <span
                      className={cn(
                        "flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                        cleared ? "bg-slate-200 text-slate-600" : isRoot ? "bg-rose-600 text-white" : "bg-brand-600 text-white",
                      )}
                    >
                      {i + 1}
                    </span>
                    {i < ordered.length - 1 && <span className="mt-1 w-px flex-1 bg-slate-300" />}
                  </div>
                  <div className="min-w-0 flex-1 pb-1">
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <span className={cn("font-medium", cleared ? "text-slate-600 line-through decoration-slate-400" : "text-slate-900")}>{humanize(e.type)}</span>
                      {isRoot && <Badge className="bg-rose-50 text-rose-800 ring-rose-200">Root cause</Badge>}
                      {!isRoot && !cleared && rootIndex >= 0 && <span className="text-xs text-slate-600">follows from: {humanize(ordered[rootIndex].type)}</span>}
                      {cleared && <Badge className="bg-slate-100 text-slate-700 ring-slate-300">cleared {formatDateTime(e.clearedAt)}</Badge>}
                    </div>
                    <p className={cn("text-sm", cleared ? "text-slate-600" : "text-slate-700")}>{e.summary}</p>
                    <p className="mt-0.5 text-xs text-slate-600">
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
