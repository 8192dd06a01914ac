"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

export default function NotificationAdminError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-3">
      <Notice>The notification settings and delivery log could not be loaded. Nothing was changed.</Notice>
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
