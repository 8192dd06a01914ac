import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fixture from "@/lib/adapters/testing/fixtures/odoo.json";
import { validateRecord, type CanonicalRecord } from "@/lib/domain/canonical/records";
import { odooConfigSchema } from "./config";
import { bundleAnswers } from "./answers";
import { MODEL_FIELDS, SUPPLIERINFO, SUPPLIERINFO_FIELDS, type PulledModel } from "./models";
import { transformOdooPage } from "./transform";

const config = odooConfigSchema.parse({
  baseUrl: "http://odoo.test",
  database: "aw-demo",
  login: "integration",
  locationMap: { "AW1/Stock": "AW-BOTHELL", "AW2/Stock": "AW-SEATTLE" },
  pickingTypeMap: { "1": "AW-BOTHELL", "AW2: Receipts": "AW-SEATTLE" },
  uomFactors: { Units: 1, Dozens: 12 },
  supplierMap: { "Litware, Inc.": "V-LITWARE" },
});

type Row = Record<string, unknown> & { id: number };
const models = fixture.models as unknown as Record<string, Row[]>;

/** A search_read answer as Odoo sends it, with the given fields, for the given fixture rows. */
const answer = (rows: Row[], fields: string[]) =>
  JSON.stringify({ jsonrpc: "2.0", id: 3, result: rows.map((r) => Object.fromEntries([["id", r.id], ...fields.map((f) => [f, r[f] ?? false])])) });

function page(model: PulledModel, rows: Row[], label = `${model} page 1`) {
  return { kind: "api-page" as const, contentType: "application/json", label, body: answer(rows, MODEL_FIELDS[model]) };
}

/** A partner or product page as pull bundles it: the rows' answer plus the vendor lines' answer. */
function bundlePage(model: "res.partner" | "product.product", rows: Row[], lines: Row[]) {
  const body = bundleAnswers({ [model]: answer(rows, MODEL_FIELDS[model]), [SUPPLIERINFO]: answer(lines, SUPPLIERINFO_FIELDS) });
  return { kind: "api-page" as const, contentType: "application/json", label: `${model} page 1`, body };
}

const byId = (model: string, ...ids: number[]) => models[model].filter((r) => ids.includes(r.id));
const internalQuants = models["stock.quant"].filter((q) => !(q.location_id as [number, string])[1].startsWith("Partners"));
const data = (r: CanonicalRecord) => r.data as Record<string, unknown>;

describe("Odoo stock.quant pages", () => {
  const result = transformOdooPage(page("stock.quant", internalQuants), config);
  const balance = (sku: string, loc: string, lot: string | null = null) =>
    result.records.map(data).find((d) => d.sku === sku && d.locationCode === loc && d.lot === lot);

  it("sums quantity and reserved quantity over child locations per product × mapped location", () => {
    assert.deepEqual(result.issues, []);
    const ar = balance("AR-5381", "AW-BOTHELL");
    assert.equal(ar?.onHand, 408 + 324 + 353);
    const reserved = byId("stock.quant", 41, 42, 43).reduce((s, q) => s + (q.reserved_quantity as number), 0);
    assert.equal(ar?.allocated, reserved);
    // asOf = the newest write_date of the summed quants (42: 2025-03-02 21:00:00 UTC).
    assert.equal(ar?.asOf, "2025-03-02T21:00:00.000Z");
    assert.equal(balance("AR-5381", "AW-SEATTLE"), undefined);
  });

  it("emits lot-level rows next to the item-location row for lot-tracked quants", () => {
    const lots = result.records.map(data).filter((d) => d.sku === "CR-7833" && d.lot !== null);
    assert.deepEqual(lots.map((d) => [d.locationCode, d.lot, d.onHand]).sort(), [
      ["AW-BOTHELL", "LOT-2025-700", 622],
      ["AW-BOTHELL", "LOT-2025-702", 475],
      ["AW-SEATTLE", "LOT-2025-701", 587],
    ]);
    assert.equal(balance("CR-7833", "AW-BOTHELL")?.onHand, 622 + 475);
  });

  it("produces records the canonical schema accepts", () => {
    for (const r of result.records) assert.equal(validateRecord(r).ok, true, JSON.stringify(r));
    assert.ok(result.records.every((r) => r.version === Date.parse(String(data(r).asOf))));
  });

  it("reports unmapped locations, missing references and bad quantities, holding back only the broken balance", () => {
    const quants: Row[] = [
      ...byId("stock.quant", 41, 42, 43),
      { ...byId("stock.quant", 44)[0], quantity: "lots" },
      { ...byId("stock.quant", 45)[0], location_id: [99, "AW3/Stock"] },
      { ...byId("stock.quant", 47)[0], product_id: [123, "Spare Part Without Reference"] },
    ];
    const r = transformOdooPage(page("stock.quant", quants), config);
    assert.deepEqual(
      r.issues.map((i) => [i.position, i.field, i.entity]),
      [
        ["stock.quant id 44", "quantity", "inventoryBalance"],
        ["stock.quant id 45", "location_id", "inventoryBalance"],
        ["stock.quant id 47", "product_id", "inventoryBalance"],
      ],
    );
    assert.match(r.issues[1].message, /"AW3\/Stock" \(id 99\) is not in locationMap/);
    assert.deepEqual([(r.issues[0].raw as Row).id, (r.issues[0].raw as Row).quantity], [44, "lots"]);
    // BA-8327 at AW-BOTHELL lost quant 44, so it is not emitted; AR-5381 is complete.
    assert.deepEqual(r.records.map((x) => `${data(x).sku}@${data(x).locationCode}`), ["AR-5381@AW-BOTHELL"]);
  });
});

describe("Odoo purchase orders", () => {
  it("maps headers: state, vendor, receipt location and approval date", () => {
    const r = transformOdooPage(page("purchase.order", byId("purchase.order", 1, 2, 8, 10)), config);
    assert.deepEqual(r.issues, []);
    const headers = Object.fromEntries(r.records.map((x) => [data(x).number, data(x)]));
    assert.equal(headers.P00001.supplierCode, "V-LITWARE");
    assert.equal(headers.P00001.locationCode, "AW-SEATTLE"); // picking type 2 by display name
    assert.equal(headers.P00002.locationCode, "AW-BOTHELL"); // picking type 1 by id
    assert.equal(headers.P00008.status, "CLOSED");
    assert.equal(headers.P00010.status, "CANCELLED");
    assert.equal(headers.P00002.status, "OPEN");
    assert.equal(headers.P00002.orderedAt, "2025-02-01T10:00:00.000Z"); // date_approve, not date_order
    assert.ok(r.records.every((x) => x.entity === "purchaseOrderHeader" && validateRecord(x).ok));
  });

  it("reports an RFQ and an unknown receipt type", () => {
    const rows = [{ ...byId("purchase.order", 3)[0], state: "draft" }, { ...byId("purchase.order", 4)[0], picking_type_id: [42, "Dropship"] }];
    const r = transformOdooPage(page("purchase.order", rows), config);
    assert.deepEqual(r.records, []);
    assert.deepEqual(r.issues.map((i) => [i.position, i.field]), [["purchase.order id 3", "state"], ["purchase.order id 4", "picking_type_id"]]);
  });

  it("converts line quantities and prices to stock units and applies the discount", () => {
    const r = transformOdooPage(page("purchase.order.line", byId("purchase.order.line", 12, 14, 15)), config);
    assert.deepEqual(r.issues, []);
    const lines = Object.fromEntries(r.records.map((x) => [data(x).lineNo, data(x)]));
    const [l12, l14] = [byId("purchase.order.line", 12)[0], byId("purchase.order.line", 14)[0]];
    assert.equal(lines[14].qtyOrdered, (l14.product_qty as number) * 12);
    assert.equal(lines[14].unitCost, Math.round(((l14.price_unit as number) / 12) * 10_000) / 10_000);
    assert.equal(lines[12].unitCost, Math.round((l12.price_unit as number) * 0.95 * 10_000) / 10_000);
    assert.equal(lines[15].qtyReceived, 15);
    assert.equal(lines[15].poNumber, "P00003");
    assert.equal(lines[15].promisedDate, new Date(`${byId("purchase.order.line", 15)[0].date_planned}Z`.replace(" ", "T")).toISOString());
    assert.ok(r.records.every((x) => x.entity === "purchaseOrderLine" && validateRecord(x).ok));
  });

  it("reports an unknown unit of measure and a missing expected date by line id and field", () => {
    const rows = [...byId("purchase.order.line", 19), { ...byId("purchase.order.line", 17)[0], date_planned: false }, { ...byId("purchase.order.line", 16)[0], product_qty: -3 }];
    const r = transformOdooPage(page("purchase.order.line", rows), config);
    assert.deepEqual(r.records, []);
    assert.deepEqual(r.issues.map((i) => [i.position, i.field]), [
      ["purchase.order.line id 19", "product_uom_id"],
      ["purchase.order.line id 17", "date_planned"],
      ["purchase.order.line id 16", "product_qty"],
    ]);
    assert.match(r.issues[0].message, /unknown unit of measure "Pallets"/);
  });
});

describe("Odoo stock moves", () => {
  const r = transformOdooPage(page("stock.move", models["stock.move"]), config);

  it("turns done receipt moves with a purchase line into receipts", () => {
    assert.deepEqual(r.issues, []);
    const receipts = r.records.filter((x) => x.entity === "receipt").map(data);
    assert.equal(receipts.length, models["stock.move"].filter((m) => m.picking_code === "incoming").length);
    const m501 = receipts.find((x) => String(x.number).endsWith("/501"));
    assert.deepEqual(m501?.lines, [{ poLineNo: 15, sku: "CR-9981", qtyReceived: 15 }]);
    assert.equal(m501?.poNumber, "P00003");
    assert.equal(m501?.locationCode, "AW-BOTHELL");
  });

  it("gives the latest delivery date per product × source location and ignores moves not done", () => {
    const issues = r.records.filter((x) => x.entity === "lastIssue").map(data);
    assert.deepEqual(issues.map((x) => [x.sku, x.locationCode]).sort(), [["AR-5381", "AW-BOTHELL"], ["BE-2908", "AW-BOTHELL"], ["CA-6738", "AW-BOTHELL"], ["CB-2903", "AW-BOTHELL"]]);
    assert.ok(!issues.some((x) => x.sku === "CR-7833"), "move 515 is only assigned");
    const ar = issues.find((x) => x.sku === "AR-5381");
    assert.equal(ar?.issuedAt, "2025-03-02T14:00:00.000Z");
    assert.ok(r.records.every((x) => validateRecord(x).ok));
  });
});

describe("Odoo pages that are not search_read answers", () => {
  it("reports a non-JSON body, an error envelope and an unknown model as page issues", () => {
    const base = { kind: "api-page" as const, contentType: "application/json" };
    const bad = transformOdooPage({ ...base, label: "stock.quant page 1", body: "<html>502</html>" }, config);
    const err = transformOdooPage({ ...base, label: "stock.quant page 1", body: JSON.stringify({ jsonrpc: "2.0", id: 1, error: { data: { message: "Access Denied" } } }) }, config);
    const unknown = transformOdooPage({ ...base, label: "res.users page 1", body: '{"result":[]}' }, config);
    assert.match(bad.issues[0].message, /not JSON/);
    assert.match(err.issues[0].message, /Access Denied/);
    assert.match(unknown.issues[0].message, /res.users/);
  });
});

describe("Odoo master data pages", () => {
  const lines = models[SUPPLIERINFO];
  const vendors = models["res.partner"].filter((p) => (p.supplier_rank as number) > 0);

  it("turns mapped warehouses into DC locations named after the warehouse, and skips unmapped ones", () => {
    const extra = { ...config, locationMap: { ...config.locationMap, "AW1/Stock/Tool Crib": "AW-BOTHELL-TOOLS" } };
    const r = transformOdooPage(page("stock.warehouse", [...models["stock.warehouse"], { id: 3, name: "AW Outlet", code: "AW3", lot_stock_id: [40, "AW3/Stock"], view_location_id: [39, "AW3"], write_date: "2025-03-01 08:00:00" }]), extra);
    assert.deepEqual(r.issues, []);
    assert.deepEqual(r.records.map((x) => [x.entity, data(x).code, data(x).name, data(x).kind, x.externalId]), [
      ["location", "AW-BOTHELL", "AW Bothell", "DC", "stock.warehouse 1"],
      ["location", "AW-BOTHELL-TOOLS", "AW Bothell (AW1/Stock/Tool Crib)", "DC", "stock.warehouse 1"],
      ["location", "AW-SEATTLE", "AW Seattle", "DC", "stock.warehouse 2"],
    ]);
    assert.ok(r.records.every((x) => validateRecord(x).ok && x.version === Date.parse("2025-03-01T08:00:00Z")));
  });

  it("turns vendors into suppliers with the PO header's code and their median vendor lead time", () => {
    const r = transformOdooPage(bundlePage("res.partner", vendors, lines), config);
    assert.deepEqual(r.issues, []);
    const suppliers = Object.fromEntries(r.records.map((x) => [data(x).code, data(x)]));
    // supplierMap renames Litware, as it does on PO headers; the others keep their display name.
    assert.deepEqual(suppliers["V-LITWARE"], { code: "V-LITWARE", name: "Litware, Inc.", leadTimeDays: 17 });
    // Business Equipment Center: delays 12, 14, 12 → median 12.
    assert.equal(suppliers["Business Equipment Center"].leadTimeDays, 12);
    // American Bicycles and Wheels: 20, 21, 20 → 20.
    assert.equal(suppliers["American Bicycles and Wheels"].leadTimeDays, 20);
    const headers = transformOdooPage(page("purchase.order", models["purchase.order"].filter((o) => o.state !== "draft")), config).records.map((x) => data(x).supplierCode);
    assert.ok(headers.every((code) => code as string in suppliers), "every PO header names a supplier the partner page created");
    assert.ok(r.records.every((x) => x.entity === "supplier" && validateRecord(x).ok));
  });

  it("sends no lead time for a vendor without pricelist lines (the stored one is kept), and reports a vendor without a name", () => {
    const r = transformOdooPage(bundlePage("res.partner", [byId("res.partner", 300)[0], { ...byId("res.partner", 301)[0], name: false }], []), config);
    assert.deepEqual(r.issues.map((i) => [i.entity, i.position, i.field]), [["supplier", "res.partner id 301", "name"]]);
    const parsed = validateRecord(r.records[0]);
    assert.ok(parsed.ok && (parsed.data as { leadTimeDays?: number }).leadTimeDays === undefined);
  });

  it("turns products into items: SKU, stock unit, cost, list price, and the first vendor line in Odoo's order", () => {
    const r = transformOdooPage(bundlePage("product.product", models["product.product"], lines), config);
    assert.deepEqual(r.issues, []);
    const items = Object.fromEntries(r.records.map((x) => [data(x).sku, data(x)]));
    assert.deepEqual(items["AR-5381"], { sku: "AR-5381", name: "Adjustable Race", uom: "EA", unitCost: 47.87, unitPrice: 76.59, leadTimeDays: 17, primarySupplierCode: "V-LITWARE" });
    // Two lines with sequence 1: the one with the larger min_qty (Wood Fitness, 100) comes first.
    assert.deepEqual([items["BA-8327"].primarySupplierCode, items["BA-8327"].leadTimeDays], ["Wood Fitness", 19]);
    assert.deepEqual([items["CR-7833"].primarySupplierCode, items["CR-7833"].leadTimeDays], [null, null], "no vendor line");
    assert.equal(r.records.length, models["product.product"].length);
    assert.ok(r.records.every((x) => x.entity === "item" && validateRecord(x).ok));
  });

  it("ignores vendor lines pinned to another variant and versions an item by its newest line", () => {
    const product = byId("product.product", 109)[0];
    const pinned = { ...byId(SUPPLIERINFO, 914)[0], id: 990, sequence: 0, delay: 3, product_id: [150, "[CR-9981-B] Crown Race (B)"], write_date: "2025-03-05 10:00:00" };
    const edited = { ...byId(SUPPLIERINFO, 915)[0], write_date: "2025-03-04 09:00:00" };
    const r = transformOdooPage(bundlePage("product.product", [product], [pinned, ...byId(SUPPLIERINFO, 914, 916), edited]), config);
    assert.deepEqual([data(r.records[0]).primarySupplierCode, data(r.records[0]).leadTimeDays], ["Business Equipment Center", 12]);
    assert.equal(r.records[0].version, Date.parse("2025-03-04T09:00:00Z"), "the pinned line is not this variant's");
  });

  it("reports products without a reference, in a non-stock unit, or with a bad cost by id and field", () => {
    const rows = [
      { ...byId("product.product", 100)[0], default_code: false },
      { ...byId("product.product", 101)[0], uom_id: [3, "Dozens"] },
      { ...byId("product.product", 102)[0], uom_id: [9, "Pallets"] },
      { ...byId("product.product", 103)[0], standard_price: -1 },
      byId("product.product", 104)[0],
    ];
    const r = transformOdooPage(bundlePage("product.product", rows, lines), config);
    assert.deepEqual(r.issues.map((i) => [i.entity, i.position, i.field]), [
      ["item", "product.product id 100", "default_code"],
      ["item", "product.product id 101", "uom_id"],
      ["item", "product.product id 102", "uom_id"],
      ["item", "product.product id 103", "standard_price"],
    ]);
    assert.match(r.issues[1].message, /"Dozens", which uomFactors counts as 12 stock units/);
    assert.match(r.issues[2].message, /unknown unit of measure "Pallets"/);
    assert.deepEqual(r.records.map((x) => data(x).sku), ["CA-6738"]);
  });

  it("reports a partner or product page that is not a bundle of answers", () => {
    const plain = transformOdooPage(page("product.product", models["product.product"]), config);
    assert.deepEqual(plain.records, []);
    assert.match(plain.issues[0].message, /no product.product answer|not a bundle/);
  });
});
