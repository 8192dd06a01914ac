/** The first rows of a file run through a mapping, for the import screen to show before anything is written. */
import type { CanonicalRecord, RecordIssue } from "@/lib/domain/canonical/records";
import { mapRow } from "./map-row";
import { mappingColumns, type ColumnMapping, type MapContext } from "./mapping";
import type { OpenedTable } from "./table-row";

export interface PreviewRow {
  line: number;
  values: Record<string, string>;
  record?: CanonicalRecord;
  issue?: RecordIssue;
  skipped?: string;
}

export interface Preview {
  headers: string[];
  delimiter?: string;
  sheet?: string;
  /** Columns the mapping reads that the file does not have. */
  missingColumns: string[];
  rows: PreviewRow[];
  recordCount: number;
  issueCount: number;
}

/** Maps at most `n` data rows and stops reading (the rest of the file is never parsed). */
export async function previewRows(
  table: OpenedTable,
  mapping: ColumnMapping,
  n: number,
  options: { sourceLabel?: string; context?: MapContext } = {},
): Promise<Preview> {
  const rows: PreviewRow[] = [];
  let recordCount = 0;
  let issueCount = 0;
  if (n > 0) {
    for await (const row of table.rows) {
      const result = mapRow(row, mapping, options.sourceLabel ?? "", options.context);
      const preview: PreviewRow = { line: row.line, values: row.values };
      if ("record" in result) {
        preview.record = result.record;
        recordCount++;
      } else if ("issue" in result) {
        preview.issue = result.issue;
        issueCount++;
      } else preview.skipped = result.skipped;
      rows.push(preview);
      if (rows.length >= n) break;
    }
  }
  const headerSet = new Set(table.headers);
  return {
    headers: table.headers,
    delimiter: table.delimiter,
    sheet: table.sheet,
    missingColumns: mappingColumns(mapping).filter((c) => !headerSet.has(c)),
    rows,
    recordCount,
    issueCount,
  };
}
