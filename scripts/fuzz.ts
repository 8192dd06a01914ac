/**
 * `npm run fuzz -- --runs=N [--db-runs=M] [--seed=S] [filter…]`: the property/fuzz tests with many more inputs than
 * `npm test` gives them, and a random seed unless one is given (a failure prints it; replay with --seed). Runs
 * through the normal test runner (embedded PostgreSQL, or DATABASE_URL's server), then prints per target how many
 * inputs were tried, how long it took, and that nothing failed.
 *   --runs=N     inputs per pure target (parsers, schemas, CSV export; default 2000)
 *   --db-runs=M  inputs per database target (ingest through PostgreSQL; default N / 20, at least 25)
 *   filter…      test file path substrings (default: every fuzz target)
 */
import { spawn } from "node:child_process";
import path from "node:path";

const TARGETS = ["lib/adapters/x12/x12.fuzz", "lib/adapters/csv/tables.fuzz", "lib/utils/csv.fuzz", "lib/actions/boundary-schemas", "lib/server/ingest/hostile-ingest"];

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const runs = Number(arg("runs") ?? 2000);
const dbRuns = Number(arg("db-runs") ?? Math.max(25, Math.round(runs / 20)));
const seed = Number(arg("seed") ?? Math.floor(Math.random() * 2 ** 31));
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(dbRuns) || dbRuns < 1 || !Number.isInteger(seed)) {
  console.error("usage: npm run fuzz -- --runs=N [--db-runs=M] [--seed=S] [filter…]");
  process.exit(2);
}

console.log(`Fuzzing with seed ${seed}: ${runs} inputs per pure target, ${dbRuns} per database target.`);
const started = Date.now();
const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "../lib/cli/test.ts"), "--only=unit", ...(filters.length ? filters : TARGETS)], {
  env: { ...process.env, WB_FUZZ_RUNS: String(runs), WB_FUZZ_RUNS_DB: String(dbRuns), WB_FUZZ_SEED: String(seed) },
  stdio: ["ignore", "pipe", "inherit"],
});
let output = "";
child.stdout.on("data", (d) => {
  output += d;
  process.stdout.write(d);
});
child.on("close", (code) => {
  const stats = [...output.matchAll(/ℹ (.+): (\d+) inputs in (\d+) ms, no failure \(seed (\d+)\)/g)].map((m) => ({ target: m[1], inputs: Number(m[2]), ms: Number(m[3]) }));
  console.log(`\nFuzz summary (seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s in all):`);
  for (const s of stats) console.log(`  ${s.target.padEnd(52)} ${String(s.inputs).padStart(8)} inputs  ${(s.ms / 1000).toFixed(1).padStart(7)} s  nothing found`);
  const total = stats.reduce((n, s) => n + s.inputs, 0);
  console.log(`  ${"total".padEnd(52)} ${String(total).padStart(8)} inputs`);
  if (code !== 0) console.log(`\nA property failed: the report above has the counter-example; replay it with --seed=${seed}.`);
  process.exit(code ?? 1);
});
