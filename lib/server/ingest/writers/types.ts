import type { CanonicalData, CanonicalEntity, RecordIssue } from "@/lib/domain/canonical/records";
import type { SqlRunner } from "@/lib/server/ingest/sql-upsert";
import { randomUUID } from "node:crypto";

/** One validated canonical record on its way into the database. */
export interface WriteInput<E extends CanonicalEntity> {
  data: CanonicalData<E>;
  version: number;
  externalId: string | null;
  position: string;
}

export interface WriteContext {
  db: SqlRunner;
  /** DataSource.code of the source writing; stored as sourceSystem (freshness and provenance). */
  sourceSystem: string;
}

export interface WriteOutcome {
  /** Records inserted or updated. */
  written: number;
  /** Records ignored because the stored row has a newer source version (out-of-order delivery). */
  stale: number;
  /** Records refused because a reference does not resolve (unknown SKU, PO…); they go to quarantine. */
  issues: RecordIssue[];
}

export type EntityWriter<E extends CanonicalEntity> = (ctx: WriteContext, inputs: WriteInput<E>[]) => Promise<WriteOutcome>;

export const newId = () => randomUUID();

export function unresolved(entity: CanonicalEntity, input: WriteInput<CanonicalEntity>, field: string, message: string): RecordIssue {
  return { entity, position: input.position, field, message, raw: input.data };
}

export const emptyOutcome = (): WriteOutcome => ({ written: 0, stale: 0, issues: [] });
