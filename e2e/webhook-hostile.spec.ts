import { randomBytes } from "node:crypto";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { query, signIn } from "./support";
import { createWebhookSource, signedHeaders } from "./webhook-support";

/**
 * Hostile requests to POST /api/events over real HTTP against `next start`: wrong or missing signature, a tampered
 * body, stale and future timestamps, a wrong Content-Type, oversized bodies (declared and chunked), invalid UTF-8 and
 * malformed JSON. Each gets its status, and the database shows nothing stored (payloads, runs, quarantine, records);
 * a replay of an accepted request inside the window is a 200 duplicate that stores nothing new.
 */

const MiB = 1024 * 1024;

test("hostile webhook requests are refused with the right status and nothing is stored; a replay is a duplicate", async ({ page, request, baseURL }) => {
  const suffix = randomBytes(3).toString("hex").toUpperCase();
  const code = `WH-HOSTILE-${suffix}`;
  const secret = `whsec_${randomBytes(12).toString("hex")}`;
  await signIn(page, "admin", /\/admin$/);
  const sourceId = await createWebhookSource(page, baseURL!, code, secret);
  const counts = async () =>
    (
      await query<{ payloads: number; runs: number; quarantined: number; locations: number }>(
        `SELECT (SELECT count(*) FROM "RawPayload" WHERE "sourceId" = $1)::int AS payloads, (SELECT count(*) FROM "SyncRun" WHERE "sourceId" = $1)::int AS runs,
                (SELECT count(*) FROM "QuarantinedRecord" WHERE "sourceId" = $1)::int AS quarantined, (SELECT count(*) FROM "Location" WHERE code LIKE $2)::int AS locations`,
        [sourceId, `WH-${suffix}-%`],
      )
    )[0];
  const empty = { payloads: 0, runs: 0, quarantined: 0, locations: 0 };
  expect(await counts()).toEqual(empty);

  const body = JSON.stringify({ entity: "location", id: "loc-1", version: 1, data: { code: `WH-${suffix}-1`, name: "Hostile test DC" } });
  const now = Math.floor(Date.now() / 1000);
  // Always bytes: Playwright would JSON-encode a string body that is not valid JSON, breaking its signature.
  const post = (data: string | Buffer, headers: Record<string, string>) => request.post("/api/events", { data: typeof data === "string" ? Buffer.from(data) : data, headers });
  const refusals: { what: string; status: number; error: RegExp; data: string | Buffer; headers: Record<string, string> }[] = [
    { what: "signed with another secret", status: 401, error: /invalid or missing signature/, data: body, headers: signedHeaders({ code, secret: "not-the-secret", body }) },
    { what: "body changed after signing", status: 401, error: /invalid or missing signature/, data: body.replace("Hostile", "Tampered"), headers: signedHeaders({ code, secret, body }) },
    { what: "no signature", status: 401, error: /invalid or missing signature/, data: body, headers: { "content-type": "application/json", "X-Workbench-Source": code, "X-Workbench-Timestamp": String(now) } },
    { what: "unknown source", status: 401, error: /invalid or missing signature/, data: body, headers: signedHeaders({ code: `${code}-X`, secret, body }) },
    { what: "captured 10 minutes ago, replayed now", status: 401, error: /timestamp outside the 5-minute window/, data: body, headers: signedHeaders({ code, secret, body, timestamp: now - 600 }) },
    { what: "timestamp 10 minutes ahead", status: 401, error: /timestamp outside the 5-minute window/, data: body, headers: signedHeaders({ code, secret, body, timestamp: now + 600 }) },
    { what: "text/plain", status: 415, error: /Content-Type must be application\/json/, data: body, headers: signedHeaders({ code, secret, body, contentType: "text/plain" }) },
    { what: "form-encoded", status: 415, error: /Content-Type must be application\/json/, data: body, headers: signedHeaders({ code, secret, body, contentType: "application/x-www-form-urlencoded" }) },
    { what: "JSON in Latin-1", status: 415, error: /Content-Type must be application\/json/, data: body, headers: signedHeaders({ code, secret, body, contentType: "application/json; charset=iso-8859-1" }) },
    { what: "invalid UTF-8", status: 400, error: /not valid UTF-8/, data: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), headers: signedHeaders({ code, secret, body: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]) }) },
    { what: "malformed JSON, unsigned", status: 401, error: /invalid or missing signature/, data: '{"entity": ', headers: { "content-type": "application/json", "X-Workbench-Source": code, "X-Workbench-Timestamp": String(now), "X-Workbench-Signature": "sha256=00" } },
  ];
  const big = JSON.stringify({ entity: "location", version: 1, data: { code: `WH-${suffix}-BIG`, name: "x".repeat(MiB) } });
  refusals.push({ what: "1 MiB + body, signed", status: 413, error: /body larger than 1048576 bytes/, data: big, headers: signedHeaders({ code, secret, body: big }) });

  for (const r of refusals) {
    const response = await post(r.data, r.headers);
    expect(response.status(), r.what).toBe(r.status);
    expect((await response.json()).error, r.what).toMatch(r.error);
  }

  // A chunked body (no Content-Length) is counted as it streams and cut at 1 MiB.
  const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL("/api/events", baseURL);
    const req = http.request(url, { method: "POST", headers: { ...signedHeaders({ code, secret, body: big }), "transfer-encoding": "chunked" } }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d)).on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" || (e as NodeJS.ErrnoException).code === "EPIPE" ? resolve({ status: -1, body: String(e) }) : reject(e)));
    for (let i = 0; i < big.length; i += 64 * 1024) req.write(big.slice(i, i + 64 * 1024));
    req.end();
  });
  expect(chunked.status, `chunked oversized body: ${chunked.body}`).toBe(413);

  expect(await counts(), "nothing stored for any refused request").toEqual(empty);

  // Accepted once; the same signed request again inside the window is a duplicate: 200, nothing new.
  const headers = signedHeaders({ code, secret, body, idempotencyKey: `delivery-${suffix}` });
  const first = await post(body, headers);
  expect(first.status()).toBe(202);
  const stored = await counts();
  expect(stored.payloads).toBe(1);
  // The same signed request again: as it was, with the Idempotency-Key changed, and with it dropped (it is not signed).
  const { "Idempotency-Key": _key, ...withoutKey } = headers as Record<string, string>;
  for (const replay of [headers, { ...withoutKey, "Idempotency-Key": `other-${suffix}` }, withoutKey]) {
    const again = await post(body, replay);
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, payloadId: (await first.json()).payloadId });
  }
  expect((await counts()).payloads, "a replay stores no payload").toBe(1);

  // A signed body that is not JSON: 422, kept once and quarantined for an admin to fix (by design), no record written.
  const broken = '{"entity": "location", "data": ';
  const malformed = await post(broken, signedHeaders({ code, secret, body: broken }));
  expect(malformed.status()).toBe(422);
  expect((await malformed.json()).error).toMatch(/body is not valid JSON/);
  const [q] = await query<{ message: string; position: string }>(`SELECT message, position FROM "QuarantinedRecord" WHERE "sourceId" = $1`, [sourceId]);
  expect(q.position).toBe("webhook body");
  await expect.poll(async () => (await counts()).locations, { message: "the accepted event is processed by the worker" }).toBe(1);
  expect(await counts()).toEqual({ payloads: 2, runs: 2, quarantined: 1, locations: 1 });
});
