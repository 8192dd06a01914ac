import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/server/generated/prisma/client";

/** Any Prisma transaction client (the audit row must commit together with the change it records). */
type Tx = Prisma.TransactionClient;

export type AuditInput = {
  actorId: string | null;
  /** Role at the time of acting, or "system" for detection and workers. */
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  caseId?: string | null;
  siteId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

export const GENESIS_HASH = "0".repeat(64);

// One chain for the whole log: concurrent writers serialise on this transaction-scoped lock.
const AUDIT_CHAIN_LOCK = 727_001;

/** JSON with object keys sorted at every level, so a hash recomputed from jsonb matches. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export type HashedFields = {
  at: Date;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  siteId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  prevHash: string;
};

/** sha256 over the row's content and the previous row's hash. */
export function hashAuditRow(row: HashedFields): string {
  return createHash("sha256")
    .update(
      canonicalJson({
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorRole: row.actorRole,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        caseId: row.caseId,
        siteId: row.siteId,
        before: row.before ?? null,
        after: row.after ?? null,
        reason: row.reason,
        prevHash: row.prevHash,
      }),
    )
    .digest("hex");
}

/**
 * JSON columns get a plain-JSON copy (Dates → ISO strings, numbers rounded to 6 decimals) so what
 * is hashed is exactly what comes back from jsonb: a 17-digit float does not survive the round trip.
 */
const toJson = (v: unknown) =>
  v === undefined || v === null
    ? null
    : JSON.parse(JSON.stringify(v), (_k, x) => (typeof x === "number" && !Number.isInteger(x) ? Math.round(x * 1e6) / 1e6 : x));

const AUDIT_INSERT_CHUNK = 5_000;

/** Append audit rows inside `tx`, chaining each to the previous row's hash. */
export async function appendAudit(tx: Tx, inputs: AuditInput | AuditInput[]): Promise<void> {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length === 0) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows: (Omit<HashedFields, "at"> & { at: string; hash: string })[] = [];
  for (const input of list) {
    const fields: HashedFields = {
      at: new Date(),
      actorId: input.actorId,
      actorRole: input.actorRole,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      caseId: input.caseId ?? null,
      siteId: input.siteId ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
      reason: input.reason ?? null,
      prevHash,
    };
    const hash = hashAuditRow(fields);
    rows.push({ ...fields, at: fields.at.toISOString(), hash });
    prevHash = hash;
  }
  // One set-based INSERT per chunk, in chain order (seq follows the array order): a detection run that resolves
  // thousands of cases appends thousands of rows, and the ORM's createMany cost seconds while holding the chain lock
  // every approval and comment waits for. JSON null becomes SQL NULL, as createMany stored it.
  for (let i = 0; i < rows.length; i += AUDIT_INSERT_CHUNK) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "AuditEntry" (at, "actorId", "actorRole", action, "entityType", "entityId", "caseId", "siteId", before, after, reason, "prevHash", hash)
       SELECT r.at, r."actorId", r."actorRole", r.action, r."entityType", r."entityId", r."caseId", r."siteId", r.before, r.after, r.reason, r."prevHash", r.hash
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (at timestamp(3), "actorId" text, "actorRole" text, action text, "entityType" text, "entityId" text,
            "caseId" text, "siteId" text, before jsonb, after jsonb, reason text, "prevHash" text, hash text)) WITH ORDINALITY
            AS r(at, "actorId", "actorRole", action, "entityType", "entityId", "caseId", "siteId", before, after, reason, "prevHash", hash, n)
       ORDER BY r.n`,
      JSON.stringify(rows.slice(i, i + AUDIT_INSERT_CHUNK)),
    );
  }
}
