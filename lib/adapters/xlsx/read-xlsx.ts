/**
 * Streaming XLSX reader with the same row shape as the CSV reader. exceljs' WorkbookReader unzips and SAX-parses the
 * sheet as it arrives, so rows are yielded one at a time; only the shared-strings table is kept (XLSX needs it).
 * Cells become strings: numbers as JavaScript prints them ("3.5", decimal point), date cells as ISO
 * ("2022-04-29" or "2022-04-29 13:45:00"), formulas as their cached result, rich text as its plain text.
 */
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { normaliseHeaders, setCell, type OpenedTable, type TableRow } from "@/lib/adapters/csv/table-row";

export type XlsxInput = Readable | AsyncIterable<Buffer> | string;

export interface XlsxReadOptions {
  /** Sheet name; by default the first sheet in the file. */
  sheet?: string;
  /** Non-empty rows to drop before the header row. */
  skipRows?: number;
  /** How long a read may make no progress once the whole file is in (default 5 s; tests use less). */
  stallMs?: number;
}

type SheetReader = AsyncIterable<ExcelJS.Row> & { name: string };

/** Reads until the header row of the chosen sheet is known, then streams the remaining rows. */
export async function openXlsx(input: XlsxInput, options: XlsxReadOptions = {}): Promise<OpenedTable> {
  const source: SourceState = { ended: false, stallMs: options.stallMs ?? STALL_MS };
  const stream = await nonEmpty(input, source);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    // Styles are needed to tell a date cell from a number cell.
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const sheets = workbook[Symbol.asyncIterator]();
  let sheet: SheetReader | null = null;
  for (;;) {
    const next = await unlessStalled(sheets.next(), source);
    if (next.done) break;
    const candidate = next.value as unknown as SheetReader;
    if (!options.sheet || candidate.name === options.sheet) {
      sheet = candidate;
      break;
    }
  }
  const close = () => {
    void sheets.return?.(undefined);
    if (stream instanceof Readable) stream.destroy();
  };
  if (!sheet) {
    close();
    if (options.sheet) throw new Error(`sheet '${options.sheet}' not found in the workbook`);
    return { format: "xlsx", headers: [], headerLine: 0, rows: (async function* () {})() };
  }

  const rows = sheet[Symbol.asyncIterator]();
  let skipped = 0;
  for (;;) {
    const next = await unlessStalled(rows.next(), source);
    if (next.done) {
      close();
      return { format: "xlsx", headers: [], headerLine: 0, sheet: sheet.name, rows: (async function* () {})() };
    }
    const cells = rowCells(next.value);
    if (cells.every((c) => c.trim() === "")) continue;
    if (skipped++ < (options.skipRows ?? 0)) continue;
    const headers = normaliseHeaders(trimTrailingEmpty(cells));
    return { format: "xlsx", headers, headerLine: next.value.number, sheet: sheet.name, rows: dataRows(rows, headers, close, source) };
  }
}

interface SourceState {
  /** Every byte of the file has been handed to exceljs. */
  ended: boolean;
  stallMs: number;
}

/** With the whole file read, exceljs taking this long for one more row means it will never answer. */
const STALL_MS = 5_000;
const DAMAGED = "the workbook could not be read: it looks damaged (its ZIP data is corrupt or cut short)";

/**
 * exceljs never settles on some damaged archives (found by fuzzing: one flipped byte in a valid workbook). Once the
 * whole file has been delivered, a read that makes no progress for STALL_MS is refused instead of hanging the import.
 */
function unlessStalled<T>(pending: Promise<T>, source: SourceState): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout;
    const arm = () => {
      timer = setTimeout(() => (source.ended ? reject(new Error(DAMAGED)) : arm()), source.stallMs);
    };
    arm();
    pending.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

const EMPTY_FILE = "the file is empty (0 bytes): an .xlsx workbook is a ZIP archive and cannot be empty";

/**
 * The input as exceljs wants it, once it is known to hold at least one byte: exceljs never settles on an empty stream
 * (found by fuzzing — an empty upload would have hung its import).
 */
async function nonEmpty(input: XlsxInput, source: SourceState): Promise<Readable | string> {
  if (typeof input === "string") {
    if ((await stat(input)).size === 0) throw new Error(EMPTY_FILE);
    source.ended = true;
    return input;
  }
  const chunks = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (;;) {
    const next = await chunks.next();
    if (next.done) throw new Error(EMPTY_FILE);
    if (next.value.length === 0) continue;
    const first = next.value;
    return Readable.from(
      (async function* () {
        try {
          yield first;
          for (;;) {
            const more = await chunks.next();
            if (more.done) {
              source.ended = true;
              return;
            }
            yield more.value;
          }
        } finally {
          // Closing the workbook early must release the caller's stream (and its file handle) too.
          await chunks.return?.(undefined);
        }
      })(),
    );
  }
}

/** Convenience: the data rows of the first (or named) sheet. */
export async function* readXlsx(input: XlsxInput, options: XlsxReadOptions = {}): AsyncGenerator<TableRow> {
  const table = await openXlsx(input, options);
  yield* table.rows;
}

async function* dataRows(rows: AsyncIterator<ExcelJS.Row>, headers: string[], close: () => void, source: SourceState): AsyncGenerator<TableRow> {
  try {
    for (;;) {
      const next = await unlessStalled(rows.next(), source);
      if (next.done) return;
      const cells = rowCells(next.value);
      if (cells.every((c) => c.trim() === "")) continue;
      const values: Record<string, string> = {};
      // Excel does not store empty trailing cells, so a short row is normal; only text beyond the header is suspect.
      for (let i = 0; i < headers.length; i++) setCell(values, headers[i], cells[i] ?? "");
      const extra = trimTrailingEmpty(cells).length - headers.length;
      if (extra > 0) yield { line: next.value.number, values, problem: `${extra} cell(s) beyond the last header column`, raw: cells };
      else yield { line: next.value.number, values };
    }
  } finally {
    close();
  }
}

/** exceljs rows are 1-based sparse arrays of typed values; flatten them to text cells. */
function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as ExcelJS.CellValue[];
  const cells: string[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
  return cells;
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1].trim() === "") end--;
  return cells.slice(0, end);
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return isoDate(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : String(value.hyperlink);
  if ("error" in value) return value.error;
  if ("result" in value) return value.result === undefined ? "" : cellText(value.result);
  return "";
}

/** Excel dates carry no zone; exceljs returns them as UTC, so the UTC fields are the ones the sheet shows. */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}
