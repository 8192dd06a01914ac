/**
 * Ingestion batches are written on a plain `pg` connection rather than through Prisma: the writers are hand-written
 * set-based SQL anyway, and skipping the ORM's parameter serialisation roughly halves the client-side cost and keeps
 * memory flat on million-row files.
 */
import type pg from "pg";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { sqlPool } from "@/lib/server/pipeline/sql-pool";
import type { SqlRunner } from "./sql-upsert";

export function pgRunner(client: pg.ClientBase): SqlRunner {
  return {
    $queryRawUnsafe: (async (sql: string, ...values: unknown[]) => (await client.query(sql, values)).rows) as SqlRunner["$queryRawUnsafe"],
    $executeRawUnsafe: (async (sql: string, ...values: unknown[]) => (await client.query(sql, values)).rowCount ?? 0) as SqlRunner["$executeRawUnsafe"],
  };
}

/**
 * Run `fn` in one transaction on the same database as `db`. Commits are asynchronous (synchronous_commit off): the
 * raw payload was committed durably before processing began, and its status only becomes PROCESSED in a later
 * synchronous commit — which flushes these batches first — so a crash can only lose batches of a payload that will
 * be processed again.
 */
export async function inIngestTransaction<T>(db: PrismaClient, fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const client = await sqlPool(db).connect();
  let broken = false;
  // A connection dropped mid-transaction (server restart) surfaces as the query's rejection; the client's own
  // error event must not crash the worker.
  const onError = () => (broken = true);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL synchronous_commit = off");
    const result = await fn(pgRunner(client));
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw e;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
