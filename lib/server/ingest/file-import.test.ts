/**
 * Integration: the real AdventureWorks and frePPLe tables from ../shared/data imported through the file path
 * (stored as a raw payload in chunks, streamed through the preset mapping, written by the canonical writer).
 */
import { sharedData } from "@/lib/testing/shared-data";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { FILE_PRESETS } from "@/lib/adapters/csv/presets";
import { storePayloadStream } from "./store-payload";
import { processPayload, type ProcessResult } from "./process-payload";

const TABLES = sharedData("tables");
let db: TestDatabase;
let prisma: PrismaClient;

before(async () => {
  db = await createTestDatabase("empty");
  prisma = createPrismaClient(db.url);
});
after(async () => {
  await prisma.$disconnect();
  await db.drop();
});

async function importSet(set: string, dir: string, sourceCode: string) {
  const source = await prisma.dataSource.create({ data: { code: sourceCode, name: sourceCode, kind: "csv" } });
  const presets = FILE_PRESETS.filter((p) => p.set === set).sort((a, b) => a.importOrder - b.importOrder);
  assert.ok(presets.length >= 5, `${set} has presets`);
  const results = new Map<string, ProcessResult & { dataRows: number }>();
  // Companion files first, so enrichments (lead times, primary suppliers) find them.
  for (const preset of presets) {
    if (!preset.enrichment) continue;
    const companion = (await import("node:fs")).readdirSync(dir).find((f) => preset.enrichment!.fileNamePattern.test(f));
    if (companion) await storePayloadStream(prisma, { sourceId: source.id, kind: "file", contentType: "text/csv", fileName: companion }, createReadStream(path.join(dir, companion)));
  }
  for (const preset of presets) {
    const fileName = (await import("node:fs")).readdirSync(dir).find((f) => preset.fileNamePattern.test(f));
    assert.ok(fileName, `file for ${preset.id}`);
    const stored = await storePayloadStream(prisma, { sourceId: source.id, kind: "file", contentType: "text/csv", fileName }, createReadStream(path.join(dir, fileName)));
    const result = await processPayload(prisma, stored.id, null, { mapping: preset.mapping, presetId: preset.id, importedAt: new Date("2026-11-25T08:00:00Z") });
    const dataRows = readFileSync(path.join(dir, fileName), "utf8").trim().split(/\r?\n/).length - 1;
    results.set(preset.id, { ...result, dataRows });
  }
  return results;
}

test("AdventureWorks purchasing and inventory tables import through the file path", async () => {
  const r = await importSet("adventureworks", path.join(TABLES, "adventureworks"), "AW-CSV");
  for (const [id, res] of r) {
    assert.equal(res.read, res.dataRows - (res.read < res.dataRows ? res.dataRows - res.read : 0), `${id}: every row read`);
    assert.ok(res.accepted + res.quarantined <= res.read, `${id}: accounted`);
  }
  const detail = r.get("aw-po-detail")!;
  assert.equal(detail.read, 8845);
  assert.ok(detail.accepted > 8000, `most PO lines land (accepted ${detail.accepted}, quarantined ${detail.quarantined})`);
  assert.equal(await prisma.purchaseOrder.count(), r.get("aw-po-header")!.accepted);
  assert.equal(await prisma.purchaseOrderLine.count(), detail.accepted);
  assert.equal(await prisma.item.count(), r.get("aw-product")!.accepted);
  assert.equal(await prisma.supplier.count(), r.get("aw-vendor")!.accepted);
  assert.ok((await prisma.inventoryBalance.count()) > 1000);
  // Every quarantined row says which file and line.
  const q = await prisma.quarantinedRecord.findMany({ take: 20 });
  for (const row of q) assert.match(row.position, /\.csv/);
});

test("frePPLe distribution demo tables import; lead times in seconds become days", async () => {
  const r = await importSet("frepple-distribution", path.join(TABLES, "frepple_demo"), "FREPPLE-CSV");
  assert.ok(r.get("frepple-demand")!.accepted > 3000);
  assert.ok((await prisma.salesOrderLine.count()) > 3000);
  const suppliers = await prisma.supplier.findMany({ where: { sourceSystem: "FREPPLE-CSV" } });
  assert.ok(suppliers.length >= 1);
  for (const s of suppliers) assert.ok(s.leadTimeDays < 365, `${s.code} lead time ${s.leadTimeDays} is in days`);
});

test("a corrupted row is quarantined with file, line and column; the rest of the file lands", async () => {
  const source = await prisma.dataSource.create({ data: { code: "BROKEN-CSV", name: "broken", kind: "csv" } });
  const preset = FILE_PRESETS.find((p) => p.id === "aw-location")!;
  const original = readFileSync(path.join(TABLES, "adventureworks/Location.csv"), "utf8").trim().split(/\r?\n/);
  original[3] = original[3].split(",").slice(0, 2).join(","); // ragged row on line 4
  const body = Buffer.from(original.join("\n") + "\n");
  const stored = await storePayloadStream(prisma, { sourceId: source.id, kind: "file", contentType: "text/csv", fileName: "Location.csv" }, (async function* () { yield body; })());
  const result = await processPayload(prisma, stored.id, null, { mapping: preset.mapping });
  assert.equal(result.quarantined, 1);
  assert.equal(result.accepted, original.length - 2);
  const q = await prisma.quarantinedRecord.findFirstOrThrow({ where: { sourceId: source.id } });
  assert.match(q.position, /Location\.csv.*4/);
  assert.match(q.message, /expected \d+ fields, found 2/);
});
