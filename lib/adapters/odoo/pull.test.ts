import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PulledPage } from "@/lib/adapters/types";
import { startFakeErpServer, type FakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { fakeOdooContext } from "@/lib/adapters/testing/adapter-contexts";
import { SourceAuthError, SourceRequestError } from "@/lib/adapters/http/errors";
import { validateRecord } from "@/lib/domain/canonical/records";
import { odooAdapter } from "./index";
import { MASTER_MODELS } from "./models";

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
      // Partner and product pages bundle two answers; every answer is stored as the JSON-RPC response text.
      const bundled = /^(res\.partner|product\.product) /.test(p.label);
      const answer = /\{"jsonrpc":"2.0","id":\d+,"result":\[/.source;
      assert.match(p.body, new RegExp(bundled ? `^\\{"${p.label.split(" ")[0]}":${answer}.*,"product.supplierinfo":${answer}` : `^${answer}`), p.label);
    }
    // Each page's cursor = (write_date, id) of its last row, and cursors only move forward.
    for (const p of ofModel(pages, "purchase.order.line")) {
      const last = rowsOf(p).at(-1)!;
      assert.deepEqual((p.cursor as Record<string, unknown>)["purchase.order.line"], { writeDate: last.write_date, id: last.id });
    }
  });

  it("pulls master data first, and every record of the fixture passes the canonical schema", async () => {
    const ctx = fakeOdooContext(erp.url);
    const pages = await collect(odooAdapter.pull!(ctx, null));
    const isMaster = (p: PulledPage) => (MASTER_MODELS as readonly string[]).includes(p.label.split(" ")[0]);
    const firstTransaction = pages.findIndex((p) => !isMaster(p));
    assert.ok(firstTransaction > 0, "there are master data pages");
    assert.ok(pages.slice(firstTransaction).every((p) => !isMaster(p)), "no master data page after a transaction page");
    assert.deepEqual([...new Set(pages.slice(0, firstTransaction).map((p) => p.label.split(" ")[0]))], ["stock.warehouse", "res.partner", "product.product"]);

    const results = pages.map((p) => odooAdapter.transform(p, ctx.config));
    const records = results.flatMap((r) => r.records);
    for (const r of records) assert.equal(validateRecord(r).ok, true, JSON.stringify(r));
    // The only issue in the whole fixture is the deliberately bad "Pallets" PO line.
    assert.deepEqual(results.flatMap((r) => r.issues).map((i) => [i.position, i.field]), [["purchase.order.line id 19", "product_uom_id"]]);
    const codes = (entity: string, key: string) => new Set(records.filter((r) => r.entity === entity).map((r) => (r.data as Record<string, string>)[key]));
    assert.deepEqual(codes("location", "code"), new Set(["AW-BOTHELL", "AW-SEATTLE"]));
    assert.equal(codes("supplier", "code").size, erp.state.odooRows("res.partner").filter((p) => (p.supplier_rank as number) > 0).length);
    assert.equal(codes("item", "sku").size, erp.state.odooRows("product.product").length);
    // Every reference a transaction makes resolves against the master data of the same pull.
    for (const r of records) {
      const d = r.data as Record<string, unknown>;
      const lines = (d.lines as Array<{ sku: string }> | undefined) ?? [];
      for (const sku of [d.sku, ...lines.map((l) => l.sku)].filter(Boolean)) assert.ok(codes("item", "sku").has(sku as string), `${r.origin.position}: ${String(sku)}`);
      if (d.locationCode) assert.ok(codes("location", "code").has(d.locationCode as string), r.origin.position);
      for (const code of [d.supplierCode, d.primarySupplierCode].filter(Boolean)) assert.ok(codes("supplier", "code").has(code as string), `${r.origin.position}: ${String(code)}`);
    }
  });

  it("re-sends the vendor and products of an edited vendor line, and only those", async () => {
    const ctx = fakeOdooContext(erp.url);
    const cursor = (await collect(odooAdapter.pull!(ctx, null))).at(-1)!.cursor;
    // Litware's line for CA-6738 (product 104): lead time 17 → 25 days. Neither partner nor product write_date moves.
    const line = erp.state.odooRows("product.supplierinfo").find((l) => (l.product_tmpl_id as [number])[0] === 204)!;
    const lineDate = erp.state.touchOdoo("product.supplierinfo", line.id, { delay: 25 });
    const second = await collect(odooAdapter.pull!(ctx, cursor));
    assert.deepEqual(second.map((p) => p.label), ["res.partner page 1 (vendor lines changed)", "product.product page 1 (vendor lines changed)"]);
    const [vendor, product] = second.map((p) => odooAdapter.transform(p, ctx.config).records.map((r) => r.data as Record<string, unknown>));
    assert.deepEqual(vendor.map((d) => [d.code, d.leadTimeDays]), [["Litware, Inc.", 17]], "Litware's lines: 17, 25, 17 → median 17");
    assert.deepEqual(product.map((d) => [d.sku, d.leadTimeDays, d.primarySupplierCode]), [["CA-6738", 25, "Litware, Inc."]]);
    assert.deepEqual((second.at(-1)!.cursor as Record<string, unknown>)["product.supplierinfo"], { writeDate: lineDate, id: line.id });
    assert.deepEqual(await collect(odooAdapter.pull!(ctx, second.at(-1)!.cursor)), []);
  });

  it("pulls an edited product and a new warehouse on their own write_date", async () => {
    const ctx = fakeOdooContext(erp.url, { locationMap: { "AW1/Stock": "AW-BOTHELL", "AW2/Stock": "AW-SEATTLE", "AW3/Stock": "AW-OUTLET" } });
    const cursor = (await collect(odooAdapter.pull!(ctx, null))).at(-1)!.cursor;
    erp.state.touchOdoo("product.product", 110, { standard_price: 0.25 });
    erp.state.createOdoo("stock.warehouse", { name: "AW Outlet", code: "AW3", display_name: "AW3", lot_stock_id: [40, "AW3/Stock"], view_location_id: [39, "AW3"], active: true });
    const second = await collect(odooAdapter.pull!(ctx, cursor));
    assert.deepEqual(second.map((p) => p.label), ["stock.warehouse page 1", "product.product page 1"]);
    const [location, item] = second.map((p) => odooAdapter.transform(p, ctx.config).records[0].data as Record<string, unknown>);
    assert.deepEqual([location.code, location.name], ["AW-OUTLET", "AW Outlet"]);
    assert.deepEqual([item.sku, item.unitCost], ["DC-8732", 0.25]);
  });

  it("still imports a product archived after it was ordered", async () => {
    const ctx = fakeOdooContext(erp.url);
    const cursor = (await collect(odooAdapter.pull!(ctx, null))).at(-1)!.cursor;
    erp.state.touchOdoo("product.product", 111, { active: false });
    const second = await collect(odooAdapter.pull!(ctx, cursor));
    assert.deepEqual(second.map((p) => p.label), ["product.product page 1"]);
    assert.deepEqual(odooAdapter.transform(second[0], ctx.config).records.map((r) => (r.data as { sku: string }).sku), ["DC-9824"]);
    erp.state.touchOdoo("product.product", 111, { active: true });
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
    assert.deepEqual(secondRun.map((p) => p.label), ["stock.quant page 1 (1 products)", "purchase.order.line page 1"]);
    assert.deepEqual(rowsOf(secondRun[1]).map((r) => r.id), [15]);
    assert.deepEqual(rowsOf(secondRun[0]).map((r) => r.id).sort((a, b) => a - b), [41, 42, 43]);
    const finalCursor = secondRun.at(-1)!.cursor as Record<string, { writeDate: string; id: number }>;
    assert.deepEqual(finalCursor["purchase.order.line"], { writeDate: newDate, id: 15 });
    assert.deepEqual(finalCursor["purchase.order"], (cursor as typeof finalCursor)["purchase.order"], "untouched models keep their position");

    const balance = odooAdapter.transform(secondRun[0], ctx.config).records.map((r) => r.data as Record<string, unknown>);
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
      await assert.rejects(pages.next(), (err: unknown) => err instanceof SourceAuthError && /Access Denied/.test(err.message) && /res\.partner\.search_read/.test(err.message));
    } finally {
      erp.state.credentials.odoo.apiKey = key;
    }
  });
});
