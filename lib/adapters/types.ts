/**
 * The one adapter interface. Every source (ERP REST, X12 EDI, CSV/XLSX file, webhook, demo generator) turns its
 * raw payloads into canonical records (lib/domain/canonical/records.ts) through a pure `transform`.
 * The ingestion core (lib/server/ingest) stores every raw payload before it calls the transform, writes the records
 * idempotently, and quarantines the issues — adapters never touch the database.
 */
import type { z } from "zod";
import type { TransformResult } from "@/lib/domain/canonical/records";

/** One raw payload as received from the source, exactly as it came over the wire. */
export interface RawPayloadInput {
  /** api-page | edi | file | event */
  kind: "api-page" | "edi" | "file" | "event";
  contentType: string;
  /** "stock.quant page 3", "orders.edi", "Bin offset 500". */
  label: string;
  body: string;
}

/** A page pulled from a source API; its cursor is committed only once the page is processed. */
export interface PulledPage extends RawPayloadInput {
  /** Cursor to resume from after this page (adapter-defined, JSON-serialisable). */
  cursor: unknown;
}

export interface AdapterContext<Config = unknown> {
  config: Config;
  /** Decrypted secrets (API key, token…); only ever on the server. */
  secrets: Record<string, string>;
  /** Injected fetch, so tests can point the adapter at a local fake server. */
  fetch: typeof fetch;
  signal?: AbortSignal;
  log?: (message: string) => void;
  /** Document store for a source that has no server of its own (the demo ERP); injected by the write-back job. */
  documents?: PostedDocuments;
}

/** Documents a source keeps by idempotency key: the first one saved under a key is the only one. */
export interface PostedDocuments {
  /** The document saved under `key`, or null. */
  find(key: string): Promise<Record<string, unknown> | null>;
  /** Save `document` under `key` unless one is there already; returns the document that is stored. */
  save(key: string, document: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** A write-back request produced by an approved case action (approvals issue). */
export interface WriteBackAction {
  /** Idempotency key: the case action id. A repeated call with the same key must not apply twice. */
  idempotencyKey: string;
  type: "EXPEDITE" | "TRANSFER" | "REALLOCATE" | "RECOUNT" | "HOLD" | "ADJUST";
  /** Business keys and values, e.g. { poNumber, lineNo, newPromisedDate } or { sku, locationCode, qtyDelta }. */
  payload: Record<string, unknown>;
}

export interface WriteBackResult {
  /** The source's own reference for what it did (record id, document name). */
  externalRef: string;
  /** What the source answered, kept in the audit log. */
  response: unknown;
}

export interface SourceAdapter<Config = unknown> {
  kind: string;
  /** zod schema of the non-secret settings stored in DataSource.config. */
  configSchema: z.ZodType<Config>;
  /** Names of the secrets this adapter needs (stored encrypted). */
  secretNames: readonly string[];
  /** Pull pages changed since the cursor (null = everything). Pure I/O: no database. */
  pull?(ctx: AdapterContext<Config>, since: unknown): AsyncIterable<PulledPage>;
  /** Pure: a stored raw payload → canonical records + per-record issues. Re-run on replay. */
  transform(payload: RawPayloadInput, config: Config): TransformResult;
  /** Apply an approved action in the source system. */
  writeBack?(ctx: AdapterContext<Config>, action: WriteBackAction): Promise<WriteBackResult>;
}
