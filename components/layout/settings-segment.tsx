"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Notice, Skeleton } from "@/components/ui/card";

/** A settings page that failed to load: says so, promises nothing changed, offers a retry and a way back. */
export function SettingsSegmentError({ message, reset }: { message: string; reset: () => void }) {
  return (
    <div className="space-y-3">
      <Notice>{message} Nothing was changed.</Notice>
      <div className="flex items-center gap-3">
        <Button variant="secondary" onClick={reset}>
          Try again
        </Button>
        <Link href="/admin" className="text-sm text-brand-700 underline underline-offset-2">
          Back to settings
        </Link>
      </div>
    </div>
  );
}

/** Skeleton of a settings page while it loads: a heading bar and blocks of the given heights (Tailwind classes). */
export function SettingsSegmentLoading({ label, blocks }: { label: string; blocks: string[] }) {
  return (
    <div className="space-y-4" aria-busy="true">
      <p className="sr-only" role="status">
        {label}
      </p>
      <Skeleton className="h-8 w-64" />
      {blocks.map((b, i) => (
        <Skeleton key={i} className={`${b} w-full`} />
      ))}
    </div>
  );
}
