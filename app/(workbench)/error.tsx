"use client";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

export default function WorkbenchError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-3">
      <Notice>This page could not be loaded. Nothing was changed. Try again, and tell your admin if it keeps happening.</Notice>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
