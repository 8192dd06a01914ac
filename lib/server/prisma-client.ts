/**
 * Builds a Prisma client over the pg driver adapter (no native query engine: see prisma.config.ts).
 * Not marked server-only so CLI scripts, the worker and tests can use it; the web app imports
 * `prisma` from lib/server/db.ts instead.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/server/generated/prisma/client";

export type { PrismaClient };

// The URL each client was built with, so raw pg pools (bulk reads) can reach the same database
// without reading Prisma internals.
const urls = new WeakMap<PrismaClient, string>();

/** A new client for `url` (defaults to DATABASE_URL). */
export function createPrismaClient(url = process.env.DATABASE_URL): PrismaClient {
  if (!url) throw new Error("DATABASE_URL is not set (start the app with `npm run demo`, which provides one).");
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_MAX ?? 10) }),
    // Prisma's defaults (2 s to get a connection, 5 s to finish) fail interactive transactions during a burst
    // that briefly drains the pool; waiting a little longer is better than refusing an approval.
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
  urls.set(client, url);
  return client;
}

/** The connection string a client from createPrismaClient was built with (undefined for other clients). */
export function databaseUrlOf(client: PrismaClient): string | undefined {
  return urls.get(client);
}
