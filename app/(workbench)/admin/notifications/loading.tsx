import { SettingsSegmentLoading } from "@/components/layout/settings-segment";

/** Shown while channels and the delivery log load. */
export default function Loading() {
  return <SettingsSegmentLoading label="Loading notification settings…" blocks={["h-80", "h-40"]} />;
}
