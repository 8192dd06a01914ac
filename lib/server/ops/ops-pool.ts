/**
 * A small pg pool of its own for health checks and the system-health page: they must answer fast
 * and even when the app's Prisma pool is exhausted. Every statement has a short timeout and a
 * connection attempt gives up quickly, so a dead database is reported as "down" in ~2 s, not hung.
 */
import pg from "pg";

const globalForOps = globalThis as unknown as { workbenchOpsPools?: Map<string, pg.Pool> };
const pools = (globalForOps.workbenchOpsPools ??= new Map());

export const OPS_STATEMENT_TIMEOUT_MS = Number(process.env.HEALTH_STATEMENT_TIMEOUT_MS ?? 2000);

/** The ops pool for `url` (DATABASE_URL by default). */
export function opsPool(url = process.env.DATABASE_URL): pg.Pool {
  if (!url) throw new Error("DATABASE_URL is not set");
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 3,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: OPS_STATEMENT_TIMEOUT_MS,
      allowExitOnIdle: true,
      options: `-c statement_timeout=${OPS_STATEMENT_TIMEOUT_MS} -c jit=off`,
    });
    pool.on("error", () => {}); // a dropped idle client is replaced on the next check
    pools.set(url, pool);
  }
  return pool;
}

/** Close the ops pools (tests and scripts). */
export async function endOpsPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.end()));
}
