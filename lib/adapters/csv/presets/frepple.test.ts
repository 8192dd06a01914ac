import { describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { presetById } from ".";
import { FREPPLE_DIR, mapFile, openRows, type MappedFile } from "../testing/shared-files";
import { buildItemSupplierLookup } from "./frepple";

const file = (name: string) => path.join(FREPPLE_DIR, `distribution_demo__${name}.csv`);
const importedAt = new Date("2026-01-15T08:00:00Z");

async function mapPreset(id: string, name: string, companion?: string): Promise<MappedFile> {
  const preset = presetById(id)!;
  if (!companion) return mapFile(file(name), preset.mapping, { context: { importedAt } });
  const enrich = await preset.enrichment!.build(await openRows(file(companion)));
  return mapFile(file(name), preset.enrichment!.mapping, { enrich, context: { importedAt } });
}

const data = <T = Record<string, unknown>>(m: MappedFile) => m.records.map((r) => r.data as T);

describe("frePPLe distribution demo presets on the real files", () => {
  it("location → 3 locations (RDC is a DC, shops are stores), the aggregate is skipped", async () => {
    const m = await mapPreset("frepple-location", "location");
    assert.deepEqual(m.issues, []);
    assert.equal(m.skipped, 1);
    assert.deepEqual(
      data<{ code: string; kind: string }>(m).map((l) => [l.code, l.kind]),
      [
        ["Tennis shop Paris", "STORE"],
        ["RDC", "DC"],
        ["Tennis shop Brussels", "STORE"],
      ],
    );
  });

  it("supplier and customer files", async () => {
    const suppliers = await mapPreset("frepple-supplier", "supplier");
    assert.deepEqual(data(suppliers), [
      { code: "Tennis gear supplier", name: "Tennis gear supplier" },
      { code: "Tennis material supplier", name: "Tennis material supplier" },
    ]);
    // Gear: 10, 10, 15, 15, 15 days → 15; material: 7, 7, 7, 15, 21, 21 → 11.
    const enriched = await mapPreset("frepple-supplier", "supplier", "itemsupplier");
    assert.deepEqual(data<{ leadTimeDays: number }>(enriched).map((s) => s.leadTimeDays), [15, 11]);
    const customers = await mapPreset("frepple-customer", "customer");
    assert.deepEqual(data(customers), [{ code: "Generic customer", name: "Generic customer", tier: "STANDARD", creditHold: false, creditLimit: null }]);
  });

  it("itemsupplier lead times are seconds, converted to days", async () => {
    const lookup = await buildItemSupplierLookup(await openRows(file("itemsupplier")));
    assert.equal(lookup.primaryByItem.size, 11);
    assert.deepEqual(lookup.primaryByItem.get("All-surface tennis ball pack"), { supplier: "Tennis material supplier", leadTimeDays: 7 });
    assert.deepEqual(lookup.primaryByItem.get("Umpire chair"), { supplier: "Tennis material supplier", leadTimeDays: 21 });
  });

  it("item → 11 items (3 aggregates skipped); with itemsupplier they get supplier and lead time", async () => {
    const m = await mapPreset("frepple-item", "item");
    assert.deepEqual(m.issues, []);
    assert.equal(m.records.length, 11);
    assert.equal(m.skipped, 3);
    const enriched = await mapPreset("frepple-item", "item", "itemsupplier");
    const chair = data(enriched).find((i) => i.sku === "Umpire chair");
    assert.deepEqual(chair, {
      sku: "Umpire chair",
      name: "Umpire chair",
      uom: "EA",
      unitCost: 380,
      unitPrice: 380,
      abcClass: "C",
      leadTimeDays: 21,
      primarySupplierCode: "Tennis material supplier",
      shelfLifeDays: null,
    });
  });

  it("buffer → 33 balances as of the import time", async () => {
    const m = await mapPreset("frepple-buffer", "buffer");
    assert.deepEqual(m.issues, []);
    assert.equal(m.records.length, 33);
    assert.deepEqual(m.records[0].data, {
      sku: "All-surface tennis ball pack",
      locationCode: "RDC",
      lot: null,
      expiresAt: null,
      onHand: 25,
      allocated: 0,
      qualityHold: 0,
      inTransit: 0,
      safetyStock: 0,
      asOf: importedAt,
    });
    // Without an import time the file cannot say when the stock was true.
    const noTime = await mapFile(file("buffer"), presetById("frepple-buffer")!.mapping);
    assert.equal(noTime.records.length, 0);
    assert.equal(noTime.issues[0].message, "line 2: asOf comes from the import time, which was not given");
  });

  it("demand → 3294 closed single-line sales orders totalling 13,976 units; item file supplies prices", async () => {
    const m = await mapPreset("frepple-demand", "demand", "item");
    assert.deepEqual(m.issues, []);
    const lines = data<{ status: string; qtyOrdered: number; unitPrice: number; sku: string; promisedShipDate: Date }>(m);
    assert.equal(lines.length, 3294);
    assert.ok(lines.every((l) => l.status === "CLOSED"));
    assert.equal(lines.reduce((s, l) => s + l.qtyOrdered, 0), 13_976);
    assert.equal(lines[0].sku, "All-surface tennis ball pack");
    assert.equal(lines[0].unitPrice, 7.5);
    assert.deepEqual(lines[0].promisedShipDate, new Date("2018-01-07T00:00:00Z"));
  });
});
