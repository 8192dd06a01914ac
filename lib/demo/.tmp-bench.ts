import { createDemoStream } from "@/lib/demo/generate-demo";
const t0 = Date.now();
const s = createDemoStream({ asOf: new Date("2026-11-25T14:00:00Z"), scale: "bench" });
const counts: Record<string, number> = {};
let maxBatch = 0;
for (const b of s.batches) { counts[b.table] = (counts[b.table] ?? 0) + b.rows.length; maxBatch = Math.max(maxBatch, b.rows.length); }
console.log(Date.now() - t0, "ms", counts, "lines", counts.salesOrderLines + counts.purchaseOrderLines, "maxBatch", maxBatch, "rss MB", Math.round(process.memoryUsage().rss / 1e6));
