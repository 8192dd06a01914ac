/**
 * Integration: a pull sync from the fake ERP server (real HTTP, real Odoo JSON-RPC / Frappe REST payload shapes) into
 * an empty database through the real ingestion core — master data first, so nothing is quarantined as "unknown SKU /
 * unknown supplier" — then incremental runs, injected 503s, and a rejected API key.
 */
process.env.AUTH_SECRET ??= "test-secret-for-erp-sync-0123456789abcdef";

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { startFakeErpServer, type FakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { fakeErpnextContext, fakeOdooContext } from "@/lib/adapters/testing/adapter-contexts";
import type { AdapterContext } from "@/lib/adapters/types";
import { encryptSecrets } from "./secrets";
import { createRun } from "./sync-runs";
import { runPullSync } from "./run-sync";

let erp: FakeErpServer;
let db: PrismaClient;

before(async () => (erp = await startFakeErpServer()));
after(async () => erp.close());

/** Each system gets its own empty database: both fixtures use the same SKUs and location codes. */
function withEmptyDatabase() {
  let tdb: TestDatabase;
  before(async () => {
    tdb = await createTestDatabase("empty");
    db = createPrismaClient(tdb.url);
  });
  after(async () => {
    await db.$disconnect();
    await tdb.drop();
  });
}

async function createSource(code: string, kind: "odoo" | "erpnext", ctx: AdapterContext<unknown>) {
  return db.dataSource.create({ data: { code, name: code, kind, config: ctx.config as object, secretCiphertext: encryptSecrets(ctx.secrets) } });
}

/** One manual sync run to its end; a failed run is returned, not thrown, so the test can inspect it. */
async function sync(sourceId: string) {
  const run = await createRun(db, sourceId, "manual", null);
  let thrown: unknown = null;
  await runPullSync(db, run.id, { fetch }).catch((e: unknown) => (thrown = e));
  const finished = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
  const payloads = await db.rawPayload.findMany({ where: { runId: run.id }, orderBy: { receivedAt: "asc" }, select: { fileName: true } });
  return { ...finished, pages: (finished.details as { pages?: number }).pages, labels: payloads.map((p) => p.fileName ?? ""), thrown };
}

const sourceOf = (id: string) => db.dataSource.findUniqueOrThrow({ where: { id } });
const num = (v: unknown) => Number(v);
const m2o = (v: unknown) => v as [number, string];
const skuOf = (product: unknown) => /^\[([^\]]+)\]/.exec(m2o(product)[1])![1];

async function balances(sourceSystem: string) {
  const rows = await db.inventoryBalance.findMany({ where: { sourceSystem }, include: { item: true, location: true } });
  return new Map(rows.map((b) => [`${b.item.sku}@${b.location.code}`, b]));
}

async function poLines(prefix: string) {
  const rows = await db.purchaseOrderLine.findMany({ where: { purchaseOrder: { number: { startsWith: prefix } } }, include: { purchaseOrder: true, item: true } });
  return new Map(rows.map((l) => [`${l.purchaseOrder.number}/${l.lineNo}`, l]));
}

describe("Odoo pull sync into an empty database", () => {
  withEmptyDatabase();
  let sourceId: string;
  const odooLocation = (name: string) => (name.startsWith("AW1/Stock") ? "AW-BOTHELL" : name.startsWith("AW2/Stock") ? "AW-SEATTLE" : null);

  it("first run: master data, stock and purchase orders land; only the fixture's bad 'Pallets' line is quarantined", async () => {
    const ctx = fakeOdooContext(erp.url);
    sourceId = (await createSource("ODOO-AW", "odoo", ctx)).id;
    const run = await sync(sourceId);
    assert.equal(run.thrown, null);
    assert.equal(run.status, "PARTIAL", run.error ?? "");
    const quarantined = await db.quarantinedRecord.findMany({ where: { runId: run.id } });
    assert.deepEqual(quarantined.map((q) => [q.entity, q.position, q.field]), [["purchaseOrderLine", "purchase.order.line id 19", "product_uom_id"]]);
    assert.match(quarantined[0].message, /Pallets/);
    assert.equal(run.quarantined, 1);
    assert.equal(run.pages, run.labels.length);
    assert.deepEqual(run.labels.slice(0, 3).map((l) => l.split(" ")[0]), ["stock.warehouse", "res.partner", "res.partner"], "master data first");

    // Items: every product, with cost, list price and the first vendor line's lead time and vendor.
    const items = await db.item.findMany({ where: { sourceSystem: "ODOO-AW" }, include: { primarySupplier: true } });
    const products = erp.state.odooRows("product.product");
    assert.equal(items.length, products.length);
    for (const p of products) {
      const item = items.find((i) => i.sku === p.default_code)!;
      assert.ok(item, String(p.default_code));
      assert.deepEqual([item.name, item.uom, num(item.unitCost), num(item.unitPrice)], [p.name, "EA", p.standard_price, p.lst_price]);
    }
    const ba = items.find((i) => i.sku === "BA-8327")!;
    assert.deepEqual([ba.leadTimeDays, ba.primarySupplier?.code], [19, "Wood Fitness"]);
    assert.deepEqual([items.find((i) => i.sku === "CR-7833")!.leadTimeDays, items.find((i) => i.sku === "CR-7833")!.primarySupplierId], [null, null]);

    // Suppliers: every vendor (not the customer), named as PO headers name them.
    const suppliers = await db.supplier.findMany({ where: { sourceSystem: "ODOO-AW" } });
    const vendors = erp.state.odooRows("res.partner").filter((p) => (p.supplier_rank as number) > 0);
    assert.deepEqual(suppliers.map((s) => s.code).sort(), vendors.map((v) => String(v.display_name)).sort());
    assert.equal(suppliers.find((s) => s.code === "Litware, Inc.")!.leadTimeDays, 17);

    const locations = await db.location.findMany({ where: { sourceSystem: "ODOO-AW" }, orderBy: { code: "asc" } });
    assert.deepEqual(locations.map((l) => [l.code, l.name, l.kind]), [["AW-BOTHELL", "AW Bothell", "DC"], ["AW-SEATTLE", "AW Seattle", "DC"]]);

    // Balances: Σ quants per product × mapped location, straight from the fixture.
    const expected = new Map<string, { onHand: number; allocated: number }>();
    for (const q of erp.state.odooRows("stock.quant")) {
      const code = odooLocation(m2o(q.location_id)[1]);
      if (!code) continue;
      const key = `${skuOf(q.product_id)}@${code}`;
      const e = expected.get(key) ?? { onHand: 0, allocated: 0 };
      expected.set(key, { onHand: e.onHand + (q.quantity as number), allocated: e.allocated + (q.reserved_quantity as number) });
    }
    const stored = await balances("ODOO-AW");
    assert.deepEqual(
      [...stored].map(([k, b]) => [k, b.onHand, b.allocated]).sort(),
      [...expected].map(([k, e]) => [k, e.onHand, e.allocated]).sort(),
    );
    // Deliveries (stock.move) land on balances that exist by then.
    assert.equal(stored.get("AR-5381@AW-BOTHELL")!.lastIssueAt?.toISOString(), "2025-03-02T14:00:00.000Z");

    // PO lines: every confirmed line except the Pallets one, in stock units.
    const factors: Record<string, number> = { Units: 1, Dozens: 12 };
    const confirmed = erp.state.odooRows("purchase.order.line").filter((l) => ["purchase", "done", "cancel"].includes(String(l.state)) && l.id !== 19);
    const lines = await poLines("P0");
    assert.equal(lines.size, confirmed.length);
    for (const l of confirmed) {
      const line = lines.get(`${m2o(l.order_id)[1]}/${l.id}`);
      assert.ok(line, `line ${l.id}`);
      assert.deepEqual([line.item.sku, line.qtyOrdered], [skuOf(l.product_id), (l.product_qty as number) * factors[m2o(l.product_uom_id)[1]]]);
    }
    const header = await db.purchaseOrder.findUniqueOrThrow({ where: { number: "P00002" }, include: { supplier: true, location: true } });
    assert.deepEqual([header.supplier.code, header.location.code, header.status], ["Proseware, Inc.", "AW-BOTHELL", "OPEN"]);

    const source = await sourceOf(sourceId);
    assert.ok(source.lastSuccessAt, "a PARTIAL run still counts as a working feed");
    assert.equal(source.lastError, null);
    const cursor = source.cursor as Record<string, unknown>;
    for (const model of ["stock.warehouse", "res.partner", "product.product", "product.supplierinfo", "stock.quant", "purchase.order", "purchase.order.line", "stock.move"]) assert.ok(cursor[model], model);
    assert.deepEqual(run.cursorAfter, source.cursor);
  });

  it("second run: pulls and applies only the PO line a user changed", async () => {
    const before = erp.state.requestLog.length;
    const writeDate = erp.state.touchOdoo("purchase.order.line", 15, { product_qty: 45 });
    const run = await sync(sourceId);
    assert.equal(run.status, "SUCCEEDED", run.error ?? "");
    assert.deepEqual(run.labels, ["purchase.order.line page 1"]);
    assert.deepEqual([run.pages, run.read, run.accepted, run.quarantined], [1, 1, 1, 0]);
    assert.equal((await poLines("P00003")).get("P00003/15")!.qtyOrdered, 45);
    // One keyset query per model, nothing re-read: the vendor-line and quant follow-up reads only run on changes.
    const searches = erp.state.requestLog.slice(before).filter((r) => r.detail !== "common.authenticate").map((r) => r.detail.replace(".search_read", ""));
    assert.deepEqual(searches, ["stock.warehouse", "res.partner", "product.product", "product.supplierinfo", "stock.quant", "purchase.order", "purchase.order.line", "stock.move"]);
    const cursor = (await sourceOf(sourceId)).cursor as Record<string, unknown>;
    assert.deepEqual(cursor["purchase.order.line"], { writeDate, id: 15 });
  });

  it("third run: injected 503s are retried and the change still lands", async () => {
    erp.state.touchOdoo("stock.quant", 53, { quantity: 100 });
    const before = erp.state.requestLog.length;
    erp.state.failNext(2, 503);
    const run = await sync(sourceId);
    assert.equal(run.status, "SUCCEEDED", run.error ?? "");
    assert.deepEqual(erp.state.requestLog.slice(before, before + 3).map((r) => r.status), [503, 503, 200]);
    assert.deepEqual(run.labels, ["stock.quant page 1 (1 products)"]);
    assert.equal((await balances("ODOO-AW")).get("CA-6738@AW-BOTHELL")!.onHand, 100 + 132);
  });

  it("a rejected API key fails the run with a clear error, keeps the cursor and data, and the next run catches up", async () => {
    const sourceBefore = await sourceOf(sourceId);
    const itemsBefore = await db.item.count();
    const linesBefore = await db.purchaseOrderLine.count();
    erp.state.touchOdoo("purchase.order.line", 16, { product_qty: 77 });
    const key = erp.state.credentials.odoo.apiKey;
    erp.state.credentials.odoo.apiKey = "revoked-by-admin";
    try {
      const failed = await sync(sourceId);
      assert.equal(failed.status, "FAILED");
      assert.match(failed.error ?? "", /common\.authenticate.*refused: check the login and API key/);
      assert.doesNotMatch(failed.error ?? "", /odoo-fake-api-key/);
      assert.ok(failed.thrown instanceof Error);
      const source = await sourceOf(sourceId);
      assert.equal(source.lastError, failed.error);
      assert.deepEqual(source.cursor, sourceBefore.cursor, "the cursor does not move");
      assert.deepEqual(source.lastSuccessAt, sourceBefore.lastSuccessAt);
      assert.deepEqual([await db.item.count(), await db.purchaseOrderLine.count()], [itemsBefore, linesBefore]);
    } finally {
      erp.state.credentials.odoo.apiKey = key;
    }
    const recovered = await sync(sourceId);
    assert.equal(recovered.status, "SUCCEEDED", recovered.error ?? "");
    assert.deepEqual(recovered.labels, ["purchase.order.line page 1"]);
    assert.equal((await poLines("P00003")).get("P00003/16")!.qtyOrdered, 77);
    assert.equal((await sourceOf(sourceId)).lastError, null);
  });
});

describe("ERPNext pull sync into an empty database", () => {
  withEmptyDatabase();
  it("imports master data, bins and orders; then only a changed Bin; then through injected 503s", async () => {
    const ctx = fakeErpnextContext(erp.url);
    const sourceId = (await createSource("ERPNEXT-AW", "erpnext", ctx)).id;
    const first = await sync(sourceId);
    assert.equal(first.status, "SUCCEEDED", first.error ?? "");
    assert.equal(await db.quarantinedRecord.count({ where: { sourceId } }), 0);
    assert.deepEqual(first.labels.slice(0, 1), ["Warehouse page 1"]);

    const docs = (doctype: string) => erp.state.erpDocs(doctype);
    const items = await db.item.findMany({ where: { sourceSystem: "ERPNEXT-AW" } });
    assert.deepEqual(items.map((i) => i.sku).sort(), docs("Item").map((d) => d.name).sort());
    const ar = items.find((i) => i.sku === "AR-5381")!;
    assert.deepEqual([ar.name, num(ar.unitCost), num(ar.unitPrice), ar.leadTimeDays], ["Adjustable Race", 47.87, 76.59, 17]);
    const suppliers = await db.supplier.findMany({ where: { sourceSystem: "ERPNEXT-AW" } });
    assert.deepEqual(suppliers.map((s) => s.code).sort(), docs("Supplier").map((d) => d.name).sort());
    const locations = await db.location.findMany({ where: { sourceSystem: "ERPNEXT-AW" }, orderBy: { code: "asc" } });
    assert.deepEqual(locations.map((l) => [l.code, l.name]), [["AW-BOTHELL", "Stores - AW"], ["AW-SEATTLE", "Finished Goods - AW"]]);

    const map = ctx.config.warehouseMap;
    const stored = await balances("ERPNEXT-AW");
    assert.deepEqual(
      [...stored].map(([k, b]) => [k, b.onHand, b.allocated]).sort(),
      docs("Bin").map((b) => [`${b.item_code}@${map[String(b.warehouse)]}`, b.actual_qty, (b.reserved_qty as number) + (b.reserved_qty_for_production as number)]).sort(),
    );
    // Ledger issues land on the balances the Bins created earlier in the same run.
    assert.equal(stored.get("AR-5381@AW-BOTHELL")!.lastIssueAt?.toISOString(), "2025-03-03T10:05:00.000Z");
    const submitted = docs("Purchase Order").filter((d) => d.docstatus !== 0);
    const lines = await poLines("PUR-ORD-");
    assert.equal(lines.size, submitted.flatMap((d) => d.items as unknown[]).length);
    for (const po of submitted) {
      for (const item of po.items as Array<Record<string, unknown>>) {
        assert.equal(lines.get(`${po.name}/${String(item.idx)}`)?.qtyOrdered, item.stock_qty, `${po.name} item ${String(item.idx)}`);
      }
    }
    const source = await sourceOf(sourceId);
    assert.ok(source.lastSuccessAt && source.cursor);

    const bin = docs("Bin")[5];
    erp.state.touchErpnext("Bin", bin.name, { actual_qty: 999 });
    const second = await sync(sourceId);
    assert.equal(second.status, "SUCCEEDED", second.error ?? "");
    assert.deepEqual(second.labels, ["Bin page 1"]);
    assert.equal(second.accepted, 1);
    assert.equal((await balances("ERPNEXT-AW")).get(`${String(bin.item_code)}@${map[String(bin.warehouse)]}`)!.onHand, 999);

    erp.state.touchErpnext("Item", "CN-6137", { lead_time_days: 30 });
    erp.state.failNext(2, 503);
    const third = await sync(sourceId);
    assert.equal(third.status, "SUCCEEDED", third.error ?? "");
    assert.deepEqual(third.labels, ["Item page 1"]);
    assert.equal((await db.item.findUniqueOrThrow({ where: { sku: "CN-6137" } })).leadTimeDays, 30);
  });
});
