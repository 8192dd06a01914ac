/**
 * `npm run chaos`: fault injection against the real stack, on an embedded PostgreSQL this script owns (never the
 * machine's shared server), so it can crash it:
 *   1. a CSV import of the real AdventureWorks tables, PostgreSQL crashed (SIGQUIT, crash recovery) between two batches;
 *   2. a pull sync from the fake Odoo server, PostgreSQL crashed after a few pages;
 *   3. a write-back to the fake Odoo, PostgreSQL crashed after Odoo applied it and before the worker recorded it;
 *   4. the approval process SIGKILLed at random moments, --iterations times.
 * Each is checked against a control run without faults (exactly once by natural key), and the script prints its
 * figures; exit 1 when any check fails. Flags: --iterations=N (default 40), --max-kill-ms=N (default 1500),
 * --only=csv,sync,writeback,approvals. Port: CHAOS_DB_PORT (default WB_TEST_DB_PORT + 10, i.e. 54349).
 */
import { dropDatabase, ensureDatabaseExists, migrate, startEmbeddedServer } from "@/lib/cli/database";
import { startFakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { csvImportRestart, syncRestart, writeBackRestart, type ScenarioResult } from "@/lib/testing/chaos/restart-scenarios";
import { approvalKill } from "@/lib/testing/chaos/approval-kill";

process.env.AUTH_SECRET ??= "chaos-run-secret-0123456789abcdef0123456789";
process.env.LOG_LEVEL ??= "error";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const ITERATIONS = Number(arg("iterations") ?? 40);
const MAX_KILL_MS = Number(arg("max-kill-ms") ?? 1500);
const ONLY = new Set((arg("only") ?? "csv,sync,writeback,approvals").split(","));
const PORT = Number(process.env.CHAOS_DB_PORT ?? Number(process.env.WB_TEST_DB_PORT ?? 54339) + 10);
const log = (m: string) => console.log(`[chaos] ${m}`);

function print(r: ScenarioResult) {
  console.log(`\n${r.name}`);
  for (const [k, v] of Object.entries(r.figures)) console.log(`  ${k.padEnd(42)} ${v}`);
  console.log(r.problems.length ? r.problems.map((p) => `  FAIL ${p}`).join("\n") : "  OK");
}

async function main() {
  const started = Date.now();
  const cluster = await startEmbeddedServer("chaos", PORT, log);
  const erp = await startFakeErpServer();
  const names = { chaos: `wb_chaos_${process.pid}`, control: `wb_chaos_${process.pid}_control` };
  const urls = { chaos: `${cluster.url}/${names.chaos}`, control: `${cluster.url}/${names.control}` };
  const results: ScenarioResult[] = [];
  try {
    for (const name of Object.values(names)) await ensureDatabaseExists(cluster.url, name);
    migrate(urls.chaos, log);
    migrate(urls.control, log);
    // The CSV import also provides the items and sites the later scenarios use.
    results.push(await csvImportRestart(cluster, urls));
    print(results.at(-1)!);
    if (ONLY.has("sync") || ONLY.has("writeback")) {
      results.push(await syncRestart(cluster, erp, urls));
      print(results.at(-1)!);
    }
    if (ONLY.has("writeback")) {
      results.push(await writeBackRestart(cluster, erp, urls.chaos));
      print(results.at(-1)!);
    }
    if (ONLY.has("approvals")) {
      log(`approval kill: ${ITERATIONS} iterations …`);
      results.push(await approvalKill(urls.chaos, { iterations: ITERATIONS, maxKillMs: MAX_KILL_MS, log: process.argv.includes("--verbose") ? log : undefined }));
      print(results.at(-1)!);
    }
  } finally {
    await erp.close();
    for (const name of Object.values(names)) await dropDatabase(cluster.url, name).catch(() => undefined);
    await cluster.stop();
  }
  const failed = results.filter((r) => r.problems.length);
  console.log(`\nchaos: ${results.length} scenarios, ${failed.length} failed, ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${(await import("node:os")).loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (failed.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
