/**
 * Raw payloads are stored durably *before* anything parses them: an API page, an EDI file, a webhook body, an
 * uploaded CSV. A payload already stored under the same idempotency key (webhook header, or the body's SHA-256) is a
 * duplicate delivery and is not stored twice.
 */
import { createHash, randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { sqlPool } from "@/lib/server/pipeline/sql-pool";

const CHUNK_BYTES = 1024 * 1024;
/** Bodies up to this size live in RawPayload.body; bigger ones in 1 MiB RawPayloadChunk rows. */
const INLINE_LIMIT = 4 * CHUNK_BYTES;

export interface StoredPayload {
  id: string;
  duplicate: boolean;
  status: string;
}

export interface PayloadMeta {
  sourceId: string;
  runId?: string | null;
  kind: "api-page" | "edi" | "file" | "event";
  contentType: string;
  fileName?: string | null;
  direction?: "IN" | "OUT";
  /** Explicit idempotency key (webhook Idempotency-Key); defaults to the body's SHA-256. */
  idempotencyKey?: string | null;
  /** Webhook signature: a second delivery with the same one is a replay, whatever its Idempotency-Key. */
  signature?: string | null;
}

export const sha256 = (body: Buffer | string) => createHash("sha256").update(body).digest("hex");

/** The payload an insert clashed with: same idempotency key, or (a replayed webhook) the same signature. */
function earlierDelivery(db: PrismaClient, meta: PayloadMeta, direction: "IN" | "OUT", key: string) {
  return db.rawPayload.findFirstOrThrow({
    where: { sourceId: meta.sourceId, OR: [{ direction, idempotencyKey: key }, ...(meta.signature ? [{ signature: meta.signature }] : [])] },
    select: { id: true, status: true },
  });
}

/** Store a payload held in memory (API page, webhook body, EDI document). */
export async function storePayload(db: PrismaClient, meta: PayloadMeta, body: Buffer | string): Promise<StoredPayload> {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const digest = sha256(bytes);
  const key = meta.idempotencyKey ?? digest;
  const direction = meta.direction ?? "IN";
  const id = randomUUID();
  const inserted = await db.$queryRawUnsafe<{ id: string }[]>(
    // No conflict target: a clash on the idempotency key or on the signature both mean "already received".
    `INSERT INTO "RawPayload" (id, "sourceId", "runId", direction, kind, "contentType", "fileName", sha256, "sizeBytes", "idempotencyKey", body, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::int8, $10, $11, $12)
     ON CONFLICT DO NOTHING RETURNING id`,
    id, meta.sourceId, meta.runId ?? null, direction, meta.kind, meta.contentType, meta.fileName ?? null, digest, String(bytes.length), key,
    bytes.length <= INLINE_LIMIT ? bytes : null, meta.signature ?? null,
  );
  if (inserted.length === 0) {
    const existing = await earlierDelivery(db, meta, direction, key);
    return { id: existing.id, duplicate: true, status: existing.status };
  }
  if (bytes.length > INLINE_LIMIT) {
    for (let seq = 0, offset = 0; offset < bytes.length; seq++, offset += CHUNK_BYTES) {
      await sqlPool(db).query(`INSERT INTO "RawPayloadChunk" ("payloadId", seq, data) VALUES ($1, $2, $3)`, [id, seq, bytes.subarray(offset, offset + CHUNK_BYTES)]);
    }
  }
  return { id, duplicate: false, status: "RECEIVED" };
}

/**
 * The webhook hot path: store an event body (≤ 1 MiB, inline) and open its run in one statement — one round trip
 * instead of three (insert, create run, link) at thousands of events a minute. A duplicate delivery inserts neither.
 * The run's row is inserted by the same statement, so the payload's foreign key to it holds when checked at its end.
 */
export async function storeEventWithRun(db: PrismaClient, meta: PayloadMeta & { trigger: string }, body: string): Promise<StoredPayload & { runId: string | null }> {
  const bytes = Buffer.from(body, "utf8");
  if (bytes.length > INLINE_LIMIT) throw new Error("storeEventWithRun takes inline bodies only");
  const digest = sha256(bytes);
  const key = meta.idempotencyKey ?? digest;
  const id = randomUUID();
  const runId = randomUUID();
  const [row] = await db.$queryRawUnsafe<{ id: string | null }[]>(
    `WITH p AS (
       INSERT INTO "RawPayload" (id, "sourceId", "runId", direction, kind, "contentType", sha256, "sizeBytes", "idempotencyKey", body, signature)
       VALUES ($1, $2, $3, 'IN', $4, $5, $6, $7::int8, $8, $9, $10)
       ON CONFLICT DO NOTHING RETURNING id
     ), r AS (
       INSERT INTO "SyncRun" (id, "sourceId", trigger) SELECT $3, $2, $11 FROM p RETURNING id
     )
     SELECT (SELECT id FROM p) AS id, (SELECT count(*) FROM r) AS runs`,
    id, meta.sourceId, runId, meta.kind, meta.contentType, digest, String(bytes.length), key, bytes, meta.signature ?? null, meta.trigger,
  );
  if (row.id === null) {
    const existing = await earlierDelivery(db, meta, "IN", key);
    return { id: existing.id, duplicate: true, status: existing.status, runId: null };
  }
  return { id, duplicate: false, status: "RECEIVED", runId };
}

/**
 * Store a file from a stream (browser upload) in 1 MiB chunks without holding it in memory. The SHA-256 is known only
 * at the end: a file identical to one already stored for this source is reported as a duplicate and the copy dropped.
 */
export async function storePayloadStream(
  db: PrismaClient,
  meta: PayloadMeta,
  stream: AsyncIterable<Uint8Array>,
  onProgress?: (bytes: number) => void,
): Promise<StoredPayload & { sizeBytes: number }> {
  const id = randomUUID();
  const hash = createHash("sha256");
  await db.rawPayload.create({
    data: {
      id, sourceId: meta.sourceId, runId: meta.runId ?? null, direction: meta.direction ?? "IN", kind: meta.kind,
      contentType: meta.contentType, fileName: meta.fileName ?? null, sha256: "pending", sizeBytes: 0,
      // Unique placeholder until the real digest is known.
      idempotencyKey: `pending:${id}`,
    },
  });
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    // Chunks go through plain pg: the ORM's byte-array encoding costs ~0.2 s per MiB.
    await sqlPool(db).query(`INSERT INTO "RawPayloadChunk" ("payloadId", seq, data) VALUES ($1, $2, $3)`, [id, seq++, Buffer.concat(pending)]);
    pending = [];
    pendingBytes = 0;
  };
  try {
    for await (const chunk of stream) {
      const buf = Buffer.from(chunk);
      hash.update(buf);
      size += buf.length;
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
      onProgress?.(size);
    }
    await flush();
  } catch (e) {
    await db.rawPayload.delete({ where: { id } });
    throw e;
  }
  const digest = hash.digest("hex");
  const key = meta.idempotencyKey ?? digest;
  const duplicate = await db.rawPayload.findUnique({
    where: { sourceId_direction_idempotencyKey: { sourceId: meta.sourceId, direction: meta.direction ?? "IN", idempotencyKey: key } },
    select: { id: true, status: true },
  });
  if (duplicate) {
    await db.rawPayload.delete({ where: { id } });
    return { id: duplicate.id, duplicate: true, status: duplicate.status, sizeBytes: size };
  }
  await db.rawPayload.update({ where: { id }, data: { sha256: digest, sizeBytes: size, idempotencyKey: key } });
  return { id, duplicate: false, status: "RECEIVED", sizeBytes: size };
}

/** Read a stored payload back as a stream of buffers (inline body, or chunk by chunk). */
export async function* readPayload(db: PrismaClient, payloadId: string): AsyncGenerator<Buffer> {
  const payload = await db.rawPayload.findUniqueOrThrow({ where: { id: payloadId }, select: { body: true } });
  if (payload.body) {
    yield Buffer.from(payload.body);
    return;
  }
  for (let seq = 0; ; seq++) {
    const { rows } = await sqlPool(db).query<{ data: Buffer }>(`SELECT data FROM "RawPayloadChunk" WHERE "payloadId" = $1 AND seq = $2`, [payloadId, seq]);
    if (rows.length === 0) return;
    yield rows[0].data;
  }
}

export async function readPayloadText(db: PrismaClient, payloadId: string): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of readPayload(db, payloadId)) parts.push(part);
  return Buffer.concat(parts).toString("utf8");
}
