/**
 * A plain `pg` pool for the queue's hot read path (GET /api/cases runs on every filter change and
 * every 30 s per open tab). Plain pg skips the ORM's row mapping, and the connection options make
 * latency predictable on a large Case table:
 *  - jit=off: PostgreSQL's JIT kicks in on high cost *estimates* (a million-row table) and spends
 *    tens of milliseconds compiling a query that then reads 25 rows by index;
 *  - max_parallel_workers_per_gather=0: under many concurrent users parallel workers only add
 *    overhead, and the severity sort relies on Append returning its children in order;
 *  - statement_timeout: a pathological filter fails fast instead of holding a connection.
 */
import pg from "pg";

type PoolCache = Map<string, pg.Pool>;
const globalForPools = globalThis as unknown as { workbenchReadPools?: PoolCache };
const pools: PoolCache = (globalForPools.workbenchReadPools ??= new Map());

/** The read pool for DATABASE_URL (one per URL, kept on globalThis so dev hot-reload does not leak pools). */
export function readPool(url = process.env.DATABASE_URL): pg.Pool {
  if (!url) throw new Error("DATABASE_URL is not set");
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.READ_POOL_MAX ?? 10),
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      options: `-c jit=off -c max_parallel_workers_per_gather=0 -c statement_timeout=${Number(process.env.READ_STATEMENT_TIMEOUT_MS ?? 15_000)}`,
    });
    pool.on("error", () => {}); // an idle client dropped by the server is simply replaced
    pools.set(url, pool);
  }
  return pool;
}

/** Close every read pool (tests and scripts that want a clean exit). */
export async function endReadPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.end()));
}
