/**
 * Streams a generated X12 file (default 50 MB) through the reader and the adapter and prints RSS growth and
 * throughput. Run: npx tsx lib/adapters/x12/scripts/measure-stream.ts [megabytes]
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { generateLargeX12 } from "../generate-interchange";
import { readX12 } from "../reader";
import { transformStream } from "../x12-adapter";

const targetMb = Number(process.argv[2] ?? 50);
const BYTES_PER_LINE = 56; // measured: LIN + 2 QTY ≈ 56 bytes per line

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "x12-measure-"));
  const file = path.join(dir, "large.edi");
  const lines = Math.round((targetMb * 1024 * 1024) / BYTES_PER_LINE);
  const out = createWriteStream(file);
  for await (const chunk of generateLargeX12(lines)) if (!out.write(chunk)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  const size = statSync(file).size;
  console.log(`generated ${lines} lines, ${(size / 1048576).toFixed(1)} MB`);

  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  let segments = 0;
  let sets = 0;
  let t0 = performance.now();
  for await (const event of readX12(createReadStream(file, { highWaterMark: 64 * 1024 }))) {
    if (event.type === "set") {
      sets++;
      segments += event.set.segments.length;
      if (event.set.status !== "accepted") throw new Error(`set ${event.set.controlNumber} ${event.set.status}: ${event.set.errors[0]?.message}`);
    }
    if (sets % 50 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  let seconds = (performance.now() - t0) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`reader: ${sets} sets, ${segments} segments in ${seconds.toFixed(2)} s = ${Math.round(segments / seconds)} segments/s, ${(size / 1048576 / seconds).toFixed(1)} MB/s`);
  console.log(`reader: RSS before ${(base / 1048576).toFixed(0)} MB, peak ${(peak / 1048576).toFixed(0)} MB, growth ${((peak - base) / 1048576).toFixed(1)} MB`);

  let records = 0;
  let issues = 0;
  t0 = performance.now();
  for await (const chunk of transformStream(createReadStream(file, { highWaterMark: 64 * 1024 }), {})) {
    records += chunk.records.length;
    issues += chunk.issues.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  seconds = (performance.now() - t0) / 1000;
  console.log(`adapter: ${records} records, ${issues} issues in ${seconds.toFixed(2)} s = ${Math.round(segments / seconds)} segments/s; RSS peak growth ${((peak - base) / 1048576).toFixed(1)} MB`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
