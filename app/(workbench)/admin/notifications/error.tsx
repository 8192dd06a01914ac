"use client";
import { SettingsSegmentError } from "@/components/layout/settings-segment";

export default function NotificationAdminError({ reset }: { error: Error; reset: () => void }) {
  return <SettingsSegmentError message="The notification settings and delivery log could not be loaded." reset={reset} />;
}
