/**
 * Real local receivers for outbound notifications, for integration and browser tests:
 *  - a webhook receiver (node:http) that records every POST a Slack- or Teams-compatible webhook would get
 *    and can answer the next N requests with an error status (to exercise retries);
 *  - an SMTP catcher (smtp-server) that accepts mail in-process, parses it with mailparser and can refuse
 *    the next N messages with a temporary (4xx) or permanent (5xx) SMTP error.
 * Both listen on 127.0.0.1 only.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export type CapturedPost = { path: string; headers: http.IncomingHttpHeaders; body: unknown; answeredWith: number; at: Date };

export type WebhookReceiver = {
  url: string;
  posts: CapturedPost[];
  /** Answer the next `count` POSTs (to paths starting with `pathPrefix`, if given) with `status`, then 200 again. */
  failNext(count: number, status?: number, pathPrefix?: string): void;
  /** Resolve once `predicate` holds for the captured POSTs (polls every 50 ms). */
  waitFor(predicate: (posts: CapturedPost[]) => boolean, timeoutMs?: number): Promise<CapturedPost[]>;
  close(): Promise<void>;
};

async function waitUntil<T>(read: () => T, predicate: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (predicate(v)) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const posts: CapturedPost[] = [];
  const failures: { status: number; pathPrefix?: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        /* keep the raw text: a test will see it was not JSON */
      }
      const path = req.url ?? "/";
      const i = failures.findIndex((f) => !f.pathPrefix || path.startsWith(f.pathPrefix));
      const status = req.method !== "POST" ? 405 : i >= 0 ? failures.splice(i, 1)[0].status : 200;
      posts.push({ path, headers: req.headers, body, answeredWith: status, at: new Date() });
      // Slack answers "ok"; Teams workflows answer 202 with an empty body. Both are 2xx to the sender.
      res.writeHead(status, { "Content-Type": "text/plain" });
      res.end(status < 300 ? "ok" : status === 404 ? "no_service" : "internal_error");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    posts,
    failNext(count, status = 500, pathPrefix) {
      for (let i = 0; i < count; i++) failures.push({ status, pathPrefix });
    },
    waitFor: (predicate, timeoutMs = 15_000) => waitUntil(() => posts, predicate, timeoutMs, "webhook POSTs"),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type CaughtMail = { envelopeTo: string[]; from: string; to: string; subject: string; text: string; html: string; messageId: string; at: Date };

export type MailCatcher = {
  port: number;
  url: string;
  messages: CaughtMail[];
  /** Refuse the next `count` messages with this SMTP reply code (451 = try later, 550 = refused). */
  refuseNext(count: number, code?: number): void;
  waitFor(predicate: (messages: CaughtMail[]) => boolean, timeoutMs?: number): Promise<CaughtMail[]>;
  close(): Promise<void>;
};

export async function startMailCatcher(port = 0): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const refuse = refusals.shift();
      simpleParser(stream)
        .then((mail) => {
          if (refuse) {
            const err = Object.assign(new Error(refuse >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: refuse });
            return callback(err);
          }
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
          messages.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            from: mail.from?.text ?? "",
            to,
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            messageId: mail.messageId ?? "",
            at: new Date(),
          });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: actual } = server.server.address() as AddressInfo;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    messages,
    refuseNext(count, code = 451) {
      for (let i = 0; i < count; i++) refusals.push(code);
    },
    waitFor: (predicate, timeoutMs = 15_000) => waitUntil(() => messages, predicate, timeoutMs, "e-mail"),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
