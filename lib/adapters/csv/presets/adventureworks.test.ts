import { describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { presetById } from ".";
import { AW_DIR, mapFile, openRows, type MappedFile } from "../testing/shared-files";
import { buildProductVendorLookup } from "./adventureworks";

const file = (name: string) => path.join(AW_DIR, name);
const byKey = <T>(m: MappedFile, key: string) => new Map(m.records.map((r) => [(r.data as Record<string, unknown>)[key], r.data as T]));

async function mapPreset(id: string, fileName: string, enriched = false): Promise<MappedFile> {
  const preset = presetById(id)!;
  if (!enriched) return mapFile(file(fileName), preset.mapping);
  const enrich = await preset.enrichment!.build(await openRows(file("ProductVendor.csv")));
  return mapFile(file(fileName), preset.enrichment!.mapping, { enrich });
}

function assertClean(m: MappedFile, count: number) {
  assert.deepEqual(m.issues, []);
  assert.equal(m.records.length, count);
}

describe("AdventureWorks presets on the real files", () => {
  it("Location → 14 locations", async () => {
    const m = await mapPreset("aw-location", "Location.csv");
    assertClean(m, 14);
    assert.deepEqual(byKey(m, "code").get("AW-L-60"), { code: "AW-L-60", name: "Final Assembly", kind: "DC", region: "" });
  });

  it("Vendor → 104 suppliers; with ProductVendor the lead time is the median over the vendor's products", async () => {
    const plain = await mapPreset("aw-vendor", "Vendor.csv");
    assertClean(plain, 104);
    const australia = plain.records.find((r) => (r.data as { code: string }).code === "AW-V-1492")!;
    assert.deepEqual(australia.data, { code: "AW-V-1492", name: "Australia Bike Retailer" }, "no lead time without ProductVendor: the stored one is kept");
    assert.equal(australia.externalId, "AUSTRALI0001");
    assert.equal(australia.version, Date.parse("2022-12-22T00:00:00Z"));

    const enriched = await mapPreset("aw-vendor", "Vendor.csv", true);
    assertClean(enriched, 104);
    // Vendor 1492 supplies 16 products, all with AverageLeadTime 17.
    assert.equal(byKey<{ leadTimeDays: number }>(enriched, "code").get("AW-V-1492")?.leadTimeDays, 17);
  });

  it("Product → 504 items with cost, list price, ABC class; ProductVendor adds primary supplier and lead time", async () => {
    const m = await mapPreset("aw-product", "Product.csv");
    assertClean(m, 504);
    const items = byKey<Record<string, unknown>>(m, "sku");
    assert.deepEqual(items.get("AW-P-707"), {
      sku: "AW-P-707",
      name: "Sport-100 Helmet, Red",
      uom: "EA",
      unitCost: 13.0863,
      unitPrice: 34.99,
      abcClass: "C",
      leadTimeDays: null,
      primarySupplierCode: null,
      shelfLifeDays: null,
    });
    assert.equal(m.records.find((r) => (r.data as { sku: string }).sku === "AW-P-707")?.externalId, "HL-U509-R");
    assert.equal(items.get("AW-P-514")?.abcClass, "C"); // Class "L "
    assert.equal([...items.values()].filter((i) => i.abcClass === "A").length, 82); // 82 products have Class "H "

    const enriched = await mapPreset("aw-product", "Product.csv", true);
    assertClean(enriched, 504);
    const withSupplier = enriched.records.filter((r) => (r.data as { primarySupplierCode: string | null }).primarySupplierCode);
    assert.equal(withSupplier.length, 265); // distinct ProductIDs in ProductVendor.csv
    const race = byKey<Record<string, unknown>>(enriched, "sku").get("AW-P-1");
    assert.equal(race?.primarySupplierCode, "AW-V-1580");
    assert.equal(race?.leadTimeDays, 17);
  });

  it("ProductVendor lookup picks the vendor last received from", async () => {
    const lookup = await buildProductVendorLookup(await openRows(file("ProductVendor.csv")));
    assert.equal(lookup.primaryByProduct.size, 265);
    assert.deepEqual(lookup.primaryByProduct.get("1"), { vendorId: "1580", leadTimeDays: 17 });
  });

  it("ProductInventory → 1069 balances, quantities summing to the file's 335,974", async () => {
    const m = await mapPreset("aw-product-inventory", "ProductInventory.csv");
    assertClean(m, 1069);
    const first = m.records[0].data as Record<string, unknown>;
    assert.equal(first.sku, "AW-P-1");
    assert.equal(first.locationCode, "AW-L-1");
    assert.equal(first.onHand, 408);
    assert.deepEqual(first.asOf, new Date("2025-08-07T00:00:00Z"));
    assert.equal(m.records.reduce((s, r) => s + (r.data as { onHand: number }).onHand, 0), 335_974);
  });

  it("PurchaseOrderHeader → 4012 headers with status mapped from 1–4", async () => {
    const m = await mapPreset("aw-po-header", "PurchaseOrderHeader.csv");
    assertClean(m, 4012);
    const statuses: Record<string, number> = {};
    for (const r of m.records) {
      const s = (r.data as { status: string }).status;
      statuses[s] = (statuses[s] ?? 0) + 1;
    }
    assert.deepEqual(statuses, { CLOSED: 3689, OPEN: 237, CANCELLED: 86 });
    assert.deepEqual(m.records[0].data, {
      number: "AW-PO-1",
      supplierCode: "AW-V-1580",
      locationCode: "AW-L-6",
      status: "CLOSED",
      orderedAt: new Date("2022-04-15T00:00:00Z"),
    });
  });

  it("PurchaseOrderDetail → 8845 lines, 380 of them received short", async () => {
    const m = await mapPreset("aw-po-detail", "PurchaseOrderDetail.csv");
    assertClean(m, 8845);
    const lines = m.records.map((r) => r.data as { qtyOrdered: number; qtyReceived: number });
    assert.equal(lines.filter((l) => l.qtyReceived < l.qtyOrdered).length, 380);
    assert.deepEqual(m.records[0].data, {
      poNumber: "AW-PO-1",
      lineNo: 1,
      sku: "AW-P-1",
      qtyOrdered: 4,
      qtyReceived: 3,
      unitCost: 50.26,
      promisedDate: new Date("2022-04-29T00:00:00Z"),
    });
    assert.equal(m.records[0].origin.position, "PurchaseOrderDetail.csv line 2");
  });
});
