import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { getMyNotificationSettings } from "@/lib/server/dal/notification-preferences";
import { Card, PageHeader } from "@/components/ui/card";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { ChatWebhookForm } from "@/components/notifications/chat-webhook-form";
import { DeliveriesTable } from "@/components/notifications/deliveries-table";

export const metadata: Metadata = { title: "Notification preferences" };

/** Every role: which events reach me where, the daily digest, my own Slack/Teams webhook, my last deliveries. */
export default async function NotificationPreferencesPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const mine = await getMyNotificationSettings(viewer);
  const unavailable = {
    ...(mine.emailAvailable ? {} : { email: "e-mail is not configured on this server yet (ask an admin); your choices are kept for when it is." }),
    ...(mine.chat ? {} : { chat: "add your personal webhook below first." }),
  };
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title="Notification preferences" description={<>Where each kind of event reaches you. E-mail goes to {mine.email}.</>} />
      <Card title="Events and channels" id="preferences">
        <PreferencesForm mode="own" matrix={mine.matrix} digest={mine.digest} source={mine.source} unavailable={unavailable} />
      </Card>
      <Card title="Your Slack or Teams webhook" id="chat-webhook">
        <ChatWebhookForm current={mine.chat} />
      </Card>
      <Card title="Your recent e-mail and chat messages" id="recent">
        <DeliveriesTable rows={mine.recent} canRetry={false} empty="Nothing sent to you by e-mail or chat yet." testId="my-deliveries" />
      </Card>
    </div>
  );
}
