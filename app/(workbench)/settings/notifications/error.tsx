"use client";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

export default function NotificationPreferencesError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-3">
      <Notice>Your notification preferences could not be loaded. Nothing was changed.</Notice>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
