import type { CanonicalEntity, CanonicalRecord, RecordIssue, TransformResult } from "@/lib/domain/canonical/records";

/** Collects records and per-record issues while a transform walks a page. */
export class ResultBuilder {
  readonly records: CanonicalRecord[] = [];
  readonly issues: RecordIssue[] = [];

  record(record: CanonicalRecord): void {
    this.records.push(record);
  }

  issue(entity: CanonicalEntity | "unknown", position: string, field: string | null, message: string, raw: unknown): void {
    this.issues.push({ entity, position, field, message, raw });
  }

  result(): TransformResult {
    return { records: this.records, issues: this.issues };
  }
}
