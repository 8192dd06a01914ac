import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fixture from "@/lib/adapters/testing/fixtures/erpnext.json";
import { validateRecord, type CanonicalRecord } from "@/lib/domain/canonical/records";
import { erpnextConfigSchema } from "./config";
import { LIST_FIELDS } from "./doctypes";
import { transformErpnextPage } from "./transform";

const config = erpnextConfigSchema.parse({
  baseUrl: "http://erp.test",
  warehouseMap: { "Stores - AW": "AW-BOTHELL", "Finished Goods - AW": "AW-SEATTLE" },
  supplierMap: { "Proseware, Inc.": "V-PROSEWARE" },
});
type Doc = Record<string, unknown> & { name: string };
const docs = fixture.doctypes as unknown as Record<string, Doc[]>;
const listPage = (doctype: "Bin" | "Stock Ledger Entry" | "Warehouse" | "Supplier" | "Item", rows: Doc[]) => ({
  kind: "api-page" as const,
  contentType: "application/json",
  label: `${doctype} page 1`,
  body: JSON.stringify({ data: rows.map((r) => Object.fromEntries(LIST_FIELDS[doctype].map((f) => [f, r[f] ?? null]))) }),
});
const docPage = (doc: Doc) => ({ kind: "api-page" as const, contentType: "application/json", label: `Purchase Order ${doc.name}`, body: JSON.stringify({ data: doc }) });
const po = (name: string) => docs["Purchase Order"].find((d) => d.name === name)!;
const data = (r: CanonicalRecord) => r.data as Record<string, unknown>;

describe("ERPNext Bin pages", () => {
  it("maps actual_qty and reserved_qty per item × mapped warehouse, as of modified", () => {
    const r = transformErpnextPage(listPage("Bin", docs.Bin), config);
    assert.deepEqual(r.issues, []);
    assert.equal(r.records.length, docs.Bin.length);
    const fg = r.records.map(data).find((d) => d.sku === "AR-5381" && d.locationCode === "AW-SEATTLE");
    assert.deepEqual(fg, { sku: "AR-5381", locationCode: "AW-SEATTLE", lot: null, onHand: 361, allocated: 10, asOf: "2025-03-01T08:37:00.000Z" });
    assert.ok(r.records.every((x) => validateRecord(x).ok));
  });

  it("reads modified in the site's time zone", () => {
    const r = transformErpnextPage(listPage("Bin", docs.Bin.slice(0, 1)), { ...config, utcOffset: "+02:00" });
    assert.equal(data(r.records[0]).asOf, "2025-03-01T06:00:00.000Z");
  });

  it("reports an unmapped warehouse and a non-numeric quantity by Bin name and field", () => {
    const rows = [{ ...docs.Bin[0], warehouse: "Work In Progress - AW" }, { ...docs.Bin[1], actual_qty: "n/a" }, docs.Bin[2]];
    const r = transformErpnextPage(listPage("Bin", rows), config);
    assert.deepEqual(r.issues.map((i) => [i.position, i.field]), [
      [`Bin ${docs.Bin[0].name} (AR-5381 @ Work In Progress - AW)`, "warehouse"],
      [`Bin ${docs.Bin[1].name} (AR-5381 @ Finished Goods - AW)`, "actual_qty"],
    ]);
    assert.equal(r.records.length, 1);
  });
});

describe("ERPNext Purchase Order documents", () => {
  it("converts item quantities and rates to stock units and prefers expected_delivery_date", () => {
    const r = transformErpnextPage(docPage(po("PUR-ORD-2025-00002")), config);
    assert.deepEqual(r.issues, []);
    const order = data(r.records[0]);
    assert.equal(r.records[0].entity, "purchaseOrder");
    assert.deepEqual([order.number, order.supplierCode, order.locationCode, order.status, order.orderedAt], ["PUR-ORD-2025-00002", "Bike Satellite Inc.", "AW-BOTHELL", "OPEN", "2025-02-06T00:00:00.000Z"]);
    assert.deepEqual(order.lines, [
      // 2 Box × 12, 1 box received, 301.32 per box
      { lineNo: 1, sku: "CR-7833", qtyOrdered: 24, qtyReceived: 12, unitCost: 25.11, promisedDate: "2025-02-26T00:00:00.000Z" },
      // no expected_delivery_date: schedule_date
      { lineNo: 2, sku: "CA-7457", qtyOrdered: 60, qtyReceived: 30, unitCost: 43.87, promisedDate: "2025-02-23T00:00:00.000Z" },
    ]);
    assert.ok(validateRecord(r.records[0]).ok);
  });

  it("marks docstatus 2 as CANCELLED and Completed as CLOSED, and maps suppliers", () => {
    const cancelled = data(transformErpnextPage(docPage(po("PUR-ORD-2025-00007")), config).records[0]);
    const completed = data(transformErpnextPage(docPage(po("PUR-ORD-2025-00008")), config).records[0]);
    assert.deepEqual([cancelled.status, cancelled.supplierCode], ["CANCELLED", "V-PROSEWARE"]);
    assert.equal(completed.status, "CLOSED");
  });

  it("holds back the whole order when one item is unreadable, naming the item and field", () => {
    const doc = structuredClone(po("PUR-ORD-2025-00001"));
    (doc.items as Doc[])[1].conversion_factor = 0;
    const r = transformErpnextPage(docPage(doc), config);
    assert.deepEqual(r.records, []);
    assert.deepEqual(r.issues.map((i) => [i.entity, i.position, i.field]), [["purchaseOrder", "Purchase Order PUR-ORD-2025-00001 item 2", "conversion_factor"]]);
    const draft = transformErpnextPage(docPage(po("PUR-ORD-2025-00009")), config);
    assert.deepEqual(draft.issues.map((i) => i.field), ["docstatus"]);
  });
});

describe("ERPNext Stock Ledger Entry pages", () => {
  const r = transformErpnextPage(listPage("Stock Ledger Entry", docs["Stock Ledger Entry"]), config);

  it("turns Purchase Receipt entries into receipts in stock units", () => {
    assert.deepEqual(r.issues, []);
    const receipts = r.records.filter((x) => x.entity === "receipt").map(data);
    assert.equal(receipts.length, 6);
    const first = receipts.find((x) => x.number === "MAT-PRE-2025-00002/MAT-SLE-2025-00001");
    assert.deepEqual(first, { number: "MAT-PRE-2025-00002/MAT-SLE-2025-00001", locationCode: "AW-BOTHELL", receivedAt: "2025-02-23T14:30:00.000Z", lines: [{ sku: "CR-7833", qtyReceived: 12 }] });
    assert.ok(r.records.every((x) => validateRecord(x).ok));
  });

  it("gives last issue dates from deliveries and stock entries, not reconciliations", () => {
    const issues = r.records.filter((x) => x.entity === "lastIssue").map(data);
    assert.deepEqual(issues.map((x) => [x.sku, x.locationCode, x.issuedAt]).sort(), [
      ["AR-5381", "AW-BOTHELL", "2025-03-03T10:05:00.000Z"],
      ["BA-8327", "AW-BOTHELL", "2025-03-04T11:05:00.000Z"],
      ["BE-2908", "AW-BOTHELL", "2025-03-05T12:05:00.000Z"],
      ["CA-5965", "AW-SEATTLE", "2025-03-06T13:05:00.000Z"],
    ]);
  });

  it("reports unreadable entries and pages", () => {
    const bad = transformErpnextPage(listPage("Stock Ledger Entry", [{ ...docs["Stock Ledger Entry"][6], posting_date: "03/03/2025" }]), config);
    assert.deepEqual(bad.issues.map((i) => [i.entity, i.position, i.field]), [["lastIssue", "Stock Ledger Entry MAT-SLE-2025-00007", "posting_date"]]);
    const html = transformErpnextPage({ kind: "api-page", contentType: "text/html", label: "Bin page 1", body: "<html>" }, config);
    assert.match(html.issues[0].message, /not JSON/);
  });
});

describe("ERPNext master data pages", () => {
  it("turns mapped warehouses into DC locations and reports a mapped group warehouse", () => {
    const grouped = { ...config, warehouseMap: { ...config.warehouseMap, "All Warehouses - AW": "AW-ALL" } };
    const r = transformErpnextPage(listPage("Warehouse", docs.Warehouse), grouped);
    assert.deepEqual(r.records.map((x) => [x.entity, data(x).code, data(x).name, data(x).kind, x.externalId]), [
      ["location", "AW-BOTHELL", "Stores - AW", "DC", "Warehouse Stores - AW"],
      ["location", "AW-SEATTLE", "Finished Goods - AW", "DC", "Warehouse Finished Goods - AW"],
    ]);
    assert.deepEqual(r.issues.map((i) => [i.entity, i.position, i.field]), [["location", "Warehouse All Warehouses - AW", "is_group"]]);
    assert.ok(r.records.every((x) => validateRecord(x).ok));
  });

  it("turns suppliers into suppliers with the code purchase orders use, disabled ones included", () => {
    const r = transformErpnextPage(listPage("Supplier", docs.Supplier), config);
    assert.deepEqual(r.issues, []);
    const byCode = Object.fromEntries(r.records.map((x) => [data(x).code, data(x)]));
    assert.deepEqual(byCode["V-PROSEWARE"], { code: "V-PROSEWARE", name: "Proseware, Inc." });
    assert.deepEqual(byCode["Trey Research"], { code: "Trey Research", name: "Trey Research Ltd." });
    const poSuppliers = docs["Purchase Order"].map((d) => transformErpnextPage(docPage(d), config).records[0]).filter(Boolean).map((x) => data(x).supplierCode as string);
    assert.ok(poSuppliers.length > 0 && poSuppliers.every((code) => code in byCode), "every PO's supplier code is a supplier");
    assert.ok(r.records.every((x) => validateRecord(x).ok));
    assert.equal(r.records.find((x) => data(x).code === "V-PROSEWARE")?.version, Date.parse("2025-01-02T09:00:00Z"), "version = modified");
  });

  it("turns items into items: valuation rate as cost, standard rate as price, lead_time_days 0 as unknown", () => {
    const r = transformErpnextPage(listPage("Item", docs.Item), config);
    assert.deepEqual(r.issues, []);
    const items = Object.fromEntries(r.records.map((x) => [data(x).sku, data(x)]));
    assert.deepEqual(items["AR-5381"], { sku: "AR-5381", name: "Adjustable Race", uom: "EA", unitCost: 47.87, unitPrice: 76.59, leadTimeDays: 17 });
    assert.equal(items["CR-7833"].leadTimeDays, null);
    assert.equal(items["DC-9824"].unitPrice, 0.2, "no standard rate: the cost stands in");
    assert.ok(items["FR-R38B-58"] && items["FRT-001"], "disabled and non-stock items are kept so references resolve");
    assert.equal(r.records.length, docs.Item.length);
    assert.ok(r.records.every((x) => validateRecord(x).ok));
  });

  it("reports unreadable items by name and field, keeping the rest", () => {
    const rows = [{ ...docs.Item[0], valuation_rate: "n/a" }, { ...docs.Item[1], lead_time_days: 2.5 }, { ...docs.Item[2], stock_uom: "Imperial Gallon (UK)" }, docs.Item[3]];
    const r = transformErpnextPage(listPage("Item", rows), config);
    assert.deepEqual(r.issues.map((i) => [i.entity, i.position, i.field]), [
      ["item", "Item AR-5381", "valuation_rate"],
      ["item", "Item BA-8327", "lead_time_days"],
      ["item", "Item BE-2908", "stock_uom"],
    ]);
    assert.deepEqual(r.records.map((x) => data(x).sku), ["CA-5965"]);
  });
});
