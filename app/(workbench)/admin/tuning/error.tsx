"use client";
import { SettingsSegmentError } from "@/components/layout/settings-segment";

export default function RuleTuningError({ reset }: { error: Error; reset: () => void }) {
  return <SettingsSegmentError message="Rule tuning could not be loaded." reset={reset} />;
}
