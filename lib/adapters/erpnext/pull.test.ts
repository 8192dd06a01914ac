import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PulledPage } from "@/lib/adapters/types";
import { startFakeErpServer, type FakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { fakeErpnextContext } from "@/lib/adapters/testing/adapter-contexts";
import { SourceAuthError } from "@/lib/adapters/http/errors";
import { validateRecord } from "@/lib/domain/canonical/records";
import { erpnextAdapter } from "./index";
import { MASTER_DOCTYPES } from "./doctypes";

async function collect(pages: AsyncIterable<PulledPage>): Promise<PulledPage[]> {
  const out: PulledPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}
const listRows = (p: PulledPage) => (JSON.parse(p.body) as { data: Array<{ name: string; modified: string }> }).data;
const binPages = (pages: PulledPage[]) => pages.filter((p) => p.label.startsWith("Bin page"));

describe("ERPNext pull against the fake server", () => {
  let erp: FakeErpServer;
  before(async () => (erp = await startFakeErpServer()));
  after(async () => erp.close());

  it("pages Bins across 3+ pages with a tie on the page boundary, reads each submitted PO whole, and walks the ledger", async () => {
    const ctx = fakeErpnextContext(erp.url, { pageSize: 5 });
    const pages = await collect(erpnextAdapter.pull!(ctx, null));
    const bins = binPages(pages);
    assert.ok(bins.length >= 3);
    const names = bins.flatMap(listRows).map((r) => r.name);
    assert.deepEqual(new Set(names), new Set(erp.state.erpDocs("Bin").map((b) => b.name)));
    // Bins 5 and 6 share `modified` and straddle the first page boundary: both arrive, once each.
    assert.equal(names.length, erp.state.erpDocs("Bin").length);

    const orders = pages.filter((p) => p.label.startsWith("Purchase Order "));
    assert.deepEqual(orders.map((p) => p.label), erp.state.erpDocs("Purchase Order").filter((d) => d.docstatus !== 0).map((d) => `Purchase Order ${d.name}`));
    assert.ok(orders.every((p) => Array.isArray((JSON.parse(p.body) as { data: { items: unknown[] } }).data.items)), "documents carry their items");
    const ledger = pages.filter((p) => p.label.startsWith("Stock Ledger Entry"));
    assert.equal(ledger.flatMap(listRows).length, erp.state.erpDocs("Stock Ledger Entry").length);

    const last = bins.at(-1)!;
    const tail = listRows(last).at(-1)!;
    assert.deepEqual((last.cursor as Record<string, unknown>).Bin, { modified: tail.modified, name: tail.name });
    const issues = pages.flatMap((p) => erpnextAdapter.transform(p, ctx.config).issues);
    assert.deepEqual(issues, []);
  });

  it("pulls master data first, and every record of the fixture passes the canonical schema and resolves", async () => {
    const ctx = fakeErpnextContext(erp.url);
    const pages = await collect(erpnextAdapter.pull!(ctx, null));
    const doctypeOf = (p: PulledPage) => p.label.replace(/ (page \d+|PUR-ORD-.*)$/, "");
    const isMaster = (p: PulledPage) => (MASTER_DOCTYPES as readonly string[]).includes(doctypeOf(p));
    const firstTransaction = pages.findIndex((p) => !isMaster(p));
    assert.deepEqual([...new Set(pages.slice(0, firstTransaction).map(doctypeOf))], ["Warehouse", "Supplier", "Item"]);
    assert.ok(pages.slice(firstTransaction).every((p) => !isMaster(p)), "no master data page after a transaction page");
    assert.deepEqual([...new Set(pages.slice(firstTransaction).map(doctypeOf))], ["Purchase Order", "Bin", "Stock Ledger Entry"]);

    const results = pages.map((p) => erpnextAdapter.transform(p, ctx.config));
    assert.deepEqual(results.flatMap((r) => r.issues), []);
    const records = results.flatMap((r) => r.records);
    for (const r of records) assert.equal(validateRecord(r).ok, true, JSON.stringify(r));
    const keys = (entity: string, key: string) => new Set(records.filter((r) => r.entity === entity).map((r) => (r.data as Record<string, string>)[key]));
    assert.deepEqual(keys("location", "code"), new Set(["AW-BOTHELL", "AW-SEATTLE"]));
    for (const r of records) {
      const d = r.data as Record<string, unknown>;
      const lines = (d.lines as Array<{ sku: string }> | undefined) ?? [];
      for (const sku of [d.sku, ...lines.map((l) => l.sku)].filter(Boolean)) assert.ok(keys("item", "sku").has(sku as string), `${r.origin.position}: ${String(sku)}`);
      if (d.locationCode) assert.ok(keys("location", "code").has(d.locationCode as string), r.origin.position);
      if (d.supplierCode) assert.ok(keys("supplier", "code").has(d.supplierCode as string), r.origin.position);
    }
  });

  it("pulls an edited item and supplier on their own modified", async () => {
    const ctx = fakeErpnextContext(erp.url);
    const cursor = (await collect(erpnextAdapter.pull!(ctx, null))).at(-1)!.cursor;
    erp.state.touchErpnext("Item", "CN-6137", { lead_time_days: 30 });
    erp.state.touchErpnext("Supplier", "Wood Fitness", { supplier_name: "Wood Fitness Ltd." });
    const second = await collect(erpnextAdapter.pull!(ctx, cursor));
    assert.deepEqual(second.map((p) => p.label), ["Supplier page 1", "Item page 1"]);
    const [supplier, item] = second.map((p) => erpnextAdapter.transform(p, ctx.config).records.map((r) => r.data as Record<string, unknown>));
    assert.deepEqual(supplier, [{ code: "Wood Fitness", name: "Wood Fitness Ltd." }]);
    assert.deepEqual(item.map((d) => [d.sku, d.leadTimeDays]), [["CN-6137", 30]]);
  });

  it("pulls only changed documents on the second run, and nothing on the third", async () => {
    const ctx = fakeErpnextContext(erp.url);
    const cursor = (await collect(erpnextAdapter.pull!(ctx, null))).at(-1)!.cursor;
    const bin = erp.state.erpDocs("Bin")[3];
    const modified = erp.state.touchErpnext("Bin", bin.name, { actual_qty: 1000 });
    erp.state.touchErpnext("Purchase Order", "PUR-ORD-2025-00003", { status: "Closed" });
    const second = await collect(erpnextAdapter.pull!(ctx, cursor));
    assert.deepEqual(second.map((p) => p.label), ["Purchase Order PUR-ORD-2025-00003", "Bin page 1"]);
    assert.deepEqual(listRows(second[1]).map((r) => r.name), [bin.name]);
    assert.deepEqual((second[1].cursor as Record<string, unknown>).Bin, { modified, name: bin.name });
    const po = erpnextAdapter.transform(second[0], ctx.config).records[0].data as { status: string };
    assert.equal(po.status, "CLOSED");
    assert.deepEqual(await collect(erpnextAdapter.pull!(ctx, second.at(-1)!.cursor)), []);
  });

  it("resumes from a cursor in the middle of a run of equal modified timestamps", async () => {
    const ctx = fakeErpnextContext(erp.url);
    const [a, b] = erp.state.erpDocs("Bin").filter((x) => x.modified === "2025-03-01 10:28:00.000000").sort((x, y) => (x.name < y.name ? -1 : 1));
    const pages = await collect(erpnextAdapter.pull!(ctx, { Bin: { modified: a.modified, name: a.name }, "Purchase Order": { modified: "2099-01-01 00:00:00", name: "x" }, "Stock Ledger Entry": { modified: "2099-01-01 00:00:00", name: "x" } }));
    const fresh = pages.flatMap(listRows);
    assert.ok(fresh.some((r) => r.name === b.name), "the other row with the same timestamp is delivered");
    assert.ok(!fresh.some((r) => r.name === a.name), "the cursor row is not delivered again");
  });

  it("retries injected 503 and 429 answers", async () => {
    const ctx = fakeErpnextContext(erp.url);
    const clean = await collect(erpnextAdapter.pull!(ctx, null));
    erp.state.failNext(2, 503);
    erp.state.failNext(1, 429);
    const retried = await collect(erpnextAdapter.pull!(ctx, null));
    assert.deepEqual(retried.map((p) => p.body), clean.map((p) => p.body));
  });

  it("fails with SourceAuthError on 401 after one request, naming the path but not the secret", async () => {
    const ctx = { ...fakeErpnextContext(erp.url), secrets: { apiKey: "erp-fake-key", apiSecret: "leaked-secret-42" } };
    const before = erp.state.requestLog.length;
    await assert.rejects(collect(erpnextAdapter.pull!(ctx, null)), (err: unknown) => {
      assert.ok(err instanceof SourceAuthError);
      assert.equal(err.status, 401);
      assert.match(err.message, /GET \/api\/resource\/Warehouse answered HTTP 401: Invalid Authentication Token/);
      assert.doesNotMatch(err.message, /leaked-secret-42/);
      return true;
    });
    assert.equal(erp.state.requestLog.length - before, 1);
  });

  it("EXPEDITE puts the item's expected_delivery_date back with the whole items table", async () => {
    const ctx = fakeErpnextContext(erp.url);
    const itemsBefore = structuredClone(erp.state.erpDoc("Purchase Order", "PUR-ORD-2025-00006")!.items) as Array<Record<string, unknown>>;
    const result = await erpnextAdapter.writeBack!(ctx, { idempotencyKey: "act-9", type: "EXPEDITE", payload: { poNumber: "PUR-ORD-2025-00006", lineNo: 2, newPromisedDate: "2025-03-01T00:00:00Z" } });
    assert.equal(result.externalRef, "Purchase Order/PUR-ORD-2025-00006");
    const write = erp.state.writeLog.at(-1)!;
    assert.deepEqual([write.system, write.target, write.method, write.ids], ["erpnext", "Purchase Order", "PUT", ["PUR-ORD-2025-00006"]]);
    const itemsAfter = erp.state.erpDoc("Purchase Order", "PUR-ORD-2025-00006")!.items as Array<Record<string, unknown>>;
    assert.equal(itemsAfter.length, itemsBefore.length, "no item was dropped");
    assert.deepEqual(itemsAfter.map((i) => i.expected_delivery_date), itemsBefore.map((i, n) => (n === 1 ? "2025-03-01" : i.expected_delivery_date)));

    await assert.rejects(
      erpnextAdapter.writeBack!(ctx, { idempotencyKey: "act-10", type: "EXPEDITE", payload: { poNumber: "PUR-ORD-2025-00007", lineNo: 1, newPromisedDate: "2025-03-01" } }),
      /is cancelled/,
    );
  });
});
