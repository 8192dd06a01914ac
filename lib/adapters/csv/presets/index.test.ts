import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { ColumnMapping } from "../mapping";
import { AW_DIR, FREPPLE_DIR } from "../testing/shared-files";
import { FILE_PRESETS, presetForFile } from ".";

describe("preset descriptors", () => {
  it("have valid mappings, unique ids and a distinct import order within each set", () => {
    assert.equal(new Set(FILE_PRESETS.map((p) => p.id)).size, FILE_PRESETS.length);
    for (const p of FILE_PRESETS) {
      assert.ok(ColumnMapping.safeParse(p.mapping).success, p.id);
      assert.equal(p.mapping.entity, p.entity);
      if (p.enrichment) assert.ok(ColumnMapping.safeParse(p.enrichment.mapping).success, `${p.id} enriched`);
    }
    for (const set of new Set(FILE_PRESETS.map((p) => p.set))) {
      const orders = FILE_PRESETS.filter((p) => p.set === set).map((p) => p.importOrder);
      assert.equal(new Set(orders).size, orders.length, set);
    }
  });

  it("recognise the shared files by name, and only the ones they are made for", () => {
    const matched = [...readdirSync(AW_DIR), ...readdirSync(FREPPLE_DIR)]
      .map((f) => [f, presetForFile(`/uploads/${f}`)?.id])
      .filter(([, id]) => id);
    assert.deepEqual(Object.fromEntries(matched), {
      "Location.csv": "aw-location",
      "Product.csv": "aw-product",
      "ProductInventory.csv": "aw-product-inventory",
      "PurchaseOrderDetail.csv": "aw-po-detail",
      "PurchaseOrderHeader.csv": "aw-po-header",
      "Vendor.csv": "aw-vendor",
      "distribution_demo__buffer.csv": "frepple-buffer",
      "distribution_demo__customer.csv": "frepple-customer",
      "distribution_demo__demand.csv": "frepple-demand",
      "distribution_demo__item.csv": "frepple-item",
      "distribution_demo__location.csv": "frepple-location",
      "distribution_demo__supplier.csv": "frepple-supplier",
    });
  });
});
