/**
 * Generated tables and the CSV text a careful writer makes of them (RFC 4180 quoting, mixed CRLF/LF line ends,
 * optional BOM), so a reader can be checked against the cells it must give back; plus byte-level mutations of CSV
 * text for the "never crash, always say which line" properties.
 */
import fc from "fast-check";
import { hostileString } from "./hostile-values";

export interface CsvCase {
  headers: string[];
  rows: string[][];
  delimiter: "," | ";" | "\t" | "|";
  /** Line ending after each record (header first). */
  endings: ("\n" | "\r\n")[];
  bom: boolean;
}

// A file is bytes: a lone surrogate cannot be written as UTF-8 and reads back as U+FFFD, so cells are well-formed.
const cell = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 2, arbitrary: fc.constantFrom('"', '""', '"quoted"', "a,b", "a;b", "a\tb", "a|b", "line1\nline2", "cr\r\nlf", "lone\rcr", " padded ", "\uFEFFbom", "=1+1", "") },
    { weight: 2, arbitrary: hostileString() },
  )
  .map((v) => Buffer.from(v, "utf8").toString("utf8"));

export const csvCase: fc.Arbitrary<CsvCase> = fc
  .record({
    columns: fc.integer({ min: 1, max: 6 }),
    delimiter: fc.constantFrom(",", ";", "\t", "|") as fc.Arbitrary<CsvCase["delimiter"]>,
    bom: fc.boolean(),
    rowCount: fc.integer({ min: 0, max: 12 }),
  })
  .chain(({ columns, delimiter, bom, rowCount }) =>
    fc.record({
      headers: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _]{0,10}[A-Za-z0-9]$/), { minLength: columns, maxLength: columns, selector: (h) => h.trim() }),
      rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rowCount, maxLength: rowCount }),
      delimiter: fc.constant(delimiter),
      endings: fc.array(fc.constantFrom("\n" as const, "\r\n" as const), { minLength: rowCount + 1, maxLength: rowCount + 1 }),
      bom: fc.constant(bom),
    }),
  );

function quote(value: string, delimiter: string): string {
  const needs = value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value) || value.startsWith("\uFEFF") || value !== value.trim();
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(c: CsvCase): string {
  const lines = [c.headers, ...c.rows].map((r, i) => r.map((v) => quote(v, c.delimiter)).join(c.delimiter) + c.endings[i]);
  return (c.bom ? "\uFEFF" : "") + lines.join("");
}

/** Physical line (1-based) where each data row starts, counting the line breaks inside quoted cells. */
export function rowStartLines(c: CsvCase): number[] {
  let line = 1 + [...c.headers.join("")].filter((ch) => ch === "\n").length + 1;
  return c.rows.map((r) => {
    const start = line;
    line += 1 + r.reduce((n, v) => n + [...v].filter((ch) => ch === "\n").length, 0);
    return start;
  });
}

export type CsvMutation =
  | { op: "delete"; at: number; length: number }
  | { op: "insert"; at: number; text: string }
  | { op: "truncate"; at: number };

export const csvMutation: fc.Arbitrary<CsvMutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom('"', '"\n', "\r", "\n", "\r\n", ",", ";", "\u0000", "\uFEFF", '""'), hostileString()) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
);

export function mutateText(text: string, mutations: readonly CsvMutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    if (m.op === "delete") out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.op === "insert") out = out.slice(0, at) + m.text + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}
