/** Integration: the webhook protocol against PostgreSQL — signature, durability before 202, duplicates, bad bodies. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { encryptSecrets } from "./secrets";
import { MAX_WEBHOOK_BYTES, readWebhookRequestBody, receiveWebhook, signWebhook, type WebhookRequest } from "./receive-webhook";
import { processPayload } from "./process-payload";

process.env.AUTH_SECRET ??= "test-secret-for-webhook-signing-0123456789";
const SECRET = "whsec_test_4f1c";
let db: TestDatabase;
let prisma: PrismaClient;
const queued: { payloadId: string; runId: string }[] = [];
const enqueue = async (d: { payloadId: string; runId: string }) => queued.push(d);

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
  await prisma.dataSource.create({ data: { code: "WMS-EVENTS", name: "WMS events", kind: "webhook", secretCiphertext: encryptSecrets({ signingSecret: SECRET }) } });
});
after(async () => {
  await prisma.$disconnect();
  await db.drop();
});

function request(body: string, over: Partial<WebhookRequest> = {}): WebhookRequest {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { sourceCode: "WMS-EVENTS", timestamp, signature: signWebhook(SECRET, timestamp, body), idempotencyKey: null, body, ...over };
}

async function someBalance() {
  const b = await prisma.inventoryBalance.findFirstOrThrow({ include: { item: true, location: true }, orderBy: { id: "asc" } });
  return { sku: b.item.sku, locationCode: b.location.code, onHand: b.onHand };
}

test("a bad signature is refused with 401 and nothing is stored", async () => {
  const body = JSON.stringify({ entity: "location", version: 1, data: { code: "X", name: "X" } });
  const before = await prisma.rawPayload.count();
  for (const req of [
    request(body, { signature: signWebhook("wrong-secret", String(Math.floor(Date.now() / 1000)), body) }),
    request(body, { signature: null }),
    request(body, { sourceCode: "NO-SUCH-SOURCE" }),
    { ...request(body), body: body.replace("X", "Y") }, // body tampered after signing
  ]) {
    const answer = await receiveWebhook(prisma, req, enqueue);
    assert.equal(answer.status, 401);
  }
  const old = String(Math.floor(Date.now() / 1000) - 3600);
  const replayed = await receiveWebhook(prisma, request(body, { timestamp: old, signature: signWebhook(SECRET, old, body) }), enqueue);
  assert.equal(replayed.status, 401);
  assert.equal(await prisma.rawPayload.count(), before);
  assert.equal(queued.length, 0);
});

test("a signed event is stored before 202, processed into the canonical model, and a duplicate delivery changes nothing", async () => {
  const target = await someBalance();
  const body = JSON.stringify({ events: [{ entity: "inventoryBalance", id: "evt-1", version: Date.now(), data: { sku: target.sku, locationCode: target.locationCode, onHand: target.onHand + 7, asOf: new Date().toISOString() } }] });
  const first = await receiveWebhook(prisma, request(body, { idempotencyKey: "delivery-001" }), enqueue);
  assert.equal(first.status, 202);
  assert.ok("payloadId" in first.body);
  const payload = await prisma.rawPayload.findUniqueOrThrow({ where: { id: first.body.payloadId } });
  assert.equal(Buffer.from(payload.body!).toString(), body, "the raw body is kept byte for byte");
  assert.equal(queued.length, 1);

  const again = await receiveWebhook(prisma, request(body, { idempotencyKey: "delivery-001" }), enqueue);
  assert.equal(again.status, 200);
  assert.deepEqual(again.body, { payloadId: first.body.payloadId, runId: null, duplicate: true });
  assert.equal(queued.length, 1, "a duplicate is not processed again");

  await processPayload(prisma, queued[0].payloadId, queued[0].runId);
  const after = await prisma.inventoryBalance.findFirstOrThrow({ where: { item: { sku: target.sku }, location: { code: target.locationCode } } });
  assert.equal(after.onHand, target.onHand + 7);
  assert.equal(after.sourceSystem, "WMS-EVENTS");
});

test("a signed body that is not an event envelope is kept, quarantined and answered 422", async () => {
  const body = '{"hello": "world"';
  const answer = await receiveWebhook(prisma, request(body), enqueue);
  assert.equal(answer.status, 422);
  assert.ok("payloadId" in answer.body);
  const q = await prisma.quarantinedRecord.findFirstOrThrow({ where: { payloadId: answer.body.payloadId } });
  assert.match(q.message, /not valid JSON/);
  const run = await prisma.syncRun.findFirstOrThrow({ where: { id: q.runId! } });
  assert.equal(run.status, "FAILED");
});

test("out-of-order events: the newer version wins whatever the arrival order", async () => {
  const target = await someBalance();
  const event = (version: number, onHand: number) =>
    JSON.stringify({ entity: "inventoryBalance", version, data: { sku: target.sku, locationCode: target.locationCode, onHand, asOf: new Date(version).toISOString() } });
  const t = Date.now() + 10_000;
  for (const body of [event(t + 2, 222), event(t + 1, 111)]) {
    const answer = await receiveWebhook(prisma, request(body), enqueue);
    assert.equal(answer.status, 202);
    const job = queued.at(-1)!;
    await processPayload(prisma, job.payloadId, job.runId);
  }
  const b = await prisma.inventoryBalance.findFirstOrThrow({ where: { item: { sku: target.sku }, location: { code: target.locationCode } } });
  assert.equal(b.onHand, 222);
});

test("the same signed request replayed inside the window under another (or no) Idempotency-Key is a duplicate", async () => {
  const body = JSON.stringify({ entity: "location", version: 1, data: { code: "REPLAY-1", name: "Replay" } });
  const original = request(body, { idempotencyKey: "delivery-replay-1" });
  const first = await receiveWebhook(prisma, original, enqueue);
  assert.equal(first.status, 202);
  const payloads = await prisma.rawPayload.count();
  const jobs = queued.length;
  for (const idempotencyKey of ["delivery-replay-2", null]) {
    const replay = await receiveWebhook(prisma, { ...original, idempotencyKey }, enqueue);
    assert.equal(replay.status, 200);
    assert.ok("duplicate" in replay.body && replay.body.duplicate);
  }
  assert.equal(await prisma.rawPayload.count(), payloads, "nothing new stored");
  assert.equal(queued.length, jobs, "nothing new queued");
});

test("the request body is read before anything else: 415 unless JSON, 413 past 1 MiB even when chunked, 400 for invalid UTF-8", async () => {
  const make = (body: BodyInit | null, headers: Record<string, string>) => new Request("http://localhost/api/events", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  assert.deepEqual(await readWebhookRequestBody(make("{}", { "content-type": "application/json; charset=utf-8" })), { text: "{}" });
  for (const type of ["text/plain", "", "application/json; charset=latin1", "multipart/form-data"]) {
    const r = await readWebhookRequestBody(make("{}", type ? { "content-type": type } : {}));
    assert.ok("status" in r && r.status === 415, type);
  }
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
    },
  });
  const chunked = await readWebhookRequestBody(make(endless, { "content-type": "application/json" }));
  assert.ok("status" in chunked && chunked.status === 413);
  assert.ok(pulled <= MAX_WEBHOOK_BYTES + 128 * 1024, `read ${pulled} bytes of an endless body before refusing`);
  const declared = await readWebhookRequestBody(make("{}", { "content-type": "application/json", "content-length": String(MAX_WEBHOOK_BYTES + 1) }));
  assert.ok("status" in declared && declared.status === 413);
  const latin = await readWebhookRequestBody(make(new Uint8Array([0x7b, 0xe9, 0x7d]), { "content-type": "application/json" }));
  assert.deepEqual(latin, { status: 400, error: "body is not valid UTF-8" });
});
