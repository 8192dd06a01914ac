/**
 * Delivery rules shared by the outbox job and the settings forms: retry schedule, which answers are worth a
 * retry, and which webhook URLs the server may call. Webhook URLs are restricted to an allowlist of hosts
 * (Slack's and Microsoft's by default, extended with NOTIFY_WEBHOOK_HOSTS) so a settings form cannot make
 * the server post to arbitrary internal addresses. Pure.
 */

export const DELIVERY_MAX_ATTEMPTS = 5;

/** Delay before attempt n+1 after attempt n failed: 30 s, 1 min, 2 min, 4 min … capped at 30 min. */
export function deliveryBackoffMs(attempt: number): number {
  return Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

export type AnswerClass = "ok" | "transient" | "permanent";

/** 2xx delivered; timeouts, throttling and server errors may pass; anything else (bad URL, revoked hook) will not. */
export function classifyHttpStatus(status: number): AnswerClass {
  if (status >= 200 && status < 300) return "ok";
  if (status === 408 || status === 425 || status === 429 || status >= 500) return "transient";
  return "permanent";
}

/** SMTP reply codes: 4xx is a temporary refusal (try later), 5xx a permanent one. */
export function classifySmtpCode(code: number | undefined): AnswerClass {
  if (code === undefined) return "transient"; // no reply at all: connection refused, timeout
  if (code >= 200 && code < 400) return "ok";
  return code >= 500 ? "permanent" : "transient";
}

export const DEFAULT_WEBHOOK_HOSTS: readonly string[] = ["hooks.slack.com", "*.webhook.office.com", "*.logic.azure.com", "*.powerplatform.com"];

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Host patterns from a comma-separated setting ("chat.example.com, *.example.org"), added to the defaults. */
export function webhookHostAllowlist(extra: string | undefined): string[] {
  const more = (extra ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set([...DEFAULT_WEBHOOK_HOSTS, ...more])];
}

function hostAllowed(host: string, allow: readonly string[]): boolean {
  return allow.some((p) => (p.startsWith("*.") ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p));
}

export type WebhookUrlCheck = { ok: true; url: string; hint: string } | { ok: false; error: string };

/**
 * A webhook URL the server may call: https (plain http only to the local machine, for relays and tests),
 * no user:password part, and a host on the allowlist.
 */
export function checkWebhookUrl(raw: string, allow: readonly string[]): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, error: "That is not a URL. Paste the incoming-webhook URL Slack or Teams gave you." };
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(host))) return { ok: false, error: "The webhook URL must start with https://." };
  if (url.username || url.password) return { ok: false, error: "The webhook URL must not contain a user name or password." };
  if (!hostAllowed(host, allow)) {
    return { ok: false, error: `Webhooks to ${host} are not allowed on this server (allowed: ${allow.join(", ")}). An administrator can add hosts with NOTIFY_WEBHOOK_HOSTS.` };
  }
  return { ok: true, url: url.toString(), hint: webhookUrlHint(url) };
}

/** What the UI may show of a stored URL: host and the last four characters of the path (the rest is the secret). */
export function webhookUrlHint(url: URL): string {
  const tail = url.pathname.replace(/\/+$/, "").slice(-4);
  return `${url.host}/…${tail}`;
}
