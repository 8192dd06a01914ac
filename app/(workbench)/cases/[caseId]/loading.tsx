import { Card, Skeleton } from "@/components/ui/card";

/** Shown while the case loads: the page's shape, not a spinner. */
export default function CaseLoading() {
  return (
    <div className="space-y-4" aria-busy="true" data-testid="case-loading">
      <p className="sr-only" role="status">
        Loading case…
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <Skeleton className="h-3 w-24" />
        <Skeleton className="mt-3 h-6 w-2/3" />
        <Skeleton className="mt-3 h-4 w-1/3" />
      </div>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-4">
          <Card title="Summary">
            <Skeleton className="h-16 w-full" />
          </Card>
          <Card title="Recommended actions">
            <Skeleton className="h-24 w-full" />
          </Card>
          <Card title="Why this score">
            <Skeleton className="h-40 w-full" />
          </Card>
        </div>
        <Card title="Propose an action">
          <Skeleton className="h-48 w-full" />
        </Card>
      </div>
    </div>
  );
}
