"use client";

import { useEffect, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

/** The case could not be loaded; say so plainly and offer a retry (never render an empty case). */
export default function CaseError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    console.error("[case page]", error);
  }, [error]);

  return (
    <div className="mx-auto max-w-xl space-y-4 py-8" data-testid="case-error">
      <h1 className="text-xl font-semibold text-slate-900">This case could not be loaded</h1>
      <Notice tone="error">
        Something went wrong while loading the case. Nothing was changed. Try again; if it keeps failing, the database or a data feed may be unavailable.
        {error.digest && <span className="mt-1 block text-xs">Reference: {error.digest}</span>}
      </Notice>
      <div className="flex gap-2">
        <Button
          type="button"
          busy={pending}
          onClick={() =>
            // Refetch the server component, then re-render the segment.
            startTransition(() => {
              router.refresh();
              reset();
            })
          }
        >
          Try again
        </Button>
        <Link href="/cases" className="inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Back to cases
        </Link>
      </div>
    </div>
  );
}
