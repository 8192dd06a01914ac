"use client";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

// Never render an empty queue on failure: "no exceptions" would be the worst possible lie here.
export default function CasesError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-3">
      <Notice>The case queue could not be loaded. This is not an empty queue — the data request failed.</Notice>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
