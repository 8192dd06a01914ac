/**
 * Integration: the source ERP misbehaves — times out, answers 500, answers truncated JSON, answers slowly — against a
 * real pull sync into a real database. Each request is retried with backoff; a source whose pulls keep failing is
 * marked unhealthy (data-sources page, /api/health), detection then lowers the confidence of the cases built on it;
 * a good pull clears it. Nothing throws past the run: failures are recorded on the SyncRun and the source.
 */
process.env.AUTH_SECRET ??= "test-secret-for-source-faults-0123456789";

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { startFakeErpServer, type FakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { fakeOdooContext } from "@/lib/adapters/testing/adapter-contexts";
import { runDetectionPipeline } from "@/lib/server/pipeline/run-detection";
import { SOURCE_UNHEALTHY_AFTER_FAILURES } from "@/lib/domain/ops/health";
import { encryptSecrets } from "./secrets";
import { createRun } from "./sync-runs";
import { runPullSync } from "./run-sync";

let erp: FakeErpServer;
let db: PrismaClient;
let tdb: TestDatabase;
let sourceId: string;
const MAX_ATTEMPTS = 4;
const TIMEOUT_MS = 300;

before(async () => {
  erp = await startFakeErpServer();
  tdb = await createTestDatabase("empty");
  db = createPrismaClient(tdb.url);
  // A short per-attempt timeout so a hung request costs 300 ms; backoff base 20 ms so the waits are real but short.
  const ctx = fakeOdooContext(erp.url, { retry: { baseDelayMs: 20, maxAttempts: MAX_ATTEMPTS, timeoutMs: TIMEOUT_MS } });
  // A long SLA: the fixture rows are dated 2025, so only the source's health (not the rows' age) decides staleness.
  const source = await db.dataSource.create({
    data: { code: "ODOO-AW", name: "Odoo AW", kind: "odoo", slaMinutes: 10 * 365 * 1440, config: ctx.config as object, secretCiphertext: encryptSecrets(ctx.secrets) },
  });
  sourceId = source.id;
});
after(async () => {
  await erp.close();
  await db.$disconnect();
  await tdb.drop();
});

/** One manual sync run to its end; a failed run is returned, not thrown. */
async function sync() {
  const run = await createRun(db, sourceId, "manual", null);
  const logStart = erp.state.requestLog.length;
  const started = performance.now();
  let thrown: unknown = null;
  await runPullSync(db, run.id, { fetch }).catch((e: unknown) => (thrown = e));
  const finished = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
  const source = await db.dataSource.findUniqueOrThrow({ where: { id: sourceId } });
  return { run: finished, source, thrown, ms: performance.now() - started, requests: erp.state.requestLog.slice(logStart) };
}

/** Forces a change at the source so the next incremental pull has a page to read. */
const touchQuant = () => erp.state.touchOdoo("stock.quant", erp.state.odooRows("stock.quant")[0].id, {});

describe("source ERP faults during a pull sync", () => {
  it("first sync is clean (baseline)", async () => {
    const r = await sync();
    assert.equal(r.thrown, null);
    assert.ok(["SUCCEEDED", "PARTIAL"].includes(r.run.status), r.run.error ?? "");
    assert.equal(r.source.consecutiveFailures, 0);
  });

  it("a request that never answers times out and is retried; the sync succeeds", async () => {
    touchQuant();
    erp.state.hangNext(1);
    const r = await sync();
    assert.equal(r.thrown, null, String(r.thrown));
    assert.ok(["SUCCEEDED", "PARTIAL"].includes(r.run.status), r.run.error ?? "");
    assert.equal(r.requests[0].detail, "injected fault: hang");
    assert.equal(r.requests[1].status, 200);
    assert.ok(r.ms >= TIMEOUT_MS, `took ${r.ms} ms`);
  });

  it("500s are retried with backoff; the sync succeeds", async () => {
    touchQuant();
    erp.state.failNext(2, 500);
    const r = await sync();
    assert.equal(r.thrown, null, String(r.thrown));
    assert.deepEqual(r.requests.slice(0, 3).map((q) => q.status), [500, 500, 200]);
  });

  it("a truncated JSON answer is retried; the sync succeeds and stores no broken page", async () => {
    touchQuant();
    erp.state.malformNext(2);
    const r = await sync();
    assert.equal(r.thrown, null, String(r.thrown));
    assert.deepEqual(r.requests.slice(0, 3).map((q) => q.detail.startsWith("injected") ? q.detail : "ok"), ["injected fault: malformed JSON", "injected fault: malformed JSON", "ok"]);
    const broken = await db.rawPayload.count({ where: { runId: r.run.id, status: "FAILED" } });
    assert.equal(broken, 0);
  });

  it("a slow answer within the timeout is waited for; one past it is retried", async () => {
    touchQuant();
    erp.state.slowNext(1, 100);
    const ok = await sync();
    assert.equal(ok.thrown, null, String(ok.thrown));
    assert.equal(ok.requests.filter((q) => q.detail.startsWith("injected")).length, 0, "slow within the timeout is a normal answer");
    touchQuant();
    erp.state.slowNext(1, TIMEOUT_MS + 200);
    const late = await sync();
    assert.equal(late.thrown, null, String(late.thrown));
    assert.ok(["SUCCEEDED", "PARTIAL"].includes(late.run.status));
  });

  it(`a source failing ${SOURCE_UNHEALTHY_AFTER_FAILURES} pulls in a row is unhealthy; dependent cases lose confidence; a good pull clears it`, async () => {
    const before = await runDetectionPipeline(db);
    const dependent = await db.case.findMany({ where: { status: { not: "RESOLVED" }, primaryType: { not: "DATA_FEED_STALE" } }, select: { id: true, causeKey: true, confidence: true } });
    assert.ok(dependent.length > 0, `detection found cases on the Odoo data (${JSON.stringify(before)})`);
    assert.ok(dependent.every((c) => Number(c.confidence) > 0.7), "fresh source: full confidence");

    for (let i = 1; i <= SOURCE_UNHEALTHY_AFTER_FAILURES; i++) {
      erp.state.failNext(MAX_ATTEMPTS, i % 2 ? 500 : 503);
      const r = await sync();
      assert.ok(r.thrown instanceof Error, "the run fails with the source's error");
      assert.equal(r.run.status, "FAILED");
      assert.match(r.run.error ?? "", /gave up after 4 attempts/);
      assert.equal(r.requests.length, MAX_ATTEMPTS, "every attempt reached the source, then it gave up");
      assert.equal(r.source.consecutiveFailures, i);
      assert.equal(r.source.unhealthySince !== null, i >= SOURCE_UNHEALTHY_AFTER_FAILURES);
    }
    // The source's last good sync is minutes old: only its health makes it stale.
    await runDetectionPipeline(db);
    const after = await db.case.findMany({ where: { id: { in: dependent.map((c) => c.id) } }, select: { id: true, confidence: true, explanation: true } });
    const lowered = after.filter((c) => Number(c.confidence) < Number(dependent.find((d) => d.id === c.id)!.confidence));
    assert.ok(lowered.length > 0, "cases built on the unhealthy source were rescored with lower confidence");
    for (const c of lowered) assert.match(JSON.stringify(c.explanation), /ODOO-AW/);
    const feedCase = await db.case.findFirst({ where: { causeKey: "source:ODOO-AW", status: { not: "RESOLVED" } } });
    assert.ok(feedCase, "a DATA_FEED_STALE case names the failing source");

    // A malformed answer on every attempt also fails the run cleanly (nothing thrown past the runner's error).
    erp.state.malformNext(MAX_ATTEMPTS);
    const malformed = await sync();
    assert.match(malformed.run.error ?? "", /not JSON/);
    assert.equal(malformed.source.consecutiveFailures, SOURCE_UNHEALTHY_AFTER_FAILURES + 1);

    touchQuant();
    const good = await sync();
    assert.equal(good.thrown, null, String(good.thrown));
    assert.equal(good.source.consecutiveFailures, 0);
    assert.equal(good.source.unhealthySince, null);
    await runDetectionPipeline(db);
    const restored = await db.case.findMany({ where: { id: { in: lowered.map((c) => c.id) } }, select: { confidence: true } });
    assert.ok(restored.every((c) => Number(c.confidence) > 0.7), "confidence restored at the next rescore");
  });
});
