import pg from "pg";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { writeCanonicalRecords } from "@/lib/server/ingest/write-canonical";
import type { CanonicalRecord } from "@/lib/domain/canonical/records";
async function main() {
  const url = "postgresql://postgres@127.0.0.1:5432/wb_mig";
  const db = createPrismaClient(url);
  const c = new pg.Client(url); await c.connect();
  await c.query(`DELETE FROM "InventoryBalance"`);
  const master: CanonicalRecord[] = [];
  for (let i = 1; i <= 40; i++) master.push({ entity: "location", version: 1, externalId: null, origin: { position: "" }, data: { code: `DC-${String(i).padStart(2, "0")}`, name: `DC ${i}` } });
  for (let i = 0; i < 50_000; i++) master.push({ entity: "item", version: 1, externalId: null, origin: { position: "" }, data: { sku: `SKU-${String(i).padStart(5, "0")}`, name: `Item ${i}`, unitCost: 1, unitPrice: 2 } });
  for (let i = 0; i < master.length; i += 10_000) await writeCanonicalRecords(db, "bench", master.slice(i, i + 10_000));
  const recs: CanonicalRecord[] = [];
  for (let i = 0; i < 50000; i++) recs.push({ entity: "inventoryBalance", version: 1, externalId: null, origin: { position: "x" }, data: { sku: `SKU-${String((i * 7919) % 50000).padStart(5, "0")}`, locationCode: `DC-${String(1 + (i % 40)).padStart(2, "0")}`, onHand: i % 100, allocated: 0, asOf: new Date().toISOString() } });
  const runner = { $queryRawUnsafe: async (sql: string, ...p: unknown[]) => (await c.query(sql, p)).rows, $executeRawUnsafe: async (sql: string, ...p: unknown[]) => (await c.query(sql, p)).rowCount } as never;
  for (const [name, r] of [["prisma", db], ["pg", runner]] as const) {
    await c.query(`DELETE FROM "InventoryBalance"`);
    let t = performance.now();
    for (let i = 0; i < recs.length; i += 5000) await writeCanonicalRecords(r as never, "bench", recs.slice(i, i + 5000));
    console.log(name, "insert 50k", (performance.now() - t).toFixed(0), "ms");
    t = performance.now();
    for (let i = 0; i < recs.length; i += 5000) await writeCanonicalRecords(r as never, "bench", recs.slice(i, i + 5000));
    console.log(name, "update 50k", (performance.now() - t).toFixed(0), "ms");
  }
  await c.end(); await db.$disconnect();
}
main();
