import { Skeleton } from "@/components/ui/card";

/** Placeholder while the queue's first page loads. */
export function CaseQueueSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading cases" className="space-y-3">
      <Skeleton className="h-9 w-full" />
      {Array.from({ length: 10 }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}
