/**
 * Machinery of the role × action matrix (access-matrix.test.ts): find every server action and route
 * handler, run a call as a user inside Next's request-scoped stores, and record which tables it changed.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import "@/lib/testing/next-runtime";
import { withSession } from "@/lib/testing/test-session";
import type { SessionClaims } from "@/lib/domain/auth/session-policy";

const ROOT = path.resolve(__dirname, "../../..");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type Discovered = { key: string; file: string; fn: (...args: unknown[]) => Promise<unknown> };

/** Every export of every lib/actions/*-actions.ts module ("use server" files export only actions). */
export async function discoverActions(): Promise<Discovered[]> {
  const dir = path.join(ROOT, "lib/actions");
  const out: Discovered[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith("-actions.ts")).sort()) {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") throw new Error(`lib/actions/${file} exports ${name}, which is not a function; "use server" modules export only actions`);
      out.push({ key: name, file: `lib/actions/${file}`, fn: value as Discovered["fn"] });
    }
  }
  return out;
}

function walkRoutes(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) walkRoutes(p, out);
    else if (/^route\.(ts|tsx|js)$/.test(entry)) out.push(p);
  }
  return out;
}

/** Every exported HTTP method of every app/api/** /route.ts, keyed "POST /api/sources/[sourceId]/uploads". */
export async function discoverRoutes(): Promise<Discovered[]> {
  const out: Discovered[] = [];
  for (const file of walkRoutes(path.join(ROOT, "app/api")).sort()) {
    const url = "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === "function") out.push({ key: `${method} ${url}`, file: path.relative(ROOT, file), fn: mod[method] as Discovered["fn"] });
    }
  }
  return out;
}

/**
 * Run `fn` with the given session claims (null = signed out) inside the minimal work store Next's
 * `revalidatePath` needs (a server action runs in one; outside Next there is none). The store records
 * what the call revalidated.
 */
export async function callWith<T>(claims: SessionClaims | null, fn: () => Promise<T>): Promise<{ value: T; revalidated: string[] }> {
  const { workAsyncStorage } = await import("next/dist/server/app-render/work-async-storage.external.js");
  const store = { route: "/access-matrix", incrementalCache: {}, pendingRevalidatedTags: [] as { tag: string }[], cacheLifeProfiles: {} };
  const value = await workAsyncStorage.run(store as never, () => withSession(claims, fn));
  return { value, revalidated: store.pendingRevalidatedTags.map((t) => t.tag) };
}

/** Run `fn` as `user` with a fresh, valid session (their current sessionVersion, signed in just now). */
export function callAs<T>(user: { id: string; sessionVersion: number }, fn: () => Promise<T>) {
  return callWith({ userId: user.id, sessionVersion: user.sessionVersion, authTime: Math.floor(Date.now() / 1000) }, fn);
}

/**
 * A row trigger on every table of the cloned test database (public schema and pg-boss's job table)
 * notes each inserted, updated or deleted row in an unlogged table; `changedTables` reads what a call
 * committed. Only the test database gets these triggers (never a migration).
 */
export class ChangeLog {
  private constructor(private readonly client: pg.Client) {}

  static async install(url: string): Promise<ChangeLog> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`
      CREATE UNLOGGED TABLE IF NOT EXISTS public."_matrix_change" (id bigserial PRIMARY KEY, tbl text NOT NULL);
      CREATE OR REPLACE FUNCTION public._matrix_note() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- pg-boss keeps one partition per queue: report them all as "job".
        INSERT INTO public."_matrix_change"(tbl) VALUES (CASE WHEN TG_TABLE_SCHEMA = 'pgboss' THEN 'job' ELSE TG_TABLE_NAME END);
        RETURN NULL;
      END $$;`);
    const { rows } = await client.query<{ schema: string; name: string }>(`
      SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND ((n.nspname = 'public' AND c.relname NOT IN ('_matrix_change', '_prisma_migrations')) OR (n.nspname = 'pgboss' AND c.relname = 'job'))`);
    for (const r of rows) {
      await client.query(`CREATE TRIGGER _matrix_note AFTER INSERT OR UPDATE OR DELETE ON "${r.schema}"."${r.name}" FOR EACH ROW EXECUTE FUNCTION public._matrix_note()`);
    }
    return new ChangeLog(client);
  }

  /** The newest change id: pass it to `changedTables` after the call. */
  async mark(): Promise<number> {
    return Number((await this.client.query<{ n: string }>(`SELECT coalesce(max(id), 0) AS n FROM public."_matrix_change"`)).rows[0].n);
  }

  /** Tables with rows changed (and committed) since `mark`, with counts. */
  async changedTables(since: number): Promise<Record<string, number>> {
    const { rows } = await this.client.query<{ tbl: string; n: string }>(`SELECT tbl, count(*) AS n FROM public."_matrix_change" WHERE id > $1 GROUP BY tbl ORDER BY tbl`, [since]);
    return Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)]));
  }

  async close() {
    await this.client.end();
  }
}
