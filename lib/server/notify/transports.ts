/**
 * The two wire protocols: SMTP (nodemailer, one pooled transport per process built from SMTP_URL) and an
 * HTTPS POST of JSON to an incoming webhook. Each throws a DeliveryError that says whether a retry may help.
 * Not server-only: used by the worker.
 */
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { classifyHttpStatus, classifySmtpCode } from "@/lib/domain/notify/delivery-policy";

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

export type EmailToSend = { to: string; from: string; subject: string; text: string; html: string; messageId: string };
export type WebhookToSend = { url: string; body: unknown; deliveryId: string };

export interface Transports {
  sendEmail(mail: EmailToSend): Promise<string>;
  postWebhook(hook: WebhookToSend): Promise<string>;
}

const WEBHOOK_TIMEOUT_MS = 10_000;
const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…` : s);

let cached: { url: string; transport: Transporter } | null = null;

function smtpTransport(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = { url, transport: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) };
  }
  return cached.transport;
}

/** Real transports: SMTP from SMTP_URL and fetch() for webhooks. */
export function liveTransports(opts: { smtpUrl?: string; fetch?: typeof fetch } = {}): Transports {
  const doFetch = opts.fetch ?? fetch;
  return {
    async sendEmail(mail) {
      const url = opts.smtpUrl ?? process.env.SMTP_URL;
      if (!url) throw new DeliveryError("E-mail is not configured on this server (SMTP_URL).", false);
      try {
        // A stable Message-ID per delivery: if a retry follows a send whose answer was lost, mail clients show one message.
        const info = await smtpTransport(url).sendMail({ ...mail, messageId: mail.messageId });
        return clip(String(info.response ?? "accepted"));
      } catch (e) {
        const err = e as { responseCode?: number; code?: string; message?: string };
        const cls = err.code === "EENVELOPE" && err.responseCode === undefined ? "permanent" : classifySmtpCode(err.responseCode);
        throw new DeliveryError(clip(`SMTP: ${err.message ?? String(e)}`), cls !== "permanent");
      }
    },
    async postWebhook(hook) {
      let res: Response;
      try {
        res = await doFetch(hook.url, {
          method: "POST",
          headers: { "Content-Type": "application/json", "User-Agent": "ExceptionWorkbench-Notify/1", "X-Workbench-Delivery": hook.deliveryId },
          body: JSON.stringify(hook.body),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
          redirect: "error",
        });
      } catch (e) {
        throw new DeliveryError(clip(`Webhook unreachable: ${e instanceof Error ? e.message : String(e)}`), true);
      }
      const text = clip((await res.text().catch(() => "")).trim(), 200);
      const cls = classifyHttpStatus(res.status);
      if (cls === "ok") return `HTTP ${res.status}${text ? ` ${text}` : ""}`;
      throw new DeliveryError(`Webhook answered HTTP ${res.status}${text ? `: ${text}` : ""}`, cls === "transient");
    },
  };
}
