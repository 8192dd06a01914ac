/**
 * `npm run bench:kpi`: every KPI dashboard card's query on a year of history.
 *   1. a database `wb_bench_kpi` on DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432/test),
 *      migrated, with the demo master data and users, then one year of history generated in SQL
 *      (lib/server/kpi/seed-history.ts, BENCH_HISTORY: ≈150k resolved cases with ≥ 1M case events, actions,
 *      exceptions, PO lines and receipts, sales lines, cycle counts); VACUUM ANALYZE;
 *   2. each card through the real DAL (getKpiCard → read pool) as an executive (all sites) and as a supervisor
 *      (two sites), for the default 90-day range and a full year: --runs (7) runs each after one warm-up;
 *      p50 / p95 / max per card, and whether each stays under 500 ms;
 *   3. keeps the database (--reuse measures a kept one again without regenerating; --drop drops it at the end).
 */
import pg from "pg";
import { dropDatabase, ensureDatabaseExists, migrate, splitDatabaseUrl } from "@/lib/cli/database";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { BENCH_HISTORY, seedKpiHistory } from "@/lib/server/kpi/seed-history";
import { refreshKpiSnapshots } from "@/lib/server/kpi/refresh";
import { KPI_CARDS, kpiQuerySchema } from "@/lib/search-params/kpi";
import type { Viewer } from "@/lib/server/auth/load-viewer";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const flag = (name: string) => process.argv.includes(`--${name}`);
const RUNS = Number(arg("runs") ?? 7);
const DB_NAME = arg("db") ?? "wb_bench_kpi";
const LIMIT_MS = 500;
const log = (m: string) => console.log(`[bench:kpi] ${m}`);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

async function prepare(serverUrl: string): Promise<string> {
  const url = `${serverUrl}/${DB_NAME}`;
  if (flag("reuse")) {
    const db = createPrismaClient(url);
    const r = await refreshKpiSnapshots(db).finally(() => db.$disconnect());
    log(`KPI snapshot views refreshed in ${fmt(r.ms)} ms (the kpi.refresh job does this every 15 minutes)`);
    return url;
  }
  await dropDatabase(serverUrl, DB_NAME);
  await ensureDatabaseExists(serverUrl, DB_NAME);
  migrate(url, log);
  const prisma = createPrismaClient(url);
  try {
    await seedDemo(prisma, { databaseUrl: url, scale: "demo", seed: 42 });
  } finally {
    await prisma.$disconnect();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t = Date.now();
    const counts = await seedKpiHistory(c, { ...BENCH_HISTORY, asOf: new Date(), log });
    log(`history in ${((Date.now() - t) / 1000).toFixed(0)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${fmt(v)}`).join(", ")}`);
    await c.query("VACUUM ANALYZE");
  } finally {
    await c.end();
  }
  const db = createPrismaClient(url);
  try {
    const r = await refreshKpiSnapshots(db);
    log(`KPI snapshot views refreshed in ${fmt(r.ms)} ms (the kpi.refresh job does this every 15 minutes)`);
  } finally {
    await db.$disconnect();
  }
  return url;
}

async function main() {
  const serverUrl = splitDatabaseUrl(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test").serverUrl;
  const t0 = Date.now();
  const url = await prepare(serverUrl);
  log(`database ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  process.env.DATABASE_URL = url;
  // Imported after DATABASE_URL points at the bench database (the read pool reads it).
  const { getKpiCard } = await import("@/lib/server/dal/kpi-dashboard");
  const { endReadPools } = await import("@/lib/server/dal/read-pool");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows: sizes } = await c.query(`SELECT (SELECT count(*) FROM "Case") AS cases, (SELECT count(*) FROM "CaseEvent") AS events, (SELECT count(*) FROM "Exception") AS exceptions,
    (SELECT count(*) FROM "CaseAction") AS actions, (SELECT count(*) FROM "PurchaseOrderLine") AS po_lines, (SELECT count(*) FROM "SalesOrderLine") AS so_lines, (SELECT count(*) FROM "CycleCount") AS counts`);
  const { rows: sup } = await c.query(`SELECT u.id, array_agg(us."locationId") AS sites FROM "User" u JOIN "UserSite" us ON us."userId" = u.id WHERE u.id = 'usr_supervisor' GROUP BY u.id`);
  await c.end();
  log(`data: ${Object.entries(sizes[0]).map(([k, v]) => `${k} ${fmt(Number(v))}`).join(", ")}`);

  const viewers: { label: string; v: Viewer }[] = [
    { label: "executive", v: { id: "usr_executive", email: "e", name: "Erin", role: "executive", siteIds: [], allSites: true } },
    { label: "supervisor", v: { id: "usr_supervisor", email: "s", name: "Sam", role: "supervisor", siteIds: sup[0]?.sites ?? [], allSites: false } },
  ];
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
  const ranges = [
    { label: "90 days", q: kpiQuerySchema.parse({}) },
    { label: "365 days", q: kpiQuerySchema.parse({ from: yearAgo, to: today }) },
  ];
  let worst = 0;
  const over: string[] = [];
  console.log(`\n${"card".padEnd(16)} ${"viewer".padEnd(11)} ${"range".padEnd(9)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
  for (const card of KPI_CARDS) {
    for (const { label, v } of viewers) {
      for (const r of ranges) {
        await getKpiCard(v, card, r.q); // warm-up: plan cache, buffers
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await getKpiCard(v, card, r.q);
          times.push(performance.now() - t);
        }
        const p95 = quantile(times, 0.95);
        worst = Math.max(worst, p95);
        if (p95 >= LIMIT_MS) over.push(`${card}/${label}/${r.label}`);
        console.log(`${card.padEnd(16)} ${label.padEnd(11)} ${r.label.padEnd(9)} ${quantile(times, 0.5).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${Math.max(...times).toFixed(1).padStart(8)}`);
      }
    }
  }
  console.log(`\nWorst p95: ${worst.toFixed(1)} ms (limit ${LIMIT_MS} ms). ${over.length ? `Over the limit: ${over.join(", ")}` : "Every card is under the limit."}`);
  await endReadPools();
  if (flag("drop")) await dropDatabase(serverUrl, DB_NAME);
  process.exit(over.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
