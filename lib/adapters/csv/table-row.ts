/**
 * The row shape every tabular reader (CSV, XLSX) yields, so mapping and preview never care which format a file was.
 */

/** One data row: `line` is the 1-based physical line (CSV) or sheet row (XLSX) where the row starts. */
export interface TableRow {
  line: number;
  /** Header → cell text. Cells missing from a short row are absent; every value is a string. */
  values: Record<string, string>;
  /** Set when the row could not be read cleanly (ragged, broken quoting); mapping turns it into an issue. */
  problem?: string;
  /** The row as read, for ragged/broken rows only (kept so an admin can fix and replay it). */
  raw?: string[];
}

/** A file opened far enough to know its headers; `rows` streams the data rows once. */
export interface OpenedTable {
  format: "csv" | "xlsx";
  headers: string[];
  /** 1-based line/row number of the header row. */
  headerLine: number;
  /** CSV only: the delimiter that was used. */
  delimiter?: string;
  /** XLSX only: the sheet that was read. */
  sheet?: string;
  rows: AsyncIterable<TableRow>;
}

/**
 * values[header] = cell, also for a header named "__proto__" (plain assignment would change the object's prototype
 * and drop the column).
 */
export function setCell(values: Record<string, string>, header: string, cell: string): void {
  if (header === "__proto__") Object.defineProperty(values, header, { value: cell, enumerable: true, writable: true, configurable: true });
  else values[header] = cell;
}

/** Trims header cells and makes them unique ("Qty", "Qty (2)"), naming empty ones by position ("column 4"). */
export function normaliseHeaders(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const base = cell.replace(/^\uFEFF/, "").trim() || `column ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

/**
 * Pairs cells with headers. A row whose cell count differs from the header's is kept but flagged, so one ragged line
 * becomes one issue instead of stopping the import.
 */
export function toTableRow(line: number, headers: readonly string[], cells: readonly string[]): TableRow {
  const values: Record<string, string> = {};
  const n = Math.min(headers.length, cells.length);
  for (let i = 0; i < n; i++) setCell(values, headers[i], cells[i]);
  if (cells.length === headers.length) return { line, values };
  const problem = `expected ${headers.length} fields, found ${cells.length}`;
  return { line, values, problem, raw: [...cells] };
}
