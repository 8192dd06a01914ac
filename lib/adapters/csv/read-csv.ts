/**
 * Streaming CSV reader: bytes in, one `TableRow` at a time out, never the whole file in memory.
 * csv-parse does the RFC 4180 work (quotes, quoted newlines, BOM); this file adds delimiter sniffing, header handling,
 * physical line numbers (the first line of each record) and turns ragged rows into flagged rows instead of errors.
 */
import { Readable, pipeline } from "node:stream";
import { parse, type Parser } from "csv-parse";
import { normaliseHeaders, toTableRow, type OpenedTable, type TableRow } from "./table-row";

export type CsvInput = AsyncIterable<Buffer | string> | Readable;

export interface CsvReadOptions {
  /** Force a delimiter; by default it is sniffed from the first lines (one of , ; TAB |). */
  delimiter?: string;
  /** Records to drop before the header row (title lines some exports put on top). */
  skipRows?: number;
}

export const DELIMITER_CANDIDATES = [",", ";", "\t", "|"] as const;
const SAMPLE_LINES = 6;
const SAMPLE_CHARS = 64 * 1024;

/**
 * Picks the delimiter that appears in the header line and the same number of times in the following complete lines;
 * ties go to the most frequent. Quoted text is ignored, so "Smith, John" does not vote for the comma.
 */
export function detectDelimiter(sample: string): string {
  const lines = splitSampleLines(sample);
  let best: string = ",";
  let bestScore = -1;
  for (const candidate of DELIMITER_CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, candidate));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistent = counts.slice(1).filter((c) => c === header).length;
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Complete logical lines of the sample (a newline inside quotes does not end a line; the cut-off tail is dropped). */
function splitSampleLines(sample: string): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === "\n" && !inQuotes) {
      lines.push(sample.slice(start, i).replace(/\r$/, ""));
      start = i + 1;
    }
  }
  // A file shorter than the sample ends without a newline: its last line is complete too.
  if (start < sample.length && lines.length === 0) lines.push(sample.slice(start));
  return lines.filter((l) => l.trim() !== "");
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ch && !inQuotes) n++;
  }
  return n;
}


interface SkippedRecord {
  code: string;
  message: string;
  line: number;
}

/** Reads until the header row is known, then returns it with a stream of the remaining rows. */
export async function openCsv(input: CsvInput, options: CsvReadOptions = {}): Promise<OpenedTable> {
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: (Buffer | string)[] = [];
  let sample = "";
  let ended = false;
  const decoder = new TextDecoder();
  let sourceError: unknown = null;
  while (!options.delimiter && countNewlines(sample) < SAMPLE_LINES && sample.length < SAMPLE_CHARS) {
    let next: IteratorResult<Buffer | string>;
    try {
      next = await source.next();
    } catch (error) {
      // Rows before the failure are still delivered; the failure surfaces after them, like any mid-stream error.
      sourceError = error;
      ended = true;
      break;
    }
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    sample += typeof next.value === "string" ? next.value : decoder.decode(next.value, { stream: true });
  }
  const delimiter = options.delimiter ?? detectDelimiter(sample.replace(/^\uFEFF/, ""));

  async function* replay(): AsyncGenerator<Buffer | string> {
    yield* head;
    if (sourceError) throw sourceError;
    if (ended) return;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  }

  // Empty lines are kept (as [""] records) rather than skipped so every physical line is counted here; asking
  // csv-parse for per-record line info (on_record/info) costs an eighth of the read time.
  // Records csv-parse cannot delimit (a quote never closed) are reported through on_skip instead of an error, which
  // would destroy the stream and drop the rows it had already parsed.
  const skippedRecords: SkippedRecord[] = [];
  const parser: Parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // Both endings, so a hand-edited file mixing them does not merge lines.
    record_delimiter: ["\r\n", "\n"],
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) skippedRecords.push({ code: error.code, message: error.message, line: Number(error.lines) || 0 });
      return undefined;
    },
  });
  // pipeline destroys the parser when the source fails, so the error surfaces in the loop below.
  pipeline(Readable.from(replay()), parser, () => {});
  const records = new RecordPuller(parser);

  const lines = new LineCounter();
  let header: { cells: string[]; line: number } | null = null;
  let skipped = 0;
  while (!header) {
    const cells = records.read();
    if (cells === null) {
      if (await records.waitForMore()) continue;
      close();
      return { format: "csv", headers: [], headerLine: 0, delimiter, rows: emptyRows() };
    }
    const line = lines.startOf(cells);
    if (isBlank(cells) || skipped++ < (options.skipRows ?? 0)) continue;
    header = { cells, line };
  }
  const headers = normaliseHeaders(header.cells);
  return { format: "csv", headers, headerLine: header.line, delimiter, rows: dataRows(records, headers, lines, skippedRecords, close) };

  function close() {
    parser.destroy();
    // The parser does not own the caller's stream: release it (and its file handle) explicitly.
    if (input instanceof Readable) input.destroy();
    else source.return?.(undefined)?.catch(() => {});
  }
}

/** Convenience: the data rows of a CSV, headers taken from its first row. */
export async function* readCsv(input: CsvInput, options: CsvReadOptions = {}): AsyncGenerator<TableRow> {
  const table = await openCsv(input, options);
  yield* table.rows;
}

async function* dataRows(
  records: RecordPuller,
  headers: string[],
  lines: LineCounter,
  skippedRecords: SkippedRecord[],
  close: () => void,
): AsyncGenerator<TableRow> {
  // try/finally: a consumer that stops early (a preview) must not leave the parser and its file handle open.
  try {
    for (;;) {
      const cells = records.read();
      if (cells === null) {
        let more: boolean;
        try {
          more = await records.waitForMore();
        } catch (error) {
          // The source failed (or csv-parse gave up on a record): report where and stop.
          const message = error instanceof Error ? error.message : String(error);
          yield { line: lines.next, values: {}, problem: `unreadable from here on: ${message}` };
          return;
        }
        if (more) continue;
        // An unclosed quote swallows the rest of the file; it opened where the next record would have started.
        for (const skipped of skippedRecords.splice(0)) {
          if (skipped.code === "CSV_QUOTE_NOT_CLOSED") {
            const problem = `a quote opened on this line is never closed, so lines ${lines.next}–${skipped.line} could not be read`;
            yield { line: lines.next, values: {}, problem };
          } else yield { line: skipped.line, values: {}, problem: `unreadable: ${skipped.message}` };
        }
        return;
      }
      const line = lines.startOf(cells);
      while (skippedRecords.length > 0 && skippedRecords[0].line < line) {
        const skipped = skippedRecords.shift()!;
        yield { line: skipped.line, values: {}, problem: `unreadable: ${skipped.message}` };
      }
      if (isBlank(cells)) continue;
      const row = toTableRow(line, headers, cells);
      if (row.problem && cells.some((c) => c.includes("\n"))) row.problem += " (a quote may be left open)";
      yield row;
    }
  } finally {
    close();
  }
}

/**
 * Pulls parsed records synchronously while the parser has them buffered and waits only when it runs dry: one
 * promise per buffer refill instead of one per record (the stream's own async iterator costs ~15% of the read).
 */
class RecordPuller {
  constructor(private readonly parser: Parser) {}

  read(): string[] | null {
    return this.parser.read() as string[] | null;
  }

  /** Resolves true when more records may be readable, false at the end; rejects if the stream failed. */
  waitForMore(): Promise<boolean> {
    const stream = this.parser;
    if (stream.errored) return Promise.reject(stream.errored);
    if (stream.readableEnded || stream.destroyed) return Promise.resolve(false);
    if (stream.readableLength > 0) return Promise.resolve(true);
    return new Promise((resolve, reject) => {
      const finish = (result: boolean | Error) => {
        stream.off("readable", onReadable).off("end", onEnd).off("close", onEnd).off("error", onError);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const onReadable = () => finish(true);
      const onEnd = () => finish(false);
      const onError = (error: Error) => finish(error);
      stream.on("readable", onReadable).on("end", onEnd).on("close", onEnd).on("error", onError);
    });
  }
}

/** Physical line bookkeeping: every record (empty lines included) starts where the last ended and spans its quoted newlines. */
class LineCounter {
  next = 1;

  startOf(cells: string[]): number {
    const line = this.next;
    let span = 1;
    for (const cell of cells) if (cell.includes("\n")) span += countNewlines(cell);
    this.next = line + span;
    return line;
  }
}

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== "") return false;
  return true;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

async function* emptyRows(): AsyncGenerator<TableRow> {}
