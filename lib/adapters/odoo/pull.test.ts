import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PulledPage } from "@/lib/adapters/types";
import { startFakeErpServer, type FakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { fakeOdooContext } from "@/lib/adapters/testing/adapter-contexts";
import { SourceAuthError, SourceRequestError } from "@/lib/adapters/http/errors";
import { odooAdapter } from "./index";

async function collect(pages: AsyncIterable<PulledPage>): Promise<PulledPage[]> {
  const out: PulledPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

const rowsOf = (p: PulledPage) => (JSON.parse(p.body) as { result: Array<{ id: number; write_date: string }> }).result;
const ofModel = (pages: PulledPage[], model: string) => pages.filter((p) => p.label.startsWith(`${model} page`));

describe("Odoo pull against the fake server", () => {
  let erp: FakeErpServer;
  before(async () => (erp = await startFakeErpServer()));
  after(async () => erp.close());

  it("pages through every model with keyset cursors: no row twice, none missed, ties across a page boundary kept", async () => {
    const ctx = fakeOdooContext(erp.url, { pageSize: 4 });
    const pages = await collect(odooAdapter.pull!(ctx, null));
    const expectSameIds = (model: string, filter: (r: Record<string, unknown>) => boolean) => {
      const pulled = ofModel(pages, model).flatMap(rowsOf).map((r) => r.id);
      const expected = erp.state.odooRows(model).filter(filter).map((r) => r.id);
      assert.deepEqual([...pulled].sort((a, b) => a - b), [...expected].sort((a, b) => a - b), model);
      assert.equal(new Set(pulled).size, pulled.length, `${model} rows delivered twice`);
    };
    const confirmed = (r: Record<string, unknown>) => ["purchase", "done", "cancel"].includes(String(r.state));
    expectSameIds("purchase.order", confirmed);
    expectSameIds("purchase.order.line", confirmed);
    expectSameIds("stock.move", (r) => r.state === "done");
    assert.ok(ofModel(pages, "purchase.order.line").length >= 3, "purchase.order.line spans 3+ pages");
    // P00004 and P00005 share a write_date and fall on either side of the first page boundary.
    const [first, second] = ofModel(pages, "purchase.order").map((p) => rowsOf(p).map((r) => r.id));
    assert.equal(first.at(-1), 4);
    assert.equal(second[0], 5);

    for (const p of pages) {
      assert.equal(p.kind, "api-page");
      assert.match(p.body, /^\{"jsonrpc":"2.0","id":\d+,"result":\[/, "body is the JSON-RPC response text");
    }
    // Each page's cursor = (write_date, id) of its last row, and cursors only move forward.
    for (const p of ofModel(pages, "purchase.order.line")) {
      const last = rowsOf(p).at(-1)!;
      assert.deepEqual((p.cursor as Record<string, unknown>)["purchase.order.line"], { writeDate: last.write_date, id: last.id });
    }
  });

  it("sends all quants of each changed product, summed over internal locations only", async () => {
    const ctx = fakeOdooContext(erp.url);
    const pages = ofModel(await collect(odooAdapter.pull!(ctx, null)), "stock.quant");
    const quantIds = pages.flatMap(rowsOf).map((r) => r.id);
    assert.ok(!quantIds.includes(77), "the vendor-location quant is not internal");
    const internal = erp.state.odooRows("stock.quant").filter((q) => q.id !== 77).length;
    assert.equal(new Set(quantIds).size, internal);
    const records = pages.flatMap((p) => odooAdapter.transform(p, ctx.config).records);
    const ar = records.map((r) => r.data as Record<string, unknown>).find((d) => d.sku === "AR-5381" && d.lot === null);
    assert.equal(ar?.onHand, 408 + 324 + 353);
  });

  it("pulls only what changed since the cursor on the second run, and nothing on the third", async () => {
    const ctx = fakeOdooContext(erp.url);
    const firstRun = await collect(odooAdapter.pull!(ctx, null));
    const cursor = firstRun.at(-1)!.cursor;

    const newDate = erp.state.touchOdoo("purchase.order.line", 15, { qty_received: 25 });
    erp.state.touchOdoo("stock.quant", 41, { quantity: 400 });
    const secondRun = await collect(odooAdapter.pull!(ctx, cursor));
    assert.deepEqual(secondRun.map((p) => p.label), ["purchase.order.line page 1", "stock.quant page 1 (1 products)"]);
    assert.deepEqual(rowsOf(secondRun[0]).map((r) => r.id), [15]);
    assert.deepEqual(rowsOf(secondRun[1]).map((r) => r.id).sort((a, b) => a - b), [41, 42, 43]);
    const finalCursor = secondRun.at(-1)!.cursor as Record<string, { writeDate: string; id: number }>;
    assert.deepEqual(finalCursor["purchase.order.line"], { writeDate: newDate, id: 15 });
    assert.deepEqual(finalCursor["purchase.order"], (cursor as typeof finalCursor)["purchase.order"], "untouched models keep their position");

    const balance = odooAdapter.transform(secondRun[1], ctx.config).records.map((r) => r.data as Record<string, unknown>);
    assert.deepEqual(balance.map((d) => [d.sku, d.locationCode, d.onHand]), [["AR-5381", "AW-BOTHELL", 400 + 324 + 353]]);
    assert.deepEqual(await collect(odooAdapter.pull!(ctx, finalCursor)), []);
  });

  it("resumes from the cursor of any page without gaps", async () => {
    const ctx = fakeOdooContext(erp.url);
    const all = ofModel(await collect(odooAdapter.pull!(ctx, null)), "purchase.order.line");
    const rest = ofModel(await collect(odooAdapter.pull!(ctx, all[1].cursor)), "purchase.order.line");
    assert.deepEqual(rest.flatMap(rowsOf).map((r) => r.id), all.slice(2).flatMap(rowsOf).map((r) => r.id));
  });

  it("restricts stock to the configured warehouses", async () => {
    const ctx = fakeOdooContext(erp.url, { warehouseIds: [2] });
    const pages = ofModel(await collect(odooAdapter.pull!(ctx, null)), "stock.quant");
    const locations = new Set(pages.flatMap((p) => odooAdapter.transform(p, ctx.config).records.map((r) => (r.data as { locationCode: string }).locationCode)));
    assert.deepEqual([...locations], ["AW-SEATTLE"]);
  });

  it("retries injected 503 and 429 answers and still delivers every page", async () => {
    const ctx = fakeOdooContext(erp.url);
    const clean = await collect(odooAdapter.pull!(ctx, null));
    const before = erp.state.requestLog.length;
    erp.state.failNext(2, 503);
    erp.state.failNext(1, 429);
    const retried = await collect(odooAdapter.pull!(ctx, null));
    assert.deepEqual(retried.map((p) => p.body), clean.map((p) => p.body));
    const statuses = erp.state.requestLog.slice(before).map((r) => r.status);
    assert.deepEqual(statuses.slice(0, 4), [503, 503, 429, 200]);
  });

  it("gives up with a retryable error when the source stays unavailable", async () => {
    const ctx = fakeOdooContext(erp.url, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    erp.state.failNext(2, 503);
    await assert.rejects(collect(odooAdapter.pull!(ctx, null)), (err: unknown) => err instanceof SourceRequestError && err.retryable && err.status === 503);
  });

  it("fails with a clear SourceAuthError for a wrong API key, without leaking the key", async () => {
    const ctx = { ...fakeOdooContext(erp.url), secrets: { apiKey: "wrong-key-123" } };
    const before = erp.state.requestLog.length;
    await assert.rejects(collect(odooAdapter.pull!(ctx, null)), (err: unknown) => {
      assert.ok(err instanceof SourceAuthError);
      assert.match(err.message, /common\.authenticate.*refused/);
      assert.doesNotMatch(err.message, /wrong-key-123/);
      return true;
    });
    assert.equal(erp.state.requestLog.length - before, 1, "auth failures are not retried");
  });

  it("maps Odoo's JSON-RPC AccessDenied error (key revoked mid-pull) to SourceAuthError", async () => {
    const ctx = fakeOdooContext(erp.url);
    const pages = odooAdapter.pull!(ctx, null)[Symbol.asyncIterator]();
    await pages.next(); // authenticated, first page delivered
    const key = erp.state.credentials.odoo.apiKey;
    erp.state.credentials.odoo.apiKey = "rotated";
    try {
      await assert.rejects(pages.next(), (err: unknown) => err instanceof SourceAuthError && /Access Denied/.test(err.message) && /purchase\.order\.search_read/.test(err.message));
    } finally {
      erp.state.credentials.odoo.apiKey = key;
    }
  });
});
