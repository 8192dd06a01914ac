/**
 * The adapter and context a write-back is sent with, built from its DataSource the way a pull sync builds one
 * (lib/server/ingest/run-sync.ts): validated config, decrypted secrets, injectable fetch — plus the source's
 * outbound documents, where a source without a server (the demo ERP) keeps what it posts.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { adapterInfo } from "@/lib/adapters/registry";
import type { AdapterContext, PostedDocuments, SourceAdapter } from "@/lib/adapters/types";
import { decryptSecrets } from "@/lib/server/ingest/secrets";
import { storePayload } from "@/lib/server/ingest/store-payload";
import { log } from "@/lib/server/log";

type Source = { id: string; code: string; kind: string; config: unknown; secretCiphertext: string | null };

const documentKey = (key: string) => `writeback:${key}`;

/** Outbound RawPayload rows of the source, one per idempotency key (the unique key makes the first one win). */
export function outboundDocuments(db: PrismaClient, sourceId: string): PostedDocuments {
  const find = async (key: string) => {
    const row = await db.rawPayload.findUnique({
      where: { sourceId_direction_idempotencyKey: { sourceId, direction: "OUT", idempotencyKey: documentKey(key) } },
      select: { body: true },
    });
    return row?.body ? (JSON.parse(Buffer.from(row.body).toString("utf8")) as Record<string, unknown>) : null;
  };
  return {
    find,
    async save(key, document) {
      const label = typeof document.documentNo === "string" ? document.documentNo : key;
      await storePayload(db, { sourceId, kind: "event", contentType: "application/json", direction: "OUT", fileName: `write-back ${label}`, idempotencyKey: documentKey(key) }, JSON.stringify(document));
      const stored = await find(key);
      if (!stored) throw new Error(`Posted document ${key} was not stored`);
      return stored;
    },
  };
}

export function writeBackContext(db: PrismaClient, source: Source, opts: { fetch?: typeof fetch; signal?: AbortSignal } = {}): { adapter: SourceAdapter<unknown>; ctx: AdapterContext<unknown> } {
  const { adapter } = adapterInfo(source.kind);
  const ctx: AdapterContext<unknown> = {
    config: adapter.configSchema.parse(source.config ?? {}),
    secrets: decryptSecrets(source.secretCiphertext),
    fetch: opts.fetch ?? fetch,
    signal: opts.signal,
    log: (message) => log.info({ source: source.code }, message),
    documents: outboundDocuments(db, source.id),
  };
  return { adapter, ctx };
}
