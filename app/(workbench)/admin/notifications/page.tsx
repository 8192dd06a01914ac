import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { getNotificationAdmin, type DeliveryStatusFilter } from "@/lib/server/dal/notification-admin";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";
import { DeliveriesTable } from "@/components/notifications/deliveries-table";
import { TeamChannels } from "@/components/notifications/team-channels";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import type { ChannelKind } from "@/lib/domain/notify/kinds";

export const metadata: Metadata = { title: "Notifications" };

const FILTERS: { id: DeliveryStatusFilter; label: string }[] = [
  { id: "ALL", label: "All" },
  { id: "FAILED", label: "Failed" },
  { id: "QUEUED", label: "Queued" },
  { id: "SENT", label: "Sent" },
];

/** Admins: delivery status (with Retry), team channels (Slack/Teams webhooks) and organisation defaults. */
export default async function NotificationAdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "admin.manage")) return <Notice>Only admins can manage notifications.</Notice>;
  const raw = (await searchParams).status;
  const status = FILTERS.find((f) => f.id === raw)?.id ?? "ALL";
  const data = await getNotificationAdmin(viewer, { status });
  const s = data.last7Days;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Notifications"
        description="E-mail, Slack and Teams deliveries, team channels and the defaults people start with."
        actions={
          <Link href="/settings/notifications" className="text-sm text-brand-700 underline underline-offset-2">
            My own preferences
          </Link>
        }
      />
      {!data.emailAvailable && <Notice tone="info">E-mail is not configured on this server (set SMTP_URL and MAIL_FROM for the web app and the workers). Until then no e-mail is queued and the daily digest is off.</Notice>}
      <Card title="Deliveries" id="deliveries">
        <dl className="mb-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="delivery-counts">
          {(["SENT", "QUEUED", "SENDING", "FAILED"] as const).map((k) => (
            <div key={k} className={cn("rounded-md border px-3 py-2", k === "FAILED" && s.FAILED > 0 ? "border-rose-200 bg-rose-50" : "border-slate-200")}>
              <dt className={cn("text-xs", k === "FAILED" && s.FAILED > 0 ? "text-rose-800" : "text-slate-600")}>{k.charAt(0) + k.slice(1).toLowerCase()} · 7 days</dt>
              <dd className="text-lg font-semibold text-slate-900">{s[k].toLocaleString("en-US")}</dd>
            </div>
          ))}
        </dl>
        <nav aria-label="Filter deliveries" className="mb-2 flex gap-1">
          {FILTERS.map((f) => (
            <Link
              key={f.id}
              href={f.id === "ALL" ? "/admin/notifications" : `/admin/notifications?status=${f.id}`}
              aria-current={status === f.id ? "page" : undefined}
              className={cn("rounded-md px-2.5 py-1 text-sm", status === f.id ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100")}
            >
              {f.label}
            </Link>
          ))}
        </nav>
        <DeliveriesTable rows={data.deliveries} canRetry empty={status === "FAILED" ? "No failed deliveries." : "No deliveries yet."} testId="admin-deliveries" />
      </Card>
      <div className="space-y-4">
        <Card title="Team channels" id="team-channels">
          <TeamChannels channels={data.webhooks.map((w) => ({ ...w, kinds: w.kinds as ChannelKind[], channel: w.channel === "TEAMS" ? "TEAMS" : "SLACK" }))} sites={data.sites} teams={data.teams} />
        </Card>
        <Card title="Defaults for everyone" id="defaults">
          <p className="mb-3 text-sm text-slate-600">People who have not saved their own preferences follow these. {data.settings.stored ? "" : "(Built-in defaults; nothing saved yet.)"}</p>
          <PreferencesForm mode="defaults" matrix={data.settings.matrix} digest={data.settings.digest} slaWarningMinutes={data.settings.slaWarningMinutes} />
        </Card>
      </div>
    </div>
  );
}
