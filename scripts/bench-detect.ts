/**
 * `npm run bench:detect`: detection at bench scale on a fresh database, dropped at the end.
 *   1. generate ~100k item-locations, ~1M open SO lines, ~200k PO lines (+ ASNs, receipts, transfers,
 *      counts, holds) through COPY (lib/demo at scale "bench");
 *   2. full pass (load → detect → score → persist), twice: the first opens the cases, the second is
 *      the steady state; each with its phases, rows/s, and a bare SQL fetch of the same rows;
 *   3. event → case latency through the incremental path over ≥ 200 events (an SO line changes;
 *      an ASN line is received), p50/p95/max.
 * Server: DATABASE_URL's server when set, else the embedded PostgreSQL (lib/cli/database.ts).
 * Flags: --events=N (default 240), --keep (do not drop the database).
 */
import pg from "pg";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { dropDatabase, ensureDatabaseExists, migrate, resolveServer, splitDatabaseUrl } from "@/lib/cli/database";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { networkQueries } from "@/lib/server/pipeline/load-snapshot";
import { runDetectionPipeline, runIncrementalDetection, type DetectionRunSummary } from "@/lib/server/pipeline/run-detection";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const EVENTS = Number(arg("events") ?? 240);
const KEEP = process.argv.includes("--keep");
const TARGET_FULL_MS = 10_000;
const TARGET_EVENT_P95_MS = 100;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

function table(title: string, rows: [string, string][]) {
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${title}`);
  console.log(`${"─".repeat(w + 2)}┬${"─".repeat(34)}`);
  for (const [k, v] of rows) console.log(` ${k.padEnd(w)} │ ${v}`);
  console.log(`${"─".repeat(w + 2)}┴${"─".repeat(34)}`);
}

/** Fetch the loader's rows to the client without building the snapshot objects. */
async function bareScan(url: string, asOf: Date): Promise<{ ms: number; rows: number }> {
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  try {
    const started = performance.now();
    const results = await Promise.all(networkQueries(asOf).map((q) => pool.query({ text: q.text, values: q.values, rowMode: "array" })));
    return { ms: performance.now() - started, rows: results.reduce((n, r) => n + r.rowCount!, 0) };
  } finally {
    await pool.end();
  }
}

function runRows(label: string, r: DetectionRunSummary, scan: { ms: number; rows: number }): [string, string][] {
  return [
    [`${label}: total`, `${sec(r.ms)}  (target < ${sec(TARGET_FULL_MS)}: ${r.ms < TARGET_FULL_MS ? "met" : "NOT met"})`],
    [`  load (SQL → snapshot)`, sec(r.phases.load)],
    [`  detect + score + group`, sec(r.phases.detect)],
    [`  persist`, sec(r.phases.persist)],
    [`  rows loaded`, fmt(r.rowsLoaded)],
    [`  rows/s (whole pass)`, fmt(r.rowsLoaded / (r.ms / 1000))],
    [`  rows/s (load phase)`, fmt(r.rowsLoaded / (r.phases.load / 1000))],
    [`  bare SQL fetch, same queries`, `${sec(scan.ms)} (${fmt(scan.rows)} rows, ${fmt(scan.rows / (scan.ms / 1000))} rows/s)`],
    [`  cases / findings`, `${fmt(r.cases)} / ${fmt(r.findings)}`],
    [`  created / rescored / unchanged / resolved`, `${r.created} / ${r.rescored} / ${r.unchanged} / ${r.autoResolved}`],
  ];
}

async function main() {
  const server = await resolveServer("demo", () => {});
  const serverUrl = server.embedded ? server.url : splitDatabaseUrl(server.url).serverUrl;
  const database = `wb_bench_${process.pid}`;
  const url = `${serverUrl}/${database}`;
  console.log(`bench:detect on ${server.embedded ? "the embedded PostgreSQL" : "the DATABASE_URL server"}, database ${database}`);
  await ensureDatabaseExists(serverUrl, database);
  const db = createPrismaClient(url);
  const sql = new pg.Client({ connectionString: url });
  try {
    migrate(url, () => {});
    const asOf = new Date();

    // 1. Generate.
    const genStart = performance.now();
    const seeded = await seedDemo(db, { databaseUrl: url, asOf, scale: "bench", seed: 42, log: (m) => console.log(`  ${m.trim()}`) });
    await sql.connect();
    await sql.query("ANALYZE");
    const genMs = performance.now() - genStart;
    const genRows = Object.values(seeded.counts).reduce((a, b) => a + b, 0);
    const c = seeded.counts;
    table("Generated (COPY)", [
      ["item-locations", fmt(c.balances)],
      ["SO lines", fmt(c.salesOrderLines)],
      ["PO lines", fmt(c.purchaseOrderLines)],
      ["ASN lines / receipt lines", `${fmt(c.asnLines ?? 0)} / ${fmt(c.receiptLines ?? 0)}`],
      ["transfer lines / counts / holds / lots", `${fmt(c.transferOrderLines ?? 0)} / ${fmt(c.cycleCounts ?? 0)} / ${fmt(c.holds ?? 0)} / ${fmt(c.lotBalances ?? 0)}`],
      ["generate + COPY + ANALYZE", `${sec(genMs)} (${fmt(genRows)} rows, ${fmt(genRows / (genMs / 1000))} rows/s)`],
    ]);

    // 2. Full passes, each followed by a bare fetch of the same rows for comparison.
    const first = await runDetectionPipeline(db, asOf);
    const scan1 = await bareScan(url, asOf);
    const second = await runDetectionPipeline(db, asOf);
    const scan2 = await bareScan(url, asOf);
    table("Full detection pass", [...runRows("first run (opens cases)", first, scan1), ...runRows("re-run (steady state)", second, scan2)]);

    // 3. Events → incremental detection. Alternate: an SO line jumps to 25 days of demand (a new
    //    spike/shortage case must appear), and an in-transit ASN line is received in full.
    const soLines = (
      await sql.query<{ id: string; so: string; item: string; loc: string; d: number }>(
        `SELECT l.id, l."salesOrderId" AS so, l."itemId" AS item, s."locationId" AS loc, b."avgDailyDemand" AS d
         FROM "SalesOrderLine" l JOIN "SalesOrder" s ON s.id = l."salesOrderId"
         JOIN "InventoryBalance" b ON b."itemId" = l."itemId" AND b."locationId" = s."locationId"
         WHERE s.status = 'OPEN' AND b."avgDailyDemand" >= 1 ORDER BY md5(l.id) LIMIT $1`,
        [Math.ceil(EVENTS / 2)],
      )
    ).rows;
    const asnLines = (
      await sql.query<{ id: string; asn: string; po: string; pol: string; item: string; loc: string; qty: number }>(
        `SELECT al.id, a.id AS asn, a."purchaseOrderId" AS po, al."purchaseOrderLineId" AS pol, al."itemId" AS item, a."locationId" AS loc, al."qtyShipped" AS qty
         FROM "AsnLine" al JOIN "Asn" a ON a.id = al."asnId" JOIN "PurchaseOrder" p ON p.id = a."purchaseOrderId"
         WHERE a.status = 'IN_TRANSIT' AND p.status = 'OPEN' ORDER BY md5(al.id) LIMIT $1`,
        [Math.floor(EVENTS / 2)],
      )
    ).rows;
    const latSo: number[] = [];
    const latAsn: number[] = [];
    const incPhases = { load: 0, detect: 0, persist: 0 };
    let missing = 0;
    let n = 0;
    for (let i = 0; i < Math.max(soLines.length, asnLines.length); i++) {
      const so = soLines[i];
      if (so) {
        const t0 = performance.now();
        await sql.query(`UPDATE "SalesOrderLine" SET "qtyOrdered" = $2, "promisedShipDate" = $3 WHERE id = $1`, [so.id, Math.ceil(so.d * 25), new Date(asOf.getTime() + 3 * 86_400_000).toISOString()]);
        const r = await runIncrementalDetection(db, { salesOrderIds: [so.so] }, asOf);
        latSo.push(performance.now() - t0);
        incPhases.load += r.phases.load;
        incPhases.detect += r.phases.detect;
        incPhases.persist += r.phases.persist;
        n++;
        const found = await sql.query(`SELECT 1 FROM "Case" WHERE "itemId" = $1 AND "siteId" = $2 AND status <> 'RESOLVED' AND "lastScoredAt" = $3::timestamptz AT TIME ZONE 'UTC'`, [so.item, so.loc, asOf.toISOString()]);
        if (found.rowCount === 0) missing++;
      }
      const asn = asnLines[i];
      if (asn) {
        const t0 = performance.now();
        await sql.query("BEGIN");
        const rcpt = `rcpt_bench_${i}`;
        await sql.query(`INSERT INTO "Receipt" (id, number, "locationId", "purchaseOrderId", "asnId", "receivedAt") VALUES ($1, $1, $2, $3, $4, $5::timestamptz AT TIME ZONE 'UTC')`, [rcpt, asn.loc, asn.po, asn.asn, asOf.toISOString()]);
        await sql.query(`INSERT INTO "ReceiptLine" (id, "receiptId", "purchaseOrderLineId", "itemId", "qtyReceived") VALUES ($1, $2, $3, $4, $5)`, [`${rcpt}_1`, rcpt, asn.pol, asn.item, asn.qty]);
        await sql.query(`UPDATE "PurchaseOrderLine" SET "qtyReceived" = "qtyReceived" + $2 WHERE id = $1`, [asn.pol, asn.qty]);
        await sql.query(`UPDATE "InventoryBalance" SET "onHand" = "onHand" + $3 WHERE "itemId" = $1 AND "locationId" = $2`, [asn.item, asn.loc, asn.qty]);
        await sql.query("COMMIT");
        const r = await runIncrementalDetection(db, { purchaseOrderIds: [asn.po] }, asOf);
        latAsn.push(performance.now() - t0);
        incPhases.load += r.phases.load;
        incPhases.detect += r.phases.detect;
        incPhases.persist += r.phases.persist;
        n++;
      }
    }
    const all = [...latSo, ...latAsn];
    const row = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
    table(`Event → case via incremental detection (${n} events, DB write included)`, [
      ["SO line changed", `${row(latSo)} (${latSo.length} events; ${latSo.length - missing} produced/updated a case)`],
      ["ASN line received", `${row(latAsn)} (${latAsn.length} events)`],
      ["all events", `${row(all)}  (target p95 < ${TARGET_EVENT_P95_MS} ms: ${quantile(all, 0.95) < TARGET_EVENT_P95_MS ? "met" : "NOT met"})`],
      ["mean phases per event", `load ${(incPhases.load / n).toFixed(1)} ms, detect ${(incPhases.detect / n).toFixed(1)} ms, persist ${(incPhases.persist / n).toFixed(1)} ms`],
    ]);
    table("Process", [["peak RSS", `${fmt(peakRssMb())} MB`], ["node", process.version]]);
  } finally {
    await sql.end().catch(() => {});
    await db.$disconnect();
    if (!KEEP) await dropDatabase(serverUrl, database);
    else console.log(`kept database ${url}`);
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
