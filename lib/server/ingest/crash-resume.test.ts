/**
 * Integration: a database restart in the middle of an import. The connections die half-way through a large file;
 * processing the same stored payload again (what the job retry does) ends with every row exactly once and the
 * quarantine holding each bad row once — nothing lost, nothing duplicated.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { generateLargeCsv, LARGE_CSV_MAPPINGS, badRowAt } from "@/lib/adapters/csv/generate-csv";
import { storePayloadStream } from "./store-payload";
import { processPayload } from "./process-payload";
import { writeCanonicalRecords } from "./write-canonical";

const LINES = 30_000;
let db: TestDatabase;

before(async () => {
  db = await createTestDatabase("empty");
});
after(async () => {
  await db.drop();
});

test("an import interrupted by lost database connections resumes on retry without loss or duplication", async () => {
  let prisma: PrismaClient = createPrismaClient(db.url);
  const master = [
    ...Array.from({ length: 40 }, (_, i) => ({ entity: "location" as const, version: 1, externalId: null, origin: { position: "" }, data: { code: `DC-${String(i + 1).padStart(2, "0")}`, name: `DC ${i + 1}` } })),
    ...Array.from({ length: 50_000 }, (_, i) => ({ entity: "item" as const, version: 1, externalId: null, origin: { position: "" }, data: { sku: `SKU-${String(i).padStart(5, "0")}`, name: `Item ${i}`, unitCost: 1, unitPrice: 2 } })),
  ];
  for (let i = 0; i < master.length; i += 10_000) await writeCanonicalRecords(prisma, "setup", master.slice(i, i + 10_000));
  const source = await prisma.dataSource.create({ data: { code: "CSV", name: "csv", kind: "csv" } });
  const stored = await storePayloadStream(prisma, { sourceId: source.id, kind: "file", contentType: "text/csv", fileName: "balances.csv" }, generateLargeCsv(LINES));
  const options = { mapping: LARGE_CSV_MAPPINGS.inventoryBalance, importedAt: new Date("2026-11-25T08:00:00Z") };

  // Kill every connection of this database once the first batch has landed. A trigger slows every later batch
  // down, so the kill reliably falls in the middle of the import however fast the server is.
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF (SELECT count(*) FROM "InventoryBalance") > 6000 THEN PERFORM pg_sleep(3); END IF; RETURN NULL; END $$`);
  await admin.query(`CREATE TRIGGER slow_down AFTER INSERT ON "InventoryBalance" FOR EACH STATEMENT EXECUTE FUNCTION slow_down()`);
  const killer = (async () => {
    for (;;) {
      const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "InventoryBalance"`);
      if (Number(rows[0].n) > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  })();
  // Keeps the process alive while the abandoned pool's handles are gone (it must not exit mid-test).
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    await assert.rejects(processPayload(prisma, stored.id, null, options));
    await killer;
    const partial = Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "InventoryBalance"`)).rows[0].n);
    assert.ok(partial > 0 && partial < LINES, `the first run stopped half-way (${partial} rows)`);
    await admin.query(`DROP TRIGGER slow_down ON "InventoryBalance"`);
    // The old client's pool lost its connections; like a crashed worker, it is abandoned, not closed.

    // The retry: a fresh client (the worker after restart) processes the same stored payload again.
    prisma = createPrismaClient(db.url);
    // Like the job queue, retry again when a pooled connection killed above is still handed out once.
    const retry = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await processPayload(prisma, stored.id, null, options);
        } catch (e) {
          if (attempt >= 3 || !/terminat/i.test(String((e as Error).message))) throw e;
        }
      }
    };
    const result = await retry();
    let bad = 0;
    for (let i = 0; i < LINES; i++) if (badRowAt(i)) bad++;
    assert.equal(result.quarantined, bad);
    const distinctPairs = Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "InventoryBalance"`)).rows[0].n);
    const quarantined = await prisma.quarantinedRecord.count({ where: { payloadId: stored.id } });
    assert.equal(quarantined, bad, "each bad row quarantined exactly once");
    assert.equal(result.read, LINES);
    assert.ok(distinctPairs <= LINES - bad && distinctPairs > LINES * 0.9, `balances written once per item-location (${distinctPairs})`);
    assert.equal((await prisma.rawPayload.findUniqueOrThrow({ where: { id: stored.id } })).status, "PARTIAL");
    await admin.end();
    await prisma.$disconnect();
  } finally {
    clearInterval(keepAlive);
  }
});
