/**
 * Prisma CLI configuration (CLI process only — the app builds its own client in lib/server/db.ts).
 *
 * Why this file is unusual: our machines reach only the npm registry, and Prisma's native schema
 * engine is downloaded from elsewhere at run time. Prisma 6.19 can instead run its JavaScript
 * (wasm) schema engine over a driver adapter — that is what `engine: "js"` + `adapter` select.
 * Three upstream rough edges need working around here (see ../shared/docs/toolchain.md):
 *  1. adapter-pg cannot deserialise PostgreSQL's `name` (OID 19) and `"char"` (OID 18) columns,
 *     which the engine's introspection queries return (prisma/orm#27403).
 *  2. its shadow database reuses `connectionString`, i.e. points at the real database; we build
 *     the pool from discrete fields and manage the shadow database ourselves.
 *  3. an idle pool and a long wasm timer keep the CLI alive for up to a minute after it is done.
 *  4. adapter-pg's executeScript splits migration scripts on every `;`, which breaks function bodies
 *     (`$$ … ; … $$`). We send the script whole; PostgreSQL's simple protocol runs it as one unit.
 */
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { randomBytes } from "node:crypto";
import pg from "pg";

// Workaround 3b: long timers must not keep the CLI process alive.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = originalSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 5_000 && typeof (t as { unref?: () => void }).unref === "function") (t as NodeJS.Timeout).unref();
  return t;
}) as typeof setTimeout;

// `prisma generate` reads the schema's `env("DATABASE_URL")` although it never connects; give it a
// placeholder so a fresh `npm install` (postinstall) works without a database.
const databaseUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://placeholder@127.0.0.1:1/placeholder";

const OID_CHAR = 18;
const OID_NAME = 19;
const OID_TEXT = 25;
const OID_CHAR_ARRAY = 1002;
const OID_NAME_ARRAY = 1003;
const OID_TEXT_ARRAY = 1009;

type PgField = { dataTypeID: number };
type Queryable = {
  executeScript?: (script: string) => Promise<void>;
  underlyingDriver?: () => pg.Pool;
  onError?: (e: unknown) => never;
  performIO: (q: unknown) => Promise<{ fields: PgField[] }>;
  queryRaw: (q: unknown) => Promise<{ columnTypes: number[] }>;
  startTransaction?: (...a: unknown[]) => Promise<Queryable>;
};

/** Workaround 1: remap the OIDs adapter-pg cannot deserialise, and report "char" as Character. */
function patchQueryable<T>(target: T): T {
  const q = target as unknown as Queryable;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = q.performIO.bind(q);
  const queryRaw = q.queryRaw.bind(q);
  let lastCharIdx: number[] = [];
  q.performIO = async (query) => {
    const result = await performIO(query);
    const idx: number[] = [];
    result.fields?.forEach((f, i) => {
      if (f.dataTypeID === OID_CHAR) idx.push(i);
      if (f.dataTypeID === OID_CHAR || f.dataTypeID === OID_NAME) f.dataTypeID = OID_TEXT;
      else if (f.dataTypeID === OID_CHAR_ARRAY || f.dataTypeID === OID_NAME_ARRAY) f.dataTypeID = OID_TEXT_ARRAY;
    });
    charColumns.set(result, idx);
    lastCharIdx = idx;
    return result;
  };
  q.queryRaw = async (query) => {
    const rs = await queryRaw(query);
    for (const i of lastCharIdx) rs.columnTypes[i] = ColumnTypeEnum.Character;
    return rs;
  };
  if (q.executeScript && q.underlyingDriver) {
    const pool = q.underlyingDriver();
    q.executeScript = async (script) => {
      try {
        await pool.query(script);
      } catch (e) {
        q.onError!(e);
      }
    };
  }
  if (q.startTransaction) {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (...a) => patchQueryable(await start(...a));
  }
  return target;
}

function poolConfigFromUrl(url: string, database?: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? (decodeURIComponent(u.pathname.slice(1)) || undefined),
    allowExitOnIdle: true, // workaround 3a
    max: 4,
  };
}

class CliPrismaPg extends PrismaPg {
  constructor(private readonly url: string) {
    super(poolConfigFromUrl(url));
  }

  override async connect() {
    return patchQueryable(await super.connect());
  }

  /** Workaround 2: a real, separate shadow database, dropped (with FORCE) after its pool ends. */
  override async connectToShadowDb() {
    const name = `prisma_shadow_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client(poolConfigFromUrl(this.url));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const shadow = await new PrismaPg(poolConfigFromUrl(this.url, name)).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const dropper = new pg.Client(poolConfigFromUrl(this.url));
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    };
    return patchQueryable(shadow);
  }
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const url = databaseUrl;
    if (!url) throw new Error("DATABASE_URL is not set. Use `npm run db:migrate`, which starts the embedded database when needed.");
    return new CliPrismaPg(url);
  },
});
