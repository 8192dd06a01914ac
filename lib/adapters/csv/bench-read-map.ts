/**
 * Benchmark (a script, not a test): read + map a generated CSV file and report rows/s and memory.
 *   npx tsx lib/adapters/csv/bench-read-map.ts [lines=1000000] [inventoryBalance|purchaseOrderLine]
 * Nothing is written anywhere; RSS is sampled while rows stream so a growing heap would show.
 */
import { createReadStream, createWriteStream, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { badRowAt, generateLargeCsv, LARGE_CSV_MAPPINGS, type LargeCsvKind } from "./generate-csv";
import { mapRow } from "./map-row";
import { openCsv } from "./read-csv";

async function main() {
  const lines = Number(process.argv[2] ?? 1_000_000);
  const kind = (process.argv[3] ?? "inventoryBalance") as LargeCsvKind;
  const mapping = LARGE_CSV_MAPPINGS[kind];
  let expectedBad = 0;
  for (let i = 0; i < lines; i++) if (badRowAt(i)) expectedBad++;

  // Generate to disk first (reused across runs), so the timing covers reading + mapping only.
  const file = path.join(tmpdir(), `bench-${kind}-${lines}.csv`);
  if (!existsSync(file)) await pipeline(generateLargeCsv(lines, { kind }), createWriteStream(file));

  const mb = (n: number) => Math.round(n / 1024 / 1024);
  const rssSamples: number[] = [];
  const heapSamples: number[] = [];
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const table = await openCsv(createReadStream(file));
  let records = 0;
  let issues = 0;
  let n = 0;
  for await (const row of table.rows) {
    const result = mapRow(row, mapping, "bench.csv");
    if ("record" in result) records++;
    else if ("issue" in result) issues++;
    if (++n % 100_000 === 0) {
      const memory = process.memoryUsage();
      rssSamples.push(memory.rss);
      heapSamples.push(memory.heapUsed);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  // The machine is shared: rows per CPU-second shows the reader's own cost when wall time is inflated by others.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({
    kind,
    lines,
    fileMb: mb(statSync(file).size),
    records,
    issues,
    expectedBad,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(n / seconds),
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    rowsPerCpuSecond: Math.round(n / cpuSeconds),
    rssMbEvery100k: rssSamples.map(mb),
    heapUsedMbEvery100k: heapSamples.map(mb),
  }));
}

void main();
