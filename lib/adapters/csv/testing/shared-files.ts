/** Test support: paths of the real shared data files and a helper to map a whole file with a mapping. */
import { SHARED_DATA_DIR } from "@/lib/testing/shared-data";
import { createReadStream } from "node:fs";
import path from "node:path";
import type { CanonicalRecord, RecordIssue } from "@/lib/domain/canonical/records";
import { mapTable, type RowEnricher } from "../map-table";
import type { ColumnMapping, MapContext } from "../mapping";
import { openTable } from "../open-table";

const SHARED = SHARED_DATA_DIR;
export const AW_DIR = path.join(SHARED, "tables/adventureworks");
export const FREPPLE_DIR = path.join(SHARED, "tables/frepple_demo");

export interface MappedFile {
  headers: string[];
  records: CanonicalRecord[];
  issues: RecordIssue[];
  skipped: number;
}

export async function mapFile(
  file: string,
  mapping: ColumnMapping,
  options: { enrich?: RowEnricher; context?: MapContext; sheet?: string } = {},
): Promise<MappedFile> {
  const table = await openTable(createReadStream(file), { fileName: file, sheet: options.sheet });
  const out: MappedFile = { headers: table.headers, records: [], issues: [], skipped: 0 };
  for await (const r of mapTable(table, mapping, { sourceLabel: path.basename(file), context: options.context, enrich: options.enrich })) {
    if ("record" in r) out.records.push(r.record);
    else if ("issue" in r) out.issues.push(r.issue);
    else out.skipped++;
  }
  return out;
}

export async function openRows(file: string) {
  return (await openTable(createReadStream(file), { fileName: file })).rows;
}
