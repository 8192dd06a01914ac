/**
 * Environment of outbound notifications, read where it is used (web and worker must share it):
 *   SMTP_URL       smtp://user:pass@host:587 or smtps://…:465 — unset: no e-mail is queued
 *   MAIL_FROM      sender, e.g. "Exception Workbench <workbench@example.com>"
 *   APP_URL        public URL used in message links (else NEXTAUTH_URL)
 *   NOTIFY_WEBHOOK_HOSTS  extra webhook hosts beyond Slack's and Microsoft's (comma-separated, "*.example.com")
 * Not server-only: the worker (plain Node) uses it.
 */
import { webhookHostAllowlist } from "@/lib/domain/notify/delivery-policy";

export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL?.trim());
}

export function mailFrom(): string {
  return process.env.MAIL_FROM?.trim() || "Exception Workbench <workbench@localhost>";
}

/** Public base URL for links in messages. */
export function appBaseUrl(): string {
  return (process.env.APP_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
}

export function webhookHosts(): string[] {
  return webhookHostAllowlist(process.env.NOTIFY_WEBHOOK_HOSTS);
}
