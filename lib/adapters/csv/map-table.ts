/** Streams a whole opened table through a mapping, one result per data row (records, issues and skips in file order). */
import { mapRow, type MapRowResult } from "./map-row";
import type { ColumnMapping, MapContext } from "./mapping";
import type { OpenedTable } from "./table-row";

/** Adds derived columns to a row before mapping (e.g. a primary supplier looked up in a companion file). */
export type RowEnricher = (values: Record<string, string>) => Record<string, string>;

export interface MapTableOptions {
  sourceLabel?: string;
  context?: MapContext;
  enrich?: RowEnricher;
}

export type MappedRow = MapRowResult & { line: number };

export async function* mapTable(table: OpenedTable, mapping: ColumnMapping, options: MapTableOptions = {}): AsyncGenerator<MappedRow> {
  const label = options.sourceLabel ?? "";
  for await (const row of table.rows) {
    const input = options.enrich && !row.problem ? { ...row, values: options.enrich(row.values) } : row;
    const result = mapRow(input, mapping, label, options.context);
    yield { ...result, line: row.line } as MappedRow;
  }
}
