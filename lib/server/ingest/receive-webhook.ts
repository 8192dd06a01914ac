/**
 * Webhook intake. A request is accepted only with a valid HMAC-SHA256 signature over "<timestamp>.<body>" made with
 * the source's signing secret, and a timestamp within five minutes (so a captured request cannot be replayed later).
 * A bad signature is refused with 401 and nothing is stored. A signed body is stored durably before the answer:
 * 202 when new, 200 for a duplicate delivery (same Idempotency-Key, same body, or the same signed request replayed
 * inside the window under another Idempotency-Key — the signature does not cover headers), 422 when the body is not a valid
 * event envelope — kept and quarantined so an admin can fix and replay it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { readWebhookBody } from "@/lib/adapters/webhook/webhook-adapter";
import { decryptSecrets } from "./secrets";
import { storeEventWithRun } from "./store-payload";
import { quarantineIssues } from "./quarantine";
import { storableText } from "@/lib/utils/storable-text";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;
const TOLERANCE_SECONDS = 300;

export interface WebhookRequest {
  sourceCode: string | null;
  signature: string | null;
  timestamp: string | null;
  idempotencyKey: string | null;
  body: string;
}

export type WebhookAnswer =
  | { status: 401 | 413 | 400; body: { error: string } }
  | { status: 422; body: { error: string; payloadId: string } }
  | { status: 200 | 202; body: { payloadId: string; runId: string | null; duplicate: boolean } };

/** Media types a webhook body may declare (JSON, optionally with a charset, which must then be UTF-8). */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Reads a webhook request's body before anything else looks at it: 415 unless it declares JSON, 413 as soon as it
 * passes 1 MiB (whatever Content-Length claimed — a chunked body is counted as it streams, never held whole), 400
 * when it is not UTF-8. Nothing is stored for any of these.
 */
export async function readWebhookRequestBody(request: Request): Promise<{ text: string } | { status: 400 | 413 | 415; error: string }> {
  const type = request.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type.trim())) {
    await request.body?.cancel().catch(() => undefined);
    return { status: 415, error: `Content-Type must be application/json (got ${JSON.stringify(type.slice(0, 100)) || "none"})` };
  }
  const tooLarge = { status: 413 as const, error: `body larger than ${MAX_WEBHOOK_BYTES} bytes` };
  if (Number(request.headers.get("content-length") ?? 0) > MAX_WEBHOOK_BYTES) {
    await request.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_WEBHOOK_BYTES) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      parts.push(value);
    }
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(Buffer.concat(parts)) };
  } catch {
    return { status: 400, error: "body is not valid UTF-8" };
  }
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

function signatureMatches(secret: string, timestamp: string, body: string, given: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export async function receiveWebhook(
  db: PrismaClient,
  req: WebhookRequest,
  enqueuePayload: (data: { payloadId: string; runId: string }) => Promise<unknown>,
  now = new Date(),
): Promise<WebhookAnswer> {
  const unauthorized = { status: 401 as const, body: { error: "invalid or missing signature" } };
  if (!req.sourceCode || !req.signature || !req.timestamp) return unauthorized;
  if (Buffer.byteLength(req.body) > MAX_WEBHOOK_BYTES) return { status: 413, body: { error: `body larger than ${MAX_WEBHOOK_BYTES} bytes` } };
  const source = await db.dataSource.findUnique({ where: { code: req.sourceCode } });
  // Unknown source, disabled source and bad signature all look the same to the caller.
  if (!source || source.kind !== "webhook" || !source.enabled) return unauthorized;
  const secret = decryptSecrets(source.secretCiphertext).signingSecret;
  if (!secret || !signatureMatches(secret, req.timestamp, req.body, req.signature)) return unauthorized;
  const ts = Number(req.timestamp);
  if (!Number.isFinite(ts) || Math.abs(now.getTime() / 1000 - ts) > TOLERANCE_SECONDS) {
    return { status: 401, body: { error: "timestamp outside the 5-minute window (check the sender's clock)" } };
  }
  if (req.idempotencyKey !== null && (req.idempotencyKey.length === 0 || req.idempotencyKey.length > 200)) {
    return { status: 400, body: { error: "Idempotency-Key must be 1–200 characters" } };
  }

  const stored = await storeEventWithRun(db, { sourceId: source.id, kind: "event", contentType: "application/json", idempotencyKey: req.idempotencyKey, signature: req.signature, trigger: "webhook" }, req.body);
  if (stored.duplicate || !stored.runId) return { status: 200, body: { payloadId: stored.id, runId: null, duplicate: true } };
  const runId = stored.runId;

  const read = readWebhookBody(req.body);
  // JSON.parse quotes the offending text in its message; it must be storable in the run and quarantine rows.
  const envelope = "error" in read ? { error: storableText(read.error) } : read;
  if ("error" in envelope) {
    await db.rawPayload.update({ where: { id: stored.id }, data: { status: "FAILED", error: envelope.error } });
    await quarantineIssues(db, { sourceId: source.id, runId, payloadId: stored.id }, [
      { entity: "unknown", position: "webhook body", field: null, message: envelope.error, raw: req.body.slice(0, 10_000) },
    ]);
    await db.syncRun.update({ where: { id: runId }, data: { status: "FAILED", read: 1, quarantined: 1, finishedAt: now, error: envelope.error } });
    return { status: 422, body: { error: envelope.error, payloadId: stored.id } };
  }
  await enqueuePayload({ payloadId: stored.id, runId });
  return { status: 202, body: { payloadId: stored.id, runId, duplicate: false } };
}
