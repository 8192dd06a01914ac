/**
 * `npm test`: the whole suite on a real PostgreSQL — embedded by default, the server in
 * DATABASE_URL when set (a fresh set of databases is created there and dropped afterwards).
 *   1. unit + integration tests (node:test, every *.test.ts under lib/ and prisma/)
 *   2. browser tests (Playwright in Chromium against `next build` + `next start`)
 * Flags: --only=unit | --only=e2e | --only=integration (the unit/integration files that use the database server, see
 * usesTestServer — what a second pass on another PostgreSQL needs); positional args filter test files by path
 * substring (with --only=e2e they go to Playwright)
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ROOT, ensureDatabaseExists, migrate, resolveServer, splitDatabaseUrl } from "@/lib/cli/database";
import { buildIfStale } from "@/lib/cli/next-build";
import { seedIfEmpty } from "@/lib/cli/prepare-database";

const only = process.argv.find((a) => a.startsWith("--only="))?.split("=")[1];
/** Positional arguments filter unit/integration test files by path substring: `npm run test:unit -- lib/adapters`. */
const fileFilters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const RUN = `wb_t${process.pid}`;
/** Test files run at once by the unit half (WB_TEST_CONCURRENCY; CI lowers it for a pass that shares the machine). */
const TEST_CONCURRENCY = Math.max(1, Number(process.env.WB_TEST_CONCURRENCY ?? 2));

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "generated" || entry.startsWith(".")) continue;
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (entry.endsWith(".test.ts")) out.push(path.relative(ROOT, p));
  }
  return out.sort();
}

/**
 * Does this test file use the database server the suite runs on? Those that do call createTestDatabase (or read its
 * environment), set DATABASE_URL, or go through the access-matrix harness. The rest are pure (parsers, domain rules,
 * schemas) or bring their own server (the chaos test crashes an embedded cluster it owns): their outcome does not
 * depend on which PostgreSQL the suite was given, so a second pass on another server (CI) leaves them out.
 */
function usesTestServer(source: string): boolean {
  return /createTestDatabase|WB_TEST_SERVER_URL|WB_TEST_TEMPLATE|DATABASE_URL|testing\/access-matrix/.test(source);
}

/** Run a command; `echo: false` keeps its output for the caller to print (two halves running side by side). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, echo = true): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (echo && process.stdout.write(d), (output += d)));
    child.stderr.on("data", (d) => (echo && process.stderr.write(d), (output += d)));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

async function countItems(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(`select count(*) as n from "Item"`)).rows[0].n);
  } finally {
    await c.end();
  }
}

async function dropRunDatabases(serverUrl: string) {
  const c = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${RUN}\\_%`]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** Debian's Chromium is what our machines can install; as root, install it when missing. */
function ensureChromium() {
  if (existsSync("/usr/bin/chromium") || process.env.PLAYWRIGHT_USE_BUNDLED) return;
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    console.log("Chromium not found at /usr/bin/chromium; Playwright will use its own browser if installed.");
    return;
  }
  console.log("Installing Debian chromium for the browser tests …");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  const r = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (r.status !== 0) throw new Error("apt-get install chromium failed");
}

async function main() {
  const started = Date.now();
  const server = await resolveServer("test");
  const serverUrl = server.embedded ? server.url : splitDatabaseUrl(server.url).serverUrl;
  console.log(`Test databases on ${server.embedded ? "the embedded PostgreSQL" : "the DATABASE_URL server"} (prefix ${RUN}_).`);
  const totals = { passed: 0, failed: 0 };
  let failed = false;
  try {
    // The base database is the one the browser tests use: DATABASE_URL's own database when given
    // (it must be empty — tests write to it), else a fresh one on the embedded server.
    // With --only=unit no browser test runs, so a private base database keeps parallel runs apart.
    const base = server.embedded || only === "unit" || only === "integration" ? `${RUN}_base` : splitDatabaseUrl(server.url).database;
    const baseUrl = `${serverUrl}/${base}`;
    await ensureDatabaseExists(serverUrl, base);
    migrate(baseUrl);
    if (!server.embedded && only !== "unit" && only !== "integration" && (await countItems(baseUrl)) > 0) {
      throw new Error(`DATABASE_URL points at a database that already holds data (${base}). npm test writes to it: give it an empty database.`);
    }
    await seedIfEmpty(baseUrl);
    const empty = `${RUN}_empty`;
    const seeded = `${RUN}_seeded`;
    await ensureDatabaseExists(serverUrl, empty);
    migrate(`${serverUrl}/${empty}`);
    const tplClient = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await tplClient.connect();
    await tplClient.query(`CREATE DATABASE "${seeded}" TEMPLATE "${base}"`);
    await tplClient.end();

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WB_TEST_RUN: RUN,
      WB_TEST_SERVER_URL: serverUrl,
      WB_TEST_TEMPLATE_EMPTY: empty,
      WB_TEST_TEMPLATE_SEEDED: seeded,
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
    };
    delete env.DATABASE_URL; // each test file creates its own database

    // Both halves (npm test): side by side — the unit half is CPU-bound, the browser half mostly waits for pages and
    // jobs — with the unit half's output printed whole when it ends, so the log reads in order.
    const both = only === undefined;
    const echoUnit = !both;
    const unitHalf = async () => {
      const all = [...findTests(path.join(ROOT, "lib")), ...findTests(path.join(ROOT, "prisma"))].filter(
        (f) => fileFilters.length === 0 || fileFilters.some((filter) => f.includes(filter)),
      );
      const files = only === "integration" ? all.filter((f) => usesTestServer(readFileSync(path.join(ROOT, f), "utf8"))) : all;
      const header =
        only === "integration"
          ? `\n▶ Integration tests that use the database server (${files.length} of ${all.length} files; the others do not depend on it)\n`
          : `\n▶ Unit and integration tests (${files.length} files)\n`;
      if (echoUnit) console.log(header);
      // react-server condition: lets tests import modules guarded by `server-only`. NODE_ENV=test opens
      // the session test seam (lib/testing/test-session.ts); production builds compile it away.
      const r = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "--test", "--test-reporter=spec", `--test-concurrency=${TEST_CONCURRENCY}`, ...files], {
        ...env,
        NODE_ENV: "test",
      }, echoUnit);
      if (!echoUnit) console.log(`${header}${r.output}`);
      const pass = Number(/ℹ pass (\d+)/.exec(r.output)?.[1] ?? 0);
      const fail = Number(/ℹ fail (\d+)/.exec(r.output)?.[1] ?? 0);
      totals.passed += pass;
      totals.failed += fail;
      if (r.code !== 0 || pass === 0) failed = true;
    };
    const browserHalf = async () => {
      console.log("\n▶ Browser tests (Playwright, Chromium, production build)\n");
      // Per-database output folders: Playwright empties its output folder when it starts.
      const label = server.embedded ? "embedded" : "server";
      const resultsFile = path.join(ROOT, "test-results", `${label}-results.json`);
      const r = await run(path.join(ROOT, "node_modules/.bin/playwright"), ["test", ...(only === "e2e" ? fileFilters : [])], {
        ...env,
        DATABASE_URL: baseUrl,
        PLAYWRIGHT_JSON_OUTPUT_NAME: resultsFile,
        PLAYWRIGHT_OUTPUT_DIR: path.join(ROOT, "test-results", label),
      });
      if (existsSync(resultsFile)) {
        const stats = JSON.parse(readFileSync(resultsFile, "utf8")).stats as { expected: number; unexpected: number; flaky: number };
        totals.passed += stats.expected + stats.flaky;
        totals.failed += stats.unexpected;
        if (stats.expected === 0) failed = true;
      } else failed = true;
      if (r.code !== 0) failed = true;
    };
    const browser = only !== "unit" && only !== "integration";
    if (browser) {
      // Before either half starts: the build is synchronous and would stall the unit half's output meanwhile.
      ensureChromium();
      // WB_PREBUILT=1 (CI runs two passes side by side on one build): never rebuild under the other pass's server.
      if (process.env.WB_PREBUILT) {
        if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("WB_PREBUILT is set but there is no .next build: run `npm run build` first.");
      } else buildIfStale();
    }
    // allSettled: a half that throws must not let cleanup drop the databases under the other one.
    const halves = await Promise.allSettled([only !== "e2e" ? unitHalf() : undefined, browser ? browserHalf() : undefined]);
    for (const h of halves) if (h.status === "rejected") throw h.reason;
  } catch (e) {
    console.error(e);
    failed = true;
  } finally {
    await dropRunDatabases(serverUrl).catch((e) => console.error("cleanup:", e.message));
    await server.stop();
  }
  console.log(`\nTest suite finished in ${((Date.now() - started) / 1000).toFixed(0)} s on ${server.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}.`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(failed || totals.failed > 0 ? 1 : 0);
}

main();
