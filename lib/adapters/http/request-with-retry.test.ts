import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { nextDelayMs, parseRetryAfter, requestWithRetry } from "./request-with-retry";
import { SourceAuthError, SourceRequestError } from "./errors";

/** A fetch that answers from a script, one entry per call, and records what it was asked. */
function scriptedFetch(script: Array<Response | Error | "hang">) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fn = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const next = script[calls.length - 1];
    if (next === undefined) throw new Error("script exhausted");
    if (next === "hang") {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    }
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as typeof fetch;
  return { fn, calls };
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const url = "http://erp.test/api/resource/Bin?fields=%5B%22item_code%22%5D&api_key=SECRET";

describe("requestWithRetry", () => {
  it("returns the first 2xx answer with its body", async () => {
    const f = scriptedFetch([new Response('{"data":[]}', { status: 200 })]);
    const res = await requestWithRetry({ url }, { fetch: f.fn });
    assert.equal(res.status, 200);
    assert.equal(res.text, '{"data":[]}');
    assert.equal(f.calls.length, 1);
  });

  it("retries 503, 502, 504 and network errors with growing full-jitter delays, then succeeds", async () => {
    const f = scriptedFetch([
      new Response("busy", { status: 503 }),
      new Response("bad gateway", { status: 502 }),
      new TypeError("fetch failed: ECONNRESET"),
      new Response("gateway timeout", { status: 504 }),
      new Response("ok", { status: 200 }),
    ]);
    const s = recordingSleep();
    const res = await requestWithRetry({ url }, { fetch: f.fn, sleep: s.sleep, random: () => 0.999, baseDelayMs: 100, maxAttempts: 5 });
    assert.equal(res.text, "ok");
    assert.equal(f.calls.length, 5);
    assert.deepEqual(s.waits, [99, 199, 399, 799]);
  });

  it("honours Retry-After on 429 instead of the backoff", async () => {
    const f = scriptedFetch([new Response("slow down", { status: 429, headers: { "Retry-After": "3" } }), new Response("ok")]);
    const s = recordingSleep();
    await requestWithRetry({ url }, { fetch: f.fn, sleep: s.sleep, random: () => 0.5 });
    assert.deepEqual(s.waits, [3000]);
  });

  it("gives up after maxAttempts with a retryable error naming the path and the last cause", async () => {
    const f = scriptedFetch([new Response("x", { status: 503 }), new Response("x", { status: 503 }), new Response('{"message":"maintenance"}', { status: 503 })]);
    const s = recordingSleep();
    await assert.rejects(requestWithRetry({ url }, { fetch: f.fn, sleep: s.sleep, maxAttempts: 3 }), (err: unknown) => {
      assert.ok(err instanceof SourceRequestError);
      assert.equal(err.status, 503);
      assert.equal(err.retryable, true);
      assert.match(err.message, /GET \/api\/resource\/Bin/);
      assert.match(err.message, /gave up after 3 attempts.*maintenance/);
      assert.doesNotMatch(err.message, /SECRET/);
      return true;
    });
    assert.equal(f.calls.length, 3);
  });

  it("throws SourceAuthError on 401 without retrying, with the source's message and no secrets", async () => {
    const body = JSON.stringify({ exc_type: "AuthenticationError", _server_messages: JSON.stringify([JSON.stringify({ message: "Invalid API key" })]) });
    const f = scriptedFetch([new Response(body, { status: 401 })]);
    const s = recordingSleep();
    await assert.rejects(
      requestWithRetry({ url, headers: { Authorization: "token k:SECRET" } }, { fetch: f.fn, sleep: s.sleep }),
      (err: unknown) => {
        assert.ok(err instanceof SourceAuthError);
        assert.equal(err.status, 401);
        assert.equal(err.sourceMessage, "Invalid API key");
        assert.match(err.message, /GET \/api\/resource\/Bin .*401: Invalid API key/);
        assert.doesNotMatch(err.message, /SECRET/);
        return true;
      },
    );
    assert.equal(f.calls.length, 1);
    assert.deepEqual(s.waits, []);
  });

  it("does not retry other 4xx answers", async () => {
    const f = scriptedFetch([new Response('{"exception":"frappe.exceptions.ValidationError: bad filter"}', { status: 417 })]);
    await assert.rejects(requestWithRetry({ url }, { fetch: f.fn, sleep: async () => {} }), (err: unknown) => {
      assert.ok(err instanceof SourceRequestError && !(err instanceof SourceAuthError));
      assert.equal(err.retryable, false);
      assert.match(err.message, /417: frappe.exceptions.ValidationError: bad filter/);
      return true;
    });
    assert.equal(f.calls.length, 1);
  });

  it("times out a hanging attempt and retries it", async () => {
    const f = scriptedFetch(["hang", new Response("ok")]);
    const res = await requestWithRetry({ url }, { fetch: f.fn, sleep: async () => {}, timeoutMs: 20 });
    assert.equal(res.text, "ok");
    assert.equal(f.calls.length, 2);
  });

  it("stops at once when the caller aborts", async () => {
    const controller = new AbortController();
    const f = scriptedFetch(["hang"]);
    const pending = requestWithRetry({ url }, { fetch: f.fn, signal: controller.signal, timeoutMs: 10_000 });
    controller.abort(new Error("pull cancelled"));
    await assert.rejects(pending, /pull cancelled/);
    assert.equal(f.calls.length, 1);
  });
});

describe("retry delays", () => {
  it("caps the exponential ceiling at maxDelayMs", () => {
    const opts = { baseDelayMs: 500, maxDelayMs: 2000, maxRetryAfterMs: 60_000 };
    assert.equal(nextDelayMs({}, 10, opts, () => 0.5), 1000);
    assert.equal(nextDelayMs({}, 0, opts, () => 0), 0);
    assert.equal(nextDelayMs({ retryAfterMs: 120_000 }, 0, opts, () => 0.5), 60_000);
  });
  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2025-03-01T10:00:00Z");
    assert.equal(parseRetryAfter("7", now), 7000);
    assert.equal(parseRetryAfter("Sat, 01 Mar 2025 10:00:30 GMT", now), 30_000);
    assert.equal(parseRetryAfter("soon", now), null);
    assert.equal(parseRetryAfter(null, now), null);
  });
});
