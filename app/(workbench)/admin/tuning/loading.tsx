import { SettingsSegmentLoading } from "@/components/layout/settings-segment";

/** Shown while outcomes and proposals load. */
export default function Loading() {
  return <SettingsSegmentLoading label="Loading rule tuning…" blocks={["h-64", "h-96"]} />;
}
