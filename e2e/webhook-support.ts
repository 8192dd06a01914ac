import { createHmac } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { query, serverActionId } from "./support";

/** Headers of a request signed like a real sender: sha256=HMAC("<timestamp>.<body>") with the source's secret. */
export function signedHeaders(opts: { code: string; secret: string; body: string | Buffer; timestamp?: number; contentType?: string; idempotencyKey?: string }) {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `sha256=${createHmac("sha256", opts.secret).update(`${timestamp}.`).update(opts.body).digest("hex")}`;
  return {
    "content-type": opts.contentType ?? "application/json",
    "X-Workbench-Source": opts.code,
    "X-Workbench-Timestamp": timestamp,
    "X-Workbench-Signature": signature,
    ...(opts.idempotencyKey ? { "Idempotency-Key": opts.idempotencyKey } : {}),
  };
}

/** As the signed-in admin, create a webhook source and set its signing secret through the real server actions. */
export async function createWebhookSource(page: Page, baseURL: string, code: string, secret: string): Promise<string> {
  const call = (path: string, exportName: string, input: unknown) =>
    page.request.post(path, {
      headers: { "Next-Action": serverActionId(exportName, "lib/actions/data-source-actions.ts"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL },
      data: JSON.stringify([input]),
    });
  expect((await call("/admin/sources", "createDataSourceAction", { code, name: `Events ${code}`, kind: "webhook", slaMinutes: 60, config: {} })).ok()).toBe(true);
  const [source] = await query<{ id: string }>(`SELECT id FROM "DataSource" WHERE code = $1`, [code]);
  expect(source, "the webhook source was created").toBeTruthy();
  expect((await call(`/admin/sources/${source.id}`, "setSecretsAction", { sourceId: source.id, secrets: { signingSecret: secret } })).ok()).toBe(true);
  return source.id;
}
