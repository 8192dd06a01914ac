/**
 * A plain `pg` pool on the same database as a Prisma client, for the detection pipeline's bulk
 * reads: rows come back as arrays (rowMode "array"), which is several times faster than ORM
 * objects at a million rows. Writes stay in Prisma transactions (audit chain, advisory locks).
 */
import pg from "pg";
import { databaseUrlOf, type PrismaClient } from "@/lib/server/prisma-client";

const pools = new WeakMap<object, pg.Pool>();

/** The connection string the client was built with (createPrismaClient remembers it), else DATABASE_URL. */
function connectionStringOf(db: PrismaClient): string {
  const url = databaseUrlOf(db) ?? process.env.DATABASE_URL;
  if (!url) throw new Error("cannot tell which database the Prisma client uses (not built by createPrismaClient, no DATABASE_URL)");
  return url;
}

/** One small pool per Prisma client; idle connections close quickly so test processes can exit. */
export function sqlPool(db: PrismaClient): pg.Pool {
  let pool = pools.get(db);
  if (!pool) {
    // work_mem: the network read hash-joins a million order lines with their orders; at the 4 MB
    // default that join spills to disk in batches.
    pool = new pg.Pool({ connectionString: connectionStringOf(db), max: 6, idleTimeoutMillis: 2_000, allowExitOnIdle: true, options: "-c work_mem=64MB" });
    pool.on("error", () => {}); // an idle client dropped by the server is simply replaced
    pools.set(db, pool);
  }
  return pool;
}

/** Run a query and return its rows as arrays of column values (order as in the SELECT list). */
export async function queryRows(db: PrismaClient | pg.Pool | pg.ClientBase, text: string, values: unknown[] = []): Promise<unknown[][]> {
  const runner = db instanceof pg.Pool || db instanceof pg.Client ? db : sqlPool(db as PrismaClient);
  const res = await runner.query({ text, values, rowMode: "array" });
  return res.rows as unknown[][];
}
