"use client";
import { SettingsSegmentError } from "@/components/layout/settings-segment";

export default function DetectionSettingsError({ reset }: { error: Error; reset: () => void }) {
  return <SettingsSegmentError message="The detection settings could not be loaded." reset={reset} />;
}
