/**
 * `npm run bench:ingest`: ingestion throughput and memory on a fresh database (dropped at the end).
 *   1. a generated 1,000,000-line inventory CSV (0.1% deliberately bad rows): stored as a raw payload in chunks,
 *      then streamed through the column mapping and the set-based canonical writer;
 *   2. a large generated X12 file through the EDI path.
 * Prints rows/s and peak RSS for each. Targets: ≥ 50,000 rows/s, flat memory (< 300 MB RSS).
 * The script runs with a 160 MB V8 heap (package.json): a million-line file fitting in it is the proof that memory
 * does not grow with the file; without the cap V8 simply lets garbage accumulate before collecting.
 * Server: DATABASE_URL's server when set, else the embedded PostgreSQL. Flags: --lines=N (default 1e6), --edi-lines=N.
 */
import { createPrismaClient } from "@/lib/server/prisma-client";
import { dropDatabase, ensureDatabaseExists, migrate, resolveServer, splitDatabaseUrl } from "@/lib/cli/database";
import { generateLargeCsv, LARGE_CSV_MAPPINGS } from "@/lib/adapters/csv/generate-csv";
import { generateLargeX12 } from "@/lib/adapters/x12/generate-interchange";
import { storePayloadStream } from "@/lib/server/ingest/store-payload";
import { processPayload } from "@/lib/server/ingest/process-payload";

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
    // Master data the generated rows reference: 40 DCs and 50,000 SKUs (generated in SQL: not part of the measurement).
    await db.$executeRawUnsafe(`INSERT INTO "Location" (id, code, name, kind, region) SELECT 'L' || g, 'DC-' || lpad(g::text, 2, '0'), 'DC ' || g, 'DC', '' FROM generate_series(1, 40) g`);
    await db.$executeRawUnsafe(
      `INSERT INTO "Item" (id, sku, name, "unitCost", "unitPrice", "abcClass") SELECT 'I' || g, 'SKU-' || lpad(g::text, 5, '0'), 'Item ' || g, 1, 2, 'C' FROM generate_series(0, 49999) g`,
    );
    const source = await db.dataSource.create({ data: { code: "BENCH-CSV", name: "bench", kind: "csv" } });

    // 1. CSV
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

    // 2. X12: one interchange of 846 inventory advices, EDI_LINES LIN loops (3 segments each), streamed set by set.
    const edi = await db.dataSource.create({
      data: { code: "BENCH-EDI", name: "bench EDI", kind: "x12", config: { uomFactors: { EA: 1 }, partnerLocationCodes: { DC01: "DC-01" } } },
    });
    global.gc?.();
    const ediRss = rssSampler();
    const e0 = performance.now();
    const ediStored = await storePayloadStream(db, { sourceId: edi.id, kind: "edi", contentType: "application/edi-x12", fileName: "inventory.edi" }, generateLargeX12(EDI_LINES, { skus: 49_999 }) as AsyncIterable<never>);
    const eStored = performance.now();
    const ediResult = await processPayload(db, ediStored.id, null);
    const e1 = performance.now();
    const ediPeak = ediRss.stop();
    const segments = EDI_LINES * 3 + Math.ceil(EDI_LINES / 500) * 5 + 4;
    table(`X12: ${fmt(EDI_LINES)} LIN loops in 846 sets (${fmt(segments)} segments, ${(ediStored.sizeBytes / 1024 / 1024).toFixed(1)} MB)`, [
      ["store raw file (chunks)", `${((eStored - e0) / 1000).toFixed(2)} s`],
      ["parse + validate + transform + write", `${((e1 - eStored) / 1000).toFixed(2)} s`],
      ["records read / accepted / quarantined", `${fmt(ediResult.read)} / ${fmt(ediResult.accepted)} / ${fmt(ediResult.quarantined)}`],
      ["records/s (import)", `${fmt(ediResult.read / ((e1 - eStored) / 1000))}  (target ≥ ${fmt(TARGET_ROWS_PER_S)}: ${ediResult.read / ((e1 - eStored) / 1000) >= TARGET_ROWS_PER_S ? "met" : "NOT met"})`],
      ["segments/s (import)", fmt(segments / ((e1 - eStored) / 1000))],
      ["997 acknowledgements stored", String(await db.rawPayload.count({ where: { sourceId: edi.id, direction: "OUT" } }))],
      ["peak RSS during the import", `${ediPeak.toFixed(0)} MB  (target < ${TARGET_RSS_MB} MB: ${ediPeak < TARGET_RSS_MB ? "met" : "NOT met"})`],
    ]);
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
