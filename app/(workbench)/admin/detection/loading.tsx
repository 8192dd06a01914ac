import { Skeleton } from "@/components/ui/card";

/** Shown while the settings, versions and rules load. */
export default function Loading() {
  return (
    <div className="space-y-4" aria-busy="true">
      <p className="sr-only" role="status">
        Loading detection settings…
      </p>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-96 w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
