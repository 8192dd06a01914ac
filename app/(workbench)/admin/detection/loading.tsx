import { SettingsSegmentLoading } from "@/components/layout/settings-segment";

/** Shown while the settings, versions and rules load. */
export default function Loading() {
  return <SettingsSegmentLoading label="Loading detection settings…" blocks={["h-96", "h-48"]} />;
}
