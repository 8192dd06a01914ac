/**
 * Set-based upsert: one INSERT … SELECT FROM unnest(arrays) … ON CONFLICT per batch, instead of a statement per row.
 * Versioned tables only accept an update whose sourceVersion is not older than the stored one, which resolves
 * out-of-order deliveries (an old event arriving late changes nothing).
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { pgSafeJson } from "./pg-safe";

/** What the writers need from Prisma: raw queries, inside or outside an interactive transaction. */
export type SqlRunner = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** Column type → the array type unnest reads it as, and how it is cast into the table column. */
export type ColumnType = "text" | "int" | "bigint" | "float" | "money" | "bool" | "timestamp" | "jsonb" | { enum: string };

export interface Column {
  name: string;
  type: ColumnType;
}

function arrayType(t: ColumnType): string {
  if (typeof t === "object") return "text[]";
  return { text: "text[]", int: "int4[]", bigint: "int8[]", float: "float8[]", money: "float8[]", bool: "bool[]", timestamp: "timestamptz[]", jsonb: "text[]" }[t];
}

function castExpr(col: Column): string {
  const ref = `u."${col.name}"`;
  const t = col.type;
  if (typeof t === "object") return `${ref}::"${t.enum}"`;
  // Prisma DateTime columns are timestamp(3) without time zone holding UTC.
  if (t === "timestamp") return `(${ref} AT TIME ZONE 'UTC')`;
  if (t === "money") return `${ref}::numeric(14,2)`;
  if (t === "jsonb") return `${ref}::jsonb`;
  return ref;
}

function toParam(t: ColumnType, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (t === "timestamp") return v instanceof Date ? v.toISOString() : String(v);
  if (t === "int") return Math.round(Number(v));
  if (t === "bigint") return String(Math.round(Number(v)));
  if (t === "jsonb") return pgSafeJson(v);
  return v;
}

export interface UpsertSpec {
  table: string;
  columns: Column[];
  /** Columns of the unique constraint to upsert on. */
  conflict: string[];
  /** Columns overwritten on conflict (defaults to every non-conflict column except id). */
  update?: string[];
  /** Only overwrite when the incoming sourceVersion is ≥ the stored one. */
  versioned: boolean;
  /** Columns to return for written (inserted or updated) rows. */
  returning: string[];
}

/** Upsert rows (arrays in `columns` order); returns the written rows. Rows skipped as stale are not returned. */
export async function upsertRows<R extends Record<string, unknown>>(db: SqlRunner, spec: UpsertSpec, rows: unknown[][]): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = spec.columns.map((c) => `"${c.name}"`).join(", ");
  const unnestArgs = spec.columns.map((c, i) => `$${i + 1}::${arrayType(c.type)}`).join(", ");
  const alias = spec.columns.map((c) => `"${c.name}"`).join(", ");
  const select = spec.columns.map(castExpr).join(", ");
  const update = (spec.update ?? spec.columns.map((c) => c.name).filter((n) => n !== "id" && !spec.conflict.includes(n)))
    .map((n) => `"${n}" = EXCLUDED."${n}"`)
    .join(", ");
  const where = spec.versioned ? ` WHERE "${spec.table}"."sourceVersion" <= EXCLUDED."sourceVersion"` : "";
  const onConflict = update
    ? `ON CONFLICT (${spec.conflict.map((c) => `"${c}"`).join(", ")}) DO UPDATE SET ${update}${where}`
    : `ON CONFLICT (${spec.conflict.map((c) => `"${c}"`).join(", ")}) DO NOTHING`;
  const sql = `INSERT INTO "${spec.table}" (${names}) SELECT ${select} FROM unnest(${unnestArgs}) AS u(${alias}) ${onConflict} RETURNING ${spec.returning.map((c) => `"${c}"`).join(", ")}`;
  const params = spec.columns.map((c, i) => rows.map((r) => toParam(c.type, r[i])));
  return db.$queryRawUnsafe<R[]>(sql, ...params);
}

/** Keep one row per key — the one with the highest version (later rows win ties) — so ON CONFLICT sees each key once. */
export function latestByKey<T>(items: T[], key: (t: T) => string, version: (t: T) => number): T[] {
  const best = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const prev = best.get(k);
    if (!prev || version(item) >= version(prev)) best.set(k, item);
  }
  return [...best.values()];
}

/** id → row map lookup of business keys, e.g. SKU → Item.id, for one batch. */
export async function lookupIds(db: SqlRunner, table: string, keyColumn: string, keys: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<{ id: string; key: string }[]>(
    `SELECT id, "${keyColumn}" AS key FROM "${table}" WHERE "${keyColumn}" = ANY($1::text[])`,
    unique,
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}
