import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fixture from "@/lib/adapters/testing/fixtures/odoo.json";
import { validateRecord, type CanonicalRecord } from "@/lib/domain/canonical/records";
import { odooConfigSchema } from "./config";
import { MODEL_FIELDS, type PulledModel } from "./models";
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

/** A search_read answer as Odoo sends it, with the adapter's fields, for the given fixture rows. */
function page(model: PulledModel, rows: Row[], label = `${model} page 1`) {
  const result = rows.map((r) => Object.fromEntries([["id", r.id], ...MODEL_FIELDS[model].map((f) => [f, r[f] ?? false])]));
  return { kind: "api-page" as const, contentType: "application/json", label, body: JSON.stringify({ jsonrpc: "2.0", id: 3, result }) };
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
    const unknown = transformOdooPage({ ...base, label: "res.partner page 1", body: '{"result":[]}' }, config);
    assert.match(bad.issues[0].message, /not JSON/);
    assert.match(err.issues[0].message, /Access Denied/);
    assert.match(unknown.issues[0].message, /res.partner/);
  });
});
