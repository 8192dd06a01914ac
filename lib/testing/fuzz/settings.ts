/**
 * How many inputs each property/fuzz target tries, and with which seed. `npm test` runs every target with its own
 * small default count and a fixed seed (reproducible, fast); `npm run fuzz` raises the count and picks a random seed.
 * A failure prints the seed and the shrunk counter-example (fast-check's report) so it can be replayed with
 * WB_FUZZ_SEED=<seed>.
 */
import fc from "fast-check";

/** Seed used by `npm test` when WB_FUZZ_SEED is unset: fixed, so CI explores the same inputs every time. */
export const DEFAULT_SEED = 20261206;

export interface FuzzStats {
  target: string;
  runs: number;
  ms: number;
  seed: number;
}

const stats: FuzzStats[] = [];

/**
 * Runs per target: WB_FUZZ_RUNS overrides every default (the fuzz script sets it); targets that go through the
 * database (`costly`) read WB_FUZZ_RUNS_DB instead, so a long pure run does not turn into hours of imports.
 */
export function fuzzRuns(defaultRuns: number, costly = false): number {
  const n = Number(costly ? process.env.WB_FUZZ_RUNS_DB : process.env.WB_FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : defaultRuns;
}

export function fuzzSeed(): number {
  const n = Number(process.env.WB_FUZZ_SEED);
  return Number.isInteger(n) ? n : DEFAULT_SEED;
}

/**
 * fc.assert with the project's settings; records how many inputs were tried and how long it took (printed by the
 * fuzz script and as a test diagnostic). Async and sync properties alike.
 */
export async function checkProperty<Ts extends unknown[]>(
  target: string,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  defaultRuns: number,
  options: { costly?: boolean } = {},
): Promise<FuzzStats> {
  const runs = fuzzRuns(defaultRuns, options.costly);
  const seed = fuzzSeed();
  const started = performance.now();
  let tried = 0;
  const count = fc.beforeEach(() => {
    tried++;
  });
  await fc.assert(property as fc.IAsyncProperty<Ts>, { numRuns: runs, seed, plugins: [count] });
  const result = { target, runs: tried, ms: Math.round(performance.now() - started), seed };
  stats.push(result);
  return result;
}

export function recordedStats(): readonly FuzzStats[] {
  return stats;
}

/** "x12: 300 inputs in 812 ms (seed 20261206)" */
export function describeStats(s: FuzzStats): string {
  return `${s.target}: ${s.runs} inputs in ${s.ms} ms, no failure (seed ${s.seed})`;
}
