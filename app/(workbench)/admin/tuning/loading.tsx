import { Skeleton } from "@/components/ui/card";

/** Shown while outcomes and proposals load. */
export default function Loading() {
  return (
    <div className="space-y-4" aria-busy="true">
      <p className="sr-only" role="status">
        Loading rule tuning…
      </p>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-64 w-full" />
      <Skeleton className="h-96 w-full" />
    </div>
  );
}
