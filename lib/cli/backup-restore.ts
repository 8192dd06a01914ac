/**
 * Backup and restore (npm run db:backup / db:restore; README "Backup and restore").
 * - Backup: pg_dump in custom format of the running database. pg_dump reads every table in one
 *   repeatable-read snapshot, so the copy is consistent while the app and workers keep writing.
 * - Restore: pg_restore into a fresh database (created if missing; refused if it holds tables), in one
 *   transaction (a failed restore leaves nothing behind), then the audit hash chain is verified and
 *   the key tables counted.
 */
import { spawn } from "node:child_process";
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureDatabaseExists, splitDatabaseUrl } from "@/lib/cli/database";
import { findPgTool, libpqTarget, serverMajor } from "@/lib/cli/pg-tools";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { verifyAuditChain, type ChainVerdict } from "@/lib/server/audit/verify-audit-chain";

/** Tables whose row counts are compared between a source and its restored copy. */
export const KEY_TABLES = ["User", "Location", "Item", "InventoryBalance", "PurchaseOrder", "SalesOrder", "DataSource", "SyncRun", "RawPayload", "Case", "Exception", "CaseEvent", "CaseAction", "ActionApproval", "WriteBack", "AuditEntry"] as const;

export type BackupResult = { file: string; bytes: number; ms: number; tool: string; serverMajor: number };
export type RestoreResult = { targetUrl: string; ms: number; tool: string; chain: ChainVerdict; counts: Record<string, number> };

/** The URL with its password masked, for messages. */
export function safeUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

function run(binary: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(binary)} exited with ${code}: ${stderr.trim()}`))));
  });
}

/** pg_dump (custom format) of the database at `url` into `file`; the file appears only when the dump is complete. */
export async function backupDatabase(url: string, file: string): Promise<BackupResult> {
  const major = await serverMajor(url);
  const tool = findPgTool("pg_dump", major);
  const { dbname, env } = libpqTarget(url);
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const started = Date.now();
  try {
    await run(tool, ["--format=custom", "--compress=6", `--file=${partial}`, `--dbname=${dbname}`], env);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file: target, bytes: statSync(target).size, ms: Date.now() - started, tool, serverMajor: major };
}

/** Row counts of KEY_TABLES (tables a build does not have yet are left out). */
export async function countKeyTables(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const counts: Record<string, number> = {};
    const { rows } = await c.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace AND relname = ANY($1)`, [KEY_TABLES]);
    for (const { relname } of rows) counts[relname] = Number((await c.query(`SELECT count(*) AS n FROM "${relname}"`)).rows[0].n);
    return Object.fromEntries(KEY_TABLES.filter((t) => t in counts).map((t) => [t, counts[t]]));
  } finally {
    await c.end();
  }
}

async function userTableCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
    return Number(rows[0].n);
  } finally {
    await c.end();
  }
}

/** pg_restore `file` into the fresh database at `targetUrl`, then verify the audit chain and count key tables. */
export async function restoreDatabase(file: string, targetUrl: string): Promise<RestoreResult> {
  statSync(file); // a clear ENOENT before anything is created
  const { serverUrl, database } = splitDatabaseUrl(targetUrl);
  await ensureDatabaseExists(serverUrl, database);
  const tables = await userTableCount(targetUrl);
  if (tables > 0) throw new Error(`${safeUrl(targetUrl)} already holds ${tables} table(s). Restore into a new or empty database.`);
  const tool = findPgTool("pg_restore", await serverMajor(targetUrl));
  const { dbname, env } = libpqTarget(targetUrl);
  const started = Date.now();
  await run(tool, ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${dbname}`, path.resolve(file)], env);
  const ms = Date.now() - started;
  const db = createPrismaClient(targetUrl);
  try {
    return { targetUrl, ms, tool, chain: await verifyAuditChain(db), counts: await countKeyTables(targetUrl) };
  } finally {
    await db.$disconnect();
  }
}
