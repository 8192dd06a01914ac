/**
 * Integration (real PostgreSQL): hostile and mutated input through the real ingest path — stored raw, read,
 * validated, written per batch — must lose nothing. For every payload: accepted + quarantined = read, every issue is
 * a QuarantinedRecord row, every accepted record is in the database, and no document is half-written (a purchase
 * order, ASN, sales order or receipt is stored with its lines, or quarantined whole: the writers promise that).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { checkProperty, describeStats } from "@/lib/testing/fuzz/settings";
import { ediMutations, mutateEdi } from "@/lib/testing/fuzz/edi-mutations";
import { hostileString } from "@/lib/testing/fuzz/hostile-values";
import { EDI_DIR } from "@/lib/adapters/x12/test-files";
import { transformX12 } from "@/lib/adapters/x12/x12-adapter";
import type { CanonicalRecord } from "@/lib/domain/canonical/records";
import { storePayload, storePayloadStream } from "./store-payload";
import { processPayload, type ProcessResult } from "./process-payload";
import { writeCanonicalRecords } from "./write-canonical";

const X12_CONFIG = { uomFactors: { EA: 1, PC: 1, CA: 12, CS: 12, UN: 1 }, defaultLocationCode: "DC-FUZZ", defaultTransitDays: 5 };
/** Files whose sets become records (850, 855, 856, 940, 945) — the ones where a half-written document could happen. */
const EDI_SEEDS = ["node-x12/850.edi", "node-x12/855.edi", "node-x12/856.edi", "EdiEngine/850.OK.edi", "EdiEngine/856.Crossdock.OK.edi", "EdiEngine/940.OK.edi", "x12-types/940_test_1.edi", "x12-types/945_test_1.edi", "x12-types/004010_850.edi"].map(
  (name) => ({ name, bytes: readFileSync(path.join(EDI_DIR, name)) }),
);

let db: TestDatabase;
let prisma: PrismaClient;
const sources: Record<"x12" | "csv" | "webhook", { id: string; code: string }> = {} as never;

before(async () => {
  db = await createTestDatabase("empty");
  prisma = createPrismaClient(db.url);
  for (const kind of ["x12", "csv", "webhook"] as const) {
    const code = `FUZZ-${kind.toUpperCase()}`;
    sources[kind] = await prisma.dataSource.create({ data: { code, name: code, kind, config: kind === "x12" ? X12_CONFIG : {} }, select: { id: true, code: true } });
  }
  await seedMasterData();
});
after(async () => {
  await prisma.$disconnect();
  await db.drop();
});

/** Every location, supplier, customer and item the unmutated seed files name, so their documents can land. */
async function seedMasterData() {
  const codes = { location: new Set(["DC-FUZZ", "DC-CSV"]), supplier: new Set<string>(), customer: new Set<string>(), item: new Set(["SKU-CSV-1", "SKU-CSV-2", "SKU-CSV-3"]) };
  for (const seed of EDI_SEEDS) {
    for (const r of transformX12(seed.bytes.toString("utf8"), X12_CONFIG).records) {
      const d = r.data as Record<string, unknown> & { lines?: Record<string, unknown>[] };
      for (const [key, set] of [["locationCode", codes.location], ["supplierCode", codes.supplier], ["customerCode", codes.customer], ["sku", codes.item]] as const) {
        for (const v of [d[key], ...(d.lines ?? []).map((l) => l[key])]) if (typeof v === "string") set.add(v);
      }
    }
  }
  const rec = (entity: string, data: object): CanonicalRecord => ({ entity: entity as never, version: 1, externalId: null, data, origin: { position: "setup" } });
  const summary = await writeCanonicalRecords(prisma, "setup", [
    ...[...codes.location].map((code) => rec("location", { code, name: code })),
    ...[...codes.supplier].map((code) => rec("supplier", { code, name: code })),
    ...[...codes.customer].map((code) => rec("customer", { code, name: code })),
    ...[...codes.item].map((sku) => rec("item", { sku, name: sku, unitCost: 1, unitPrice: 2 })),
  ]);
  assert.deepEqual(summary.issues, []);
}

/** The invariants every processed payload must satisfy, whatever was in it. */
async function assertNothingLost(payloadId: string, result: ProcessResult, sourceCode: string) {
  const payload = await prisma.rawPayload.findUniqueOrThrow({ where: { id: payloadId } });
  assert.notEqual(payload.status, "FAILED", `the payload failed: ${payload.error}`);
  assert.equal(result.accepted + result.quarantined, result.read, "accepted + quarantined = read");
  assert.equal(await prisma.quarantinedRecord.count({ where: { payloadId } }), result.quarantined, "every issue is a quarantine row");
  const headless = await prisma.$queryRawUnsafe<{ kind: string; number: string }[]>(
    `SELECT 'PurchaseOrder' AS kind, number FROM "PurchaseOrder" h WHERE "sourceSystem" = $1 AND NOT EXISTS (SELECT 1 FROM "PurchaseOrderLine" l WHERE l."purchaseOrderId" = h.id)
     UNION ALL SELECT 'Asn', number FROM "Asn" h WHERE "sourceSystem" = $1 AND NOT EXISTS (SELECT 1 FROM "AsnLine" l WHERE l."asnId" = h.id)
     UNION ALL SELECT 'SalesOrder', number FROM "SalesOrder" h WHERE "sourceSystem" = $1 AND NOT EXISTS (SELECT 1 FROM "SalesOrderLine" l WHERE l."salesOrderId" = h.id)
     UNION ALL SELECT 'Receipt', number FROM "Receipt" h WHERE "sourceSystem" = $1 AND NOT EXISTS (SELECT 1 FROM "ReceiptLine" l WHERE l."receiptId" = h.id)`,
    sourceCode,
  );
  assert.deepEqual(headless, [], "documents stored without their lines");
}

/** Each accepted purchase/sales order is stored with every line it carried (or a newer version of it is). */
async function assertAcceptedDocumentsStored(records: CanonicalRecord[], quarantinedPositions: Set<string>) {
  const lastByNumber = new Map<string, CanonicalRecord>();
  for (const r of records) if ((r.entity === "purchaseOrder" || r.entity === "salesOrder") && !quarantinedPositions.has(r.origin.position)) lastByNumber.set(`${r.entity}:${(r.data as { number: string }).number}`, r);
  for (const r of lastByNumber.values()) {
    const d = r.data as { number: string; lines: { lineNo: number; sku: string; qtyOrdered: number }[] };
    const table = r.entity === "purchaseOrder" ? "PurchaseOrder" : "SalesOrder";
    const fk = r.entity === "purchaseOrder" ? "purchaseOrderId" : "salesOrderId";
    const [header] = await prisma.$queryRawUnsafe<{ id: string; v: string }[]>(`SELECT id, "sourceVersion"::text AS v FROM "${table}" WHERE number = $1`, d.number);
    assert.ok(header, `accepted ${r.entity} ${d.number} is not in the database`);
    if (Number(header.v) !== r.version) continue; // a newer version from an earlier run: ignoring older data is right
    const lines = await prisma.$queryRawUnsafe<{ lineNo: number; sku: string; qty: number }[]>(
      `SELECT l."lineNo", i.sku, l."qtyOrdered" AS qty FROM "${table}Line" l JOIN "Item" i ON i.id = l."itemId" WHERE l."${fk}" = $1`,
      header.id,
    );
    const stored = new Map(lines.map((l) => [l.lineNo, l]));
    for (const line of d.lines) {
      const s = stored.get(line.lineNo);
      assert.ok(s, `${r.entity} ${d.number} line ${line.lineNo} missing`);
      assert.equal(s.sku, line.sku);
    }
  }
}

test("mutated EDI files through the real ingest path: every record lands whole or is quarantined, nothing is lost", async (t) => {
  let n = 0;
  const stats = await checkProperty(
    "ingest: mutated EDI → PostgreSQL",
    fc.asyncProperty(fc.nat({ max: EDI_SEEDS.length - 1 }), ediMutations, async (file, mutations) => {
      const bytes = mutateEdi(EDI_SEEDS[file].bytes, mutations);
      const stored = await storePayloadStream(prisma, { sourceId: sources.x12.id, kind: "edi", contentType: "application/edi-x12", fileName: `fuzz-${n++}.edi` }, (async function* () { yield bytes; })());
      if (stored.duplicate) return;
      const result = await processPayload(prisma, stored.id, null);
      await assertNothingLost(stored.id, result, sources.x12.code);
      const quarantined = await prisma.quarantinedRecord.findMany({ where: { payloadId: stored.id }, select: { position: true, message: true } });
      for (const q of quarantined) assert.ok(q.message.length > 0 && q.position.length > 0);
      await assertAcceptedDocumentsStored(transformX12(new TextDecoder().decode(bytes), X12_CONFIG).records, new Set(quarantined.map((q) => q.position)));
    }),
    20,
    { costly: true },
  );
  t.diagnostic(describeStats(stats));
});

/** A balance CSV: good rows mixed with hostile ones (numbers past int4, NUL, formulas, bad dates, quotes). */
const balanceRow = fc.record({
  sku: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("SKU-CSV-1", "SKU-CSV-2", "SKU-CSV-3") }, { weight: 1, arbitrary: hostileString() }),
  onHand: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -1000, max: 100_000 }).map(String) }, { weight: 2, arbitrary: fc.constantFrom("99999999999", "2147483648", "1e309", "-0", "NaN", "0x10", "12\u0000", "=1+1", "") }),
  asOf: fc.oneof({ weight: 3, arbitrary: fc.constant("2026-11-30") }, { weight: 1, arbitrary: fc.constantFrom("2026-02-30", "+275760-09-13", "0000-00-00", "9999-12-31", "\u0000") }),
});

const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

test("hostile rows in a CSV import: each row lands or is quarantined on its own line; the rest of the batch is not lost", async (t) => {
  const mapping = { entity: "inventoryBalance", fields: { sku: { column: "sku" }, locationCode: { constant: "DC-CSV" }, onHand: { column: "onHand" }, asOf: { column: "asOf" } } };
  let n = 0;
  const stats = await checkProperty(
    "ingest: hostile CSV rows → PostgreSQL",
    fc.asyncProperty(fc.array(balanceRow, { minLength: 1, maxLength: 30 }), async (rows) => {
      const fileName = `balances-${n++}.csv`;
      const text = `sku,onHand,asOf\r\n${rows.map((r) => [r.sku, r.onHand, r.asOf].map(quote).join(",")).join("\r\n")}\r\n`;
      const stored = await storePayloadStream(prisma, { sourceId: sources.csv.id, kind: "file", contentType: "text/csv", fileName }, (async function* () { yield Buffer.from(text, "utf8"); })());
      if (stored.duplicate) return;
      const importedAt = new Date(Date.UTC(2026, 11, 1) + n * 1000);
      const result = await processPayload(prisma, stored.id, null, { mapping, importedAt });
      await assertNothingLost(stored.id, result, sources.csv.code);
      const quarantinedLines = new Set((await prisma.quarantinedRecord.findMany({ where: { payloadId: stored.id }, select: { position: true } })).map((q) => Number(q.position.replace(`${fileName} line `, ""))));
      // The last accepted row per SKU is what the database holds (rows are data lines 2…).
      const expected = new Map<string, number>();
      rows.forEach((r, i) => {
        if (!quarantinedLines.has(i + 2)) expected.set(r.sku.trim(), Number(r.onHand));
      });
      assert.equal(result.read, rows.filter((r) => [r.sku, r.onHand, r.asOf].some((v) => v.trim() !== "")).length);
      for (const [sku, onHand] of expected) {
        const balance = await prisma.inventoryBalance.findFirst({ where: { item: { sku }, location: { code: "DC-CSV" } }, select: { onHand: true } });
        assert.equal(balance?.onHand, Math.round(onHand) + 0, `row for ${sku} was accepted but the balance is ${balance?.onHand}`);
      }
    }),
    15,
    { costly: true },
  );
  t.diagnostic(describeStats(stats));
});

test("a record the database refuses (a constraint the schemas do not know) is quarantined alone; the rest of its batch lands", async () => {
  // Simulates a column rule only PostgreSQL knows about: the batch must be split down to the one record.
  await prisma.$executeRawUnsafe(`ALTER TABLE "Location" ADD CONSTRAINT fuzz_refused_name CHECK (name <> 'refused by the database')`);
  try {
    const events = Array.from({ length: 9 }, (_, i) => ({ entity: "location", id: `L${i}`, version: 1, data: { code: `DB-REFUSE-${i}`, name: i === 6 ? "refused by the database" : `Location ${i}` } }));
    const stored = await storePayload(prisma, { sourceId: sources.webhook.id, kind: "event", contentType: "application/json" }, JSON.stringify({ events }));
    const result = await processPayload(prisma, stored.id, null);
    await assertNothingLost(stored.id, result, sources.webhook.code);
    assert.deepEqual({ read: result.read, accepted: result.accepted, quarantined: result.quarantined }, { read: 9, accepted: 8, quarantined: 1 });
    const q = await prisma.quarantinedRecord.findFirstOrThrow({ where: { payloadId: stored.id } });
    assert.equal(q.position, "event event 7");
    assert.match(q.message, /^the database refused this record \(23514\): .*fuzz_refused_name/);
    assert.equal(await prisma.location.count({ where: { code: { startsWith: "DB-REFUSE-" } } }), 8);
  } finally {
    await prisma.$executeRawUnsafe(`ALTER TABLE "Location" DROP CONSTRAINT fuzz_refused_name`);
  }
});
