/**
 * `npm run bench:queue`: the planner's case queue at a million cases, through the real server.
 *   1. a fresh database `wb_bench_queue` on DATABASE_URL's server (default
 *      postgresql://postgres@127.0.0.1:5432/test), migrated, with the demo users, sites, items
 *      and suppliers (prisma/seed); then 1,000,000 cases (~2M exceptions) generated in SQL with a
 *      realistic spread (sites, severities, scores, exposures, statuses, assignees, snoozes,
 *      SLA and freshness states, document numbers in the search text), indexed, VACUUM ANALYZE;
 *   2. the queue SQL alone per query shape (sequential, in-process: the database's share);
 *   3. `next start` on a free port against that database, sign-in as the planner (next-auth
 *      credentials), then --connections (50) concurrent keep-alive connections for --duration
 *      (30 s) against GET /api/cases with a mix of realistic queries; p50/p95/p99, req/s, errors,
 *      and p95 per query shape;
 *      then the same number of users with ~1 s think time (--think-ms): the latency people see;
 *   4. the /cases page's first-load JavaScript, gzip: the chunks its HTML actually loads;
 *   5. stops the server and drops the database (also on failure or timeout).
 * Flags: --cases=N, --duration=S, --connections=N, --keep (keep the database), --reuse (use a kept
 * database as is), --no-build (use the existing .next build), --explain (EXPLAIN ANALYZE per shape),
 * --sql-only (stop after step 2), --think-ms=N, --timeout-min=N (whole-run bound, default 40),
 * --profile=DIR (V8 CPU profile of the server into DIR).
 * The production build is made (next build) only when .next is missing or older than the sources.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { ROOT, dropDatabase, ensureDatabaseExists, migrate, splitDatabaseUrl } from "@/lib/cli/database";
import { generateCases } from "./bench-support/generate-cases";
import { freePort, signIn, startServer, stopServer, waitReady } from "./bench-support/next-server";
import { buildIfStale } from "@/lib/cli/next-build";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { caseQueueSql } from "@/lib/server/dal/case-queue-sql";
import { queryCaseQueue } from "@/lib/server/dal/case-queue";
import { parseCasesQuery } from "@/lib/search-params/cases";
import type { Viewer } from "@/lib/server/auth/load-viewer";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const flag = (name: string) => process.argv.includes(`--${name}`);
const CASES = Number(arg("cases") ?? 1_000_000);
const DURATION_S = Number(arg("duration") ?? 30);
const CONNECTIONS = Number(arg("connections") ?? 50);
const WARMUP_S = 5;
const KEEP = flag("keep");
const REUSE = flag("reuse");
const TARGET_P95_MS = 100;
const TARGET_JS_KB = 200;
/** Hard bound on the whole run: cleanup happens whatever state the bench is in. */
const OVERALL_TIMEOUT_MS = Number(arg("timeout-min") ?? 40) * 60_000;
const DB_NAME = "wb_bench_queue";

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => `${n.toFixed(1)} ms`;
const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const log = (m: string) => console.log(`[bench:queue] ${m}`);

// ─── 1. database ────────────────────────────────────────────────────────────────────────────────

async function prepareDatabase(serverUrl: string): Promise<string> {
  const url = `${serverUrl}/${DB_NAME}`;
  if (REUSE) {
    const c = new pg.Client({ connectionString: url });
    const ok = await c
      .connect()
      .then(() => c.query(`SELECT count(*)::int AS n FROM "Case"`))
      .then((r) => r.rows[0].n as number)
      .catch(() => 0)
      .finally(() => c.end().catch(() => {}));
    if (ok >= CASES) {
      log(`reusing ${DB_NAME} (${fmt(ok)} cases)`);
      return url;
    }
  }
  await dropDatabase(serverUrl, DB_NAME);
  await ensureDatabaseExists(serverUrl, DB_NAME);
  migrate(url, log);
  const prisma = createPrismaClient(url);
  try {
    const seeded = await seedDemo(prisma, { databaseUrl: url, scale: "demo", seed: 42 });
    log(`demo master data and users in ${(seeded.ms / 1000).toFixed(1)} s`);
  } finally {
    await prisma.$disconnect();
  }
  log(`generating ${fmt(CASES)} cases …`);
  await generateCases(url, CASES, log);
  return url;
}

// ─── query shapes ───────────────────────────────────────────────────────────────────────────────

type Shape = { name: string; qs: string; as: "planner" | "executive"; weight: number };

async function shapes(url: string): Promise<Shape[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // Real values from the generated data, so text searches hit.
    const { rows } = await c.query<{ sku: string; search: string; number: number; supplier: string }>(
      `SELECT i.sku, substring(c."searchText" from 'po-[0-9]+') AS search, c.number, s.code AS supplier
       FROM "Case" c JOIN "Item" i ON i.id = c."itemId" JOIN "Supplier" s ON s.id = c."supplierId"
       WHERE c."siteId" = 'loc_dc_atl' AND c.status = 'OPEN' AND c."snoozedAt" IS NULL ORDER BY c.number LIMIT 1 OFFSET 5000`,
    );
    const r = rows[0];
    return [
      { name: "default (score desc)", qs: "", as: "planner", weight: 8 },
      { name: "page 3", qs: "page=3", as: "planner", weight: 3 },
      { name: "page 40 (offset 975)", qs: "page=40", as: "planner", weight: 1 },
      { name: "pageSize 100", qs: "pageSize=100", as: "planner", weight: 1 },
      { name: "sort exposure desc", qs: "sort=exposure", as: "planner", weight: 2 },
      { name: "sort SLA asc", qs: "sort=slaDueAt&dir=asc", as: "planner", weight: 2 },
      { name: "sort oldest first", qs: "sort=openedAt&dir=asc", as: "planner", weight: 1 },
      { name: "sort severity", qs: "sort=severity", as: "planner", weight: 1 },
      { name: "sort number", qs: "sort=number", as: "planner", weight: 1 },
      { name: "severity critical+high", qs: "severity=CRITICAL,HIGH", as: "planner", weight: 2 },
      { name: "site DC-ATL", qs: "site=DC-ATL", as: "planner", weight: 1 },
      { name: "assigned to me", qs: "assignee=me", as: "planner", weight: 2 },
      { name: "unassigned by SLA", qs: "assignee=none&sort=slaDueAt&dir=asc", as: "planner", weight: 1 },
      { name: "SLA breached", qs: "sla=breached", as: "planner", weight: 1 },
      { name: "stale evidence", qs: "freshness=stale", as: "planner", weight: 1 },
      { name: "supplier", qs: `supplier=${r.supplier}`, as: "planner", weight: 1 },
      { name: "tier strategic", qs: "tier=STRATEGIC", as: "planner", weight: 1 },
      { name: "type PO_PAST_DUE", qs: "type=PO_PAST_DUE", as: "planner", weight: 1 },
      { name: "score ≥ 5000", qs: "scoreMin=5000", as: "planner", weight: 1 },
      { name: "exposure ≥ 20k by exposure", qs: "exposureMin=20000&sort=exposure", as: "planner", weight: 1 },
      { name: "older than 30 days", qs: "ageMin=30", as: "planner", weight: 1 },
      { name: "triage combo", qs: "severity=CRITICAL,HIGH&sla=breached,due_soon&assignee=none&sort=slaDueAt&dir=asc", as: "planner", weight: 1 },
      { name: "q = SKU", qs: `q=${encodeURIComponent(r.sku)}`, as: "planner", weight: 1 },
      { name: "q = PO number", qs: `q=${encodeURIComponent(r.search.toUpperCase())}`, as: "planner", weight: 1 },
      { name: "q = #case number", qs: `q=${encodeURIComponent(`#${r.number}`)}`, as: "planner", weight: 1 },
      { name: "q = partial SKU", qs: `q=${encodeURIComponent(r.sku.slice(-5))}`, as: "planner", weight: 1 },
      { name: "snoozed only", qs: "snoozed=only", as: "planner", weight: 1 },
      { name: "resolved, newest", qs: "status=RESOLVED&sort=openedAt", as: "planner", weight: 1 },
      { name: "executive: all sites", qs: "", as: "executive", weight: 1 },
      { name: "executive: critical by exposure", qs: "severity=CRITICAL&sort=exposure", as: "executive", weight: 1 },
    ];
  } finally {
    await c.end();
  }
}

// ─── 2. SQL alone ───────────────────────────────────────────────────────────────────────────────

async function viewerOf(pool: pg.Pool, id: string): Promise<Viewer> {
  const u = await pool.query<{ email: string; name: string; role: Viewer["role"] }>(`SELECT email, name, role::text AS role FROM "User" WHERE id = $1`, [id]);
  const s = await pool.query<{ locationId: string }>(`SELECT "locationId" FROM "UserSite" WHERE "userId" = $1`, [id]);
  const role = u.rows[0].role;
  return { id, email: u.rows[0].email, name: u.rows[0].name, role, siteIds: s.rows.map((x) => x.locationId), allSites: ["admin", "executive", "finance"].includes(role) };
}

async function sqlOnly(url: string, list: Shape[]): Promise<Map<string, number>> {
  // The web app's read pool settings (lib/server/dal/read-pool.ts).
  const pool = new pg.Pool({ connectionString: url, max: 2, options: "-c jit=off -c max_parallel_workers_per_gather=0" });
  const out = new Map<string, number>();
  try {
    const viewers = { planner: await viewerOf(pool, "usr_planner"), executive: await viewerOf(pool, "usr_executive") };
    console.log(`\nQueue SQL alone (page + size, in-process, sequential, 15 runs each after 2 warm-ups)`);
    for (const s of list) {
      const q = parseCasesQuery(new URLSearchParams(s.qs));
      const times: number[] = [];
      let last: Awaited<ReturnType<typeof queryCaseQueue>> | null = null;
      for (let i = 0; i < 17; i++) {
        const t = performance.now();
        last = await queryCaseQueue(pool, viewers[s.as], q, new Date());
        if (i >= 2) times.push(performance.now() - t);
      }
      const total = !last ? "" : last.totalCapped ? `${fmt(last.total)}+` : last.totalIsEstimate ? `≈ ${fmt(last.total)}` : fmt(last.total);
      out.set(s.name, quantile(times, 0.95));
      console.log(`  ${s.name.padEnd(34)} p50 ${ms(quantile(times, 0.5)).padStart(9)}  p95 ${ms(quantile(times, 0.95)).padStart(9)}  rows ${String(last?.rows.length ?? 0).padStart(3)}  total ${total}`);
      if (flag("explain")) {
        const sql = caseQueueSql(viewers[s.as], q, new Date());
        for (const part of [sql.page, sql.count]) {
          const plan = await pool.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${part.text}`, values: part.values });
          console.log(plan.rows.map((r) => `      ${r["QUERY PLAN"]}`).join("\n"));
        }
      }
    }
  } finally {
    await pool.end();
  }
  return out;
}

// ─── 3. HTTP under load ─────────────────────────────────────────────────────────────────────────

type Sample = { shape: string; ms: number; ok: boolean; error?: string };

/** One request of the mix: ok only for HTTP 200 with a rows array; otherwise why not. */
async function timedGet(agent: http.Agent, port: number, s: Shape, cookie: string): Promise<Sample> {
  const t = performance.now();
  let error: string | undefined;
  try {
    const res = await get(agent, port, `/api/cases${s.qs ? `?${s.qs}` : ""}`, cookie);
    if (res.status !== 200) error = `HTTP ${res.status} ${res.body.slice(0, 120)}`;
    else if (!Array.isArray((JSON.parse(res.body) as { rows?: unknown }).rows)) error = "no rows in the answer";
  } catch (e) {
    error = e instanceof Error ? `${(e as NodeJS.ErrnoException).code ?? ""} ${e.message}`.trim() : String(e);
  }
  return { shape: s.name, ms: performance.now() - t, ok: !error, error };
}

/** The distinct failure reasons, with counts. */
const errorSummary = (samples: Sample[]) => {
  const counts = new Map<string, number>();
  for (const x of samples) if (x.error) counts.set(`${x.shape}: ${x.error}`, (counts.get(`${x.shape}: ${x.error}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n}× ${k}`).join("; ");
};

function get(agent: http.Agent, port: number, pathAndQuery: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathAndQuery, agent, headers: { cookie, accept: "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

/** CONNECTIONS workers, each sending its next request as soon as the previous answered, for `seconds`. */
async function drive(port: number, cookies: Record<Shape["as"], string>, list: Shape[], seconds: number): Promise<{ samples: Sample[]; wallMs: number }> {
  const weighted = list.flatMap((s) => Array.from({ length: s.weight }, () => s));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const samples: Sample[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const s = weighted[next++ % weighted.length];
      samples.push(await timedGet(agent, port, s, cookies[s.as]));
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  agent.destroy();
  return { samples, wallMs: performance.now() - started };
}

/**
 * USERS virtual planners, each sending a request, reading the answer, then thinking ~THINK_MS
 * (uniform 0.5–1.5×) before the next: the load 50 people at their desks put on the queue.
 */
async function driveUsers(port: number, cookies: Record<Shape["as"], string>, list: Shape[], seconds: number, users: number, thinkMs: number): Promise<{ samples: Sample[]; wallMs: number }> {
  const weighted = list.flatMap((s) => Array.from({ length: s.weight }, () => s));
  const agent = new http.Agent({ keepAlive: true, maxSockets: users });
  const samples: Sample[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  const user = async (i: number) => {
    await new Promise((r) => setTimeout(r, (i / users) * thinkMs)); // staggered arrivals
    while (performance.now() < deadline) {
      const s = weighted[next++ % weighted.length];
      samples.push(await timedGet(agent, port, s, cookies[s.as]));
      await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
    }
  };
  await Promise.all(Array.from({ length: users }, (_, i) => user(i)));
  agent.destroy();
  return { samples, wallMs: performance.now() - started };
}

/**
 * CPU seconds (user + system) used so far by the server's process group (Linux /proc), so the bench
 * can print CPU per request: unlike latency, it barely depends on what else the machine is running.
 */
function groupCpuSeconds(pgid: number | undefined): number | null {
  if (!pgid || process.platform !== "linux") return null;
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
      if (Number(f[2]) !== pgid) continue; // field 5: process group
      total += (Number(f[11]) + Number(f[12])) / tick; // fields 14, 15: utime, stime
    } catch {
      // the process ended between readdir and read
    }
  }
  return total;
}

/** PostgreSQL's CPU seconds so far (all its processes: the bench database's backends do the queue's work). */
function postgresCpuSeconds(): number | null {
  if (process.platform !== "linux") return null;
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!/\((postgres|postmaster)\)/.test(stat.slice(0, stat.lastIndexOf(")") + 1))) continue;
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(DB_NAME)) continue; // title "postgres: user wb_bench_queue …"
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      // gone
    }
  }
  return total;
}

type Phase = { load: [number, number]; serverCpuMsPerReq: number | null; dbCpuMsPerReq: number | null };

/** Run a load phase, noting the 1-min load average before/after and CPU per request on both sides. */
async function measured<T extends { samples: Sample[] }>(pgid: number | undefined, run: () => Promise<T>): Promise<T & Phase> {
  const load0 = os.loadavg()[0];
  const cpu0 = groupCpuSeconds(pgid);
  const db0 = postgresCpuSeconds();
  const r = await run();
  const cpu1 = groupCpuSeconds(pgid);
  const db1 = postgresCpuSeconds();
  const n = Math.max(1, r.samples.length);
  return {
    ...r,
    load: [load0, os.loadavg()[0]],
    serverCpuMsPerReq: cpu0 === null || cpu1 === null ? null : ((cpu1 - cpu0) * 1000) / n,
    // Backends that ended during the phase drop out of the sum: a lower bound (the read pool keeps its connections).
    dbCpuMsPerReq: db0 === null || db1 === null ? null : ((db1 - db0) * 1000) / n,
  };
}

const phaseLine = (p: Phase) =>
  `  machine       load average ${p.load[0].toFixed(1)} → ${p.load[1].toFixed(1)} on ${os.cpus().length} cores (shared: other work on the machine slows every figure above)` +
  (p.serverCpuMsPerReq === null ? "" : `\n  CPU/request   next start ${p.serverCpuMsPerReq.toFixed(1)} ms` + (p.dbCpuMsPerReq === null ? "" : `, PostgreSQL ≈ ${p.dbCpuMsPerReq.toFixed(1)} ms (load-independent cost)`));

// ─── 4. first-load JS ───────────────────────────────────────────────────────────────────────────

/**
 * The JS files the /cases HTML loads (script src + preloads), gzip-sized from .next/static. Scripts
 * marked `nomodule` (Next's legacy-browser polyfills) are counted apart: every browser that runs ES
 * modules skips them, so they are not part of the first load people get (Next's own "First Load JS"
 * leaves them out too).
 */
async function firstLoadJs(base: string, cookie: string): Promise<{ files: number; gzipKb: number; rawKb: number; source: string; largest: string[]; noModuleKb: number }> {
  const html = await fetch(`${base}/cases`, { headers: { cookie } }).then((r) => r.text());
  const srcs = new Set<string>();
  const noModule = new Set<string>();
  for (const tag of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const m = /(?:src|href)="(\/_next\/static\/[^"?]+\.js)(?:\?[^"]*)?"/.exec(tag[0]);
    if (!m) continue;
    (/\bnomodule\b/i.test(tag[0]) ? noModule : srcs).add(m[1]);
  }
  for (const src of srcs) noModule.delete(src); // loaded as a module somewhere too: counted
  const gzipOf = (src: string) => {
    const file = path.join(ROOT, ".next", decodeURIComponent(src.replace(/^\/_next\//, "")));
    if (!existsSync(file)) throw new Error(`${src} is referenced by /cases but missing from .next/static`);
    const buf = readFileSync(file);
    return { buf, size: zlib.gzipSync(buf, { level: 9 }).length };
  };
  let gz = 0;
  let raw = 0;
  const sizes: [string, number][] = [];
  for (const src of srcs) {
    const { buf, size } = gzipOf(src);
    raw += buf.length;
    gz += size;
    // A hint at what a chunk holds, for whoever trims it.
    const text = buf.toString("utf8");
    const hint = [["react-dom", /react-dom|__reactFiber/], ["zod", /_zod/], ["react-table", /getCoreRowModel/], ["react-query", /QueryClient/], ["lucide", /lucide/]]
      .filter(([, re]) => (re as RegExp).test(text))
      .map(([n]) => n);
    sizes.push([`${path.basename(src)} ${(size / 1024).toFixed(1)} kB${hint.length ? ` (${hint.join(", ")})` : ""}`, size]);
  }
  let noModuleGz = 0;
  for (const src of noModule) noModuleGz += gzipOf(src).size;
  const largest = sizes.sort((a, b) => b[1] - a[1]).slice(0, 6).map((x) => x[0]);
  return { files: srcs.size, gzipKb: gz / 1024, rawKb: raw / 1024, source: "module scripts and preloads of the served /cases HTML", largest, noModuleKb: noModuleGz / 1024 };
}

// ─── main ───────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const serverUrl = splitDatabaseUrl(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test").serverUrl;
  let server: ChildProcess | null = null;
  let dbUrl: string | null = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await stopServer(server);
    if (dbUrl && !KEEP) await dropDatabase(serverUrl, DB_NAME).catch((e) => log(`could not drop ${DB_NAME}: ${e.message}`));
  };
  const timer = setTimeout(() => {
    log(`timed out after ${OVERALL_TIMEOUT_MS / 60_000} min; cleaning up`);
    void cleanup().finally(() => process.exit(2));
  }, OVERALL_TIMEOUT_MS);
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void cleanup().finally(() => process.exit(130)));

  try {
    const t0 = Date.now();
    dbUrl = `${serverUrl}/${DB_NAME}`;
    await prepareDatabase(serverUrl);
    log(`database ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const list = await shapes(dbUrl);
    const sqlP95 = await sqlOnly(dbUrl, list);
    if (flag("sql-only")) return;

    if (!flag("no-build")) buildIfStale(log);
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build (.next/BUILD_ID); run without --no-build");
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = startServer(port, dbUrl);
    await waitReady(base);
    const cookies = { planner: await signIn(base, "planner@demo.local"), executive: await signIn(base, "executive@demo.local") };
    log(`next start on :${port}, signed in; warming up ${WARMUP_S} s …`);
    await drive(port, cookies, list, WARMUP_S);
    log(`measuring: ${CONNECTIONS} connections × ${DURATION_S} s …`);
    const closed = await measured(server.pid, () => drive(port, cookies, list, DURATION_S));
    const { samples, wallMs } = closed;
    const USERS = CONNECTIONS;
    const THINK_MS = Number(arg("think-ms") ?? 1000);
    log(`measuring: ${USERS} users with ~${THINK_MS} ms think time × ${DURATION_S} s …`);
    const users = await measured(server.pid, () => driveUsers(port, cookies, list, DURATION_S, USERS, THINK_MS));
    const js = await firstLoadJs(base, cookies.planner);

    const all = samples.map((s) => s.ms);
    const errors = samples.filter((s) => !s.ok).length;
    const p95 = quantile(all, 0.95);
    console.log(`\nGET /api/cases — ${CONNECTIONS} concurrent connections, ${DURATION_S} s, ${fmt(CASES)} cases`);
    console.log(`  requests      ${fmt(samples.length)}  (${(samples.length / (wallMs / 1000)).toFixed(1)} req/s)`);
    console.log(`  errors        ${errors}${errors ? ` (${errorSummary(samples)})` : ""}`);
    console.log(`  latency       p50 ${ms(quantile(all, 0.5))}   p95 ${ms(p95)}   p99 ${ms(quantile(all, 0.99))}   max ${ms(Math.max(...all))}`);
    console.log(`  stress figure p95 < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? "yes" : "no"} — not the issue's target: each connection fires again the moment it`);
    console.log(`                is answered (no reading time), so this is a throughput test; with ${CONNECTIONS} always in flight, latency ≈ ${CONNECTIONS} / req/s.`);
    console.log(phaseLine(closed));
    console.log(`\n  per query shape (HTTP p50 / p95 under load; SQL-alone p95):`);
    for (const s of list) {
      const xs = samples.filter((x) => x.shape === s.name).map((x) => x.ms);
      console.log(`    ${s.name.padEnd(34)} n ${String(xs.length).padStart(5)}  p50 ${ms(quantile(xs, 0.5)).padStart(9)}  p95 ${ms(quantile(xs, 0.95)).padStart(9)}  sql ${ms(sqlP95.get(s.name) ?? NaN).padStart(8)}`);
    }
    const u = users.samples.map((x) => x.ms);
    const uErrors = users.samples.filter((x) => !x.ok).length;
    console.log(`\nGET /api/cases — ${USERS} users, each one request then ~${THINK_MS} ms think time, ${DURATION_S} s`);
    console.log(`  requests      ${fmt(u.length)}  (${(u.length / (users.wallMs / 1000)).toFixed(1)} req/s)   errors ${uErrors}${uErrors ? ` (${errorSummary(users.samples)})` : ""}`);
    console.log(`  latency       p50 ${ms(quantile(u, 0.5))}   p95 ${ms(quantile(u, 0.95))}   p99 ${ms(quantile(u, 0.99))}   max ${ms(Math.max(...u))}`);
    console.log(`  target        p95 < ${TARGET_P95_MS} ms under ${USERS} concurrent users (the issue's target): ${quantile(u, 0.95) < TARGET_P95_MS ? "met" : "NOT met"}`);
    console.log(phaseLine(users));
    console.log(`\n/cases first-load JavaScript: ${js.files} files, ${js.gzipKb.toFixed(1)} kB gzip (${js.rawKb.toFixed(0)} kB raw) — ${js.source}`);
    console.log(`  largest: ${js.largest.join("; ")}`);
    if (js.noModuleKb > 0) console.log(`  not counted: ${js.noModuleKb.toFixed(1)} kB gzip of nomodule polyfills, which only browsers without ES modules download`);
    console.log(`  target < ${TARGET_JS_KB} kB gzip: ${js.gzipKb < TARGET_JS_KB ? "met" : "NOT met"}`);
    if (errors + uErrors > 0) process.exitCode = 1;
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
