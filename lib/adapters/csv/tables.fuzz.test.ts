/**
 * Fuzzing the CSV and XLSX readers and the column mapping (fast-check): generated tables written the way a careful
 * writer would (quotes, embedded newlines, BOM, mixed CRLF/LF, every delimiter, hostile cell text) must read back
 * cell for cell with the right line numbers however the bytes are chunked; mutated CSV text and real shared tables
 * (ragged rows, stray quotes, huge fields, truncation) must never throw and must name the line of every problem;
 * damaged workbooks must be refused, never hang.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { validateRecord } from "@/lib/domain/canonical/records";
import { checkProperty, describeStats } from "@/lib/testing/fuzz/settings";
import { csvCase, csvMutation, mutateText, rowStartLines, writeCsv } from "@/lib/testing/fuzz/csv-tables";
import { chunked } from "@/lib/testing/fuzz/edi-mutations";
import { openXlsx } from "@/lib/adapters/xlsx/read-xlsx";
import { openCsv } from "./read-csv";
import { mapTable } from "./map-table";
import { ColumnMapping } from "./mapping";
import { FILE_PRESETS } from "./presets";
import { AW_DIR, FREPPLE_DIR } from "./testing/shared-files";
import type { TableRow } from "./table-row";

const bytesOf = (chunks: Buffer[]) => (async function* () { yield* chunks; })();

async function rowsOf(table: { rows: AsyncIterable<TableRow> }): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

test("generated tables read back cell for cell, with the line each row starts on, however the bytes are chunked", async (t) => {
  const stats = await checkProperty(
    "csv: write → read round trip",
    fc.asyncProperty(csvCase, fc.array(fc.nat(), { maxLength: 12 }), async (c, cuts) => {
      const table = await openCsv(bytesOf(chunked(Buffer.from(writeCsv(c), "utf8"), cuts)), { delimiter: c.delimiter });
      assert.deepEqual(table.headers, c.headers);
      const starts = rowStartLines(c);
      const expected = c.rows
        .map((cells, i) => ({ line: starts[i], values: Object.fromEntries(cells.map((v, j) => [c.headers[j], v])) }))
        // Rows of blanks are skipped by design (spreadsheets pad files with them).
        .filter((r) => Object.values(r.values).some((v) => v.trim() !== ""));
      assert.deepEqual((await rowsOf(table)).map((r) => ({ ...r, values: { ...r.values } })), expected);
    }),
    100,
  );
  t.diagnostic(describeStats(stats));
});

test("mutated CSV text (stray quotes, cut lines, NUL, BOM, huge fields) never throws; rows keep their order and name their line", async (t) => {
  const stats = await checkProperty(
    "csv: mutated text",
    fc.asyncProperty(csvCase, fc.array(csvMutation, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), async (c, mutations, cuts, sniff) => {
      const text = mutateText(writeCsv(c), mutations);
      const table = await openCsv(bytesOf(chunked(Buffer.from(text, "utf8"), cuts)), sniff ? {} : { delimiter: c.delimiter });
      const physicalLines = text.split("\n").length;
      let previous = 0;
      for (const row of await rowsOf(table)) {
        assert.ok(row.line >= 1 && row.line <= physicalLines + 1, `line ${row.line} outside 1..${physicalLines + 1}`);
        assert.ok(row.line >= previous, `line ${row.line} after ${previous}`);
        previous = row.line;
        if (row.problem !== undefined) assert.ok(row.problem.length > 0);
        for (const value of Object.values(row.values)) assert.equal(typeof value, "string");
      }
    }),
    100,
  );
  t.diagnostic(describeStats(stats));
});

/** The first 40 lines of every shared table a preset maps, with that preset's mapping. */
const PRESET_SAMPLES = FILE_PRESETS.flatMap((preset) => {
  const dir = preset.set === "adventureworks" ? AW_DIR : FREPPLE_DIR;
  const candidates = preset.set === "adventureworks"
    ? ["Location.csv", "Vendor.csv", "Product.csv", "ProductInventory.csv", "PurchaseOrderHeader.csv", "PurchaseOrderDetail.csv"]
    : ["distribution_demo__location.csv", "distribution_demo__supplier.csv", "distribution_demo__customer.csv", "distribution_demo__item.csv", "distribution_demo__buffer.csv", "distribution_demo__demand.csv"];
  const file = candidates.find((f) => preset.fileNamePattern.test(f));
  if (!file) return [];
  const text = readFileSync(path.join(dir, file), "utf8").split("\n").slice(0, 40).join("\n");
  return [{ id: preset.id, file, text, mapping: ColumnMapping.parse(preset.mapping) }];
});

test("mutated real tables through their preset mappings: every row becomes a valid record, an issue naming its line, or a skip", async (t) => {
  assert.ok(PRESET_SAMPLES.length >= 10, `only ${PRESET_SAMPLES.length} preset samples`);
  const stats = await checkProperty(
    `csv: mutated shared tables × presets (${PRESET_SAMPLES.length})`,
    fc.asyncProperty(fc.nat({ max: PRESET_SAMPLES.length - 1 }), fc.array(csvMutation, { minLength: 1, maxLength: 5 }), async (index, mutations) => {
      const sample = PRESET_SAMPLES[index];
      const table = await openCsv(bytesOf([Buffer.from(mutateText(sample.text, mutations), "utf8")]));
      for await (const result of mapTable(table, sample.mapping, { sourceLabel: sample.file, context: { importedAt: new Date("2026-12-01T00:00:00Z") } })) {
        if ("record" in result) {
          const valid = validateRecord(result.record);
          assert.ok(valid.ok, `an invalid record was emitted: ${!valid.ok && valid.issue.message}`);
        } else if ("issue" in result) {
          assert.equal(result.issue.position, `${sample.file} line ${result.line}`);
          assert.match(result.issue.message, new RegExp(`^line ${result.line}\\b`));
        } else assert.ok(result.skipped.length > 0);
      }
    }),
    100,
  );
  t.diagnostic(describeStats(stats));
});

test("headers and cells named like Object.prototype members are plain text (they crashed the import)", async () => {
  const csv = "code,__proto__,constructor,kind\nDC1,Atlanta,toString,constructor\nDC2,Boston,x,DC\n";
  const mapping = ColumnMapping.parse({ entity: "location", fields: { code: { column: "code" }, name: { column: "__proto__" }, region: { column: "constructor", map: { x: "East" } }, kind: { column: "kind", map: { DC: "DC" } } } });
  const results = [];
  for await (const r of mapTable(await openCsv(bytesOf([Buffer.from(csv)])), mapping)) results.push(r);
  assert.deepEqual(results.map((r) => ("issue" in r ? r.issue.message : "record" in r ? r.record.data : r)), [
    "line 2, column 'kind': expected one of DC, HUB, STORE, got 'constructor'",
    { code: "DC2", name: "Boston", kind: "DC", region: "East" },
  ]);
  const missing = ColumnMapping.parse({ entity: "location", fields: { code: { column: "code" }, name: { column: "toString" } } });
  for await (const r of mapTable(await openCsv(bytesOf([Buffer.from("code\nDC1\n")])), missing)) {
    assert.ok("issue" in r);
    assert.equal(r.issue.message, "line 2, column 'toString': column is missing from the file");
  }
  assert.equal(ColumnMapping.safeParse({ entity: "location", fields: { constructor: { column: "x" } } }).success, false);
  assert.equal(ColumnMapping.safeParse({ entity: "location", fields: { code: { column: "c" }, name: { column: "n" } }, skipWhere: [{ column: "c", pattern: "(" }] }).error?.issues[0].message, "not a valid regular expression");
});

async function smallWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  ws.addRow(["code", "name"]);
  ws.addRow(["DC1", '=HYPERLINK("http://evil.example","x")']);
  ws.addRow(["constructor", "__proto__"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("damaged and empty workbooks are refused with an error, never hang (exceljs stalled on both)", async (t) => {
  const good = await smallWorkbook();
  await assert.rejects(openXlsx(bytesOf([])), /the file is empty \(0 bytes\)/);
  const flipped = Buffer.from(good);
  flipped[832] = 0;
  await assert.rejects(
    (async () => rowsOf(await openXlsx(bytesOf([flipped]), { stallMs: 200 })))(),
    /the workbook could not be read: it looks damaged/,
  );
  const stats = await checkProperty(
    "xlsx: flipped bytes and truncation",
    fc.asyncProperty(fc.array(fc.record({ at: fc.nat(), byte: fc.nat({ max: 255 }) }), { maxLength: 6 }), fc.option(fc.nat()), async (flips, cut) => {
      const bytes = Buffer.from(good);
      for (const f of flips) bytes[f.at % bytes.length] = f.byte;
      const input = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
      try {
        const rows = await rowsOf(await openXlsx(bytesOf([input]), { stallMs: 200 }));
        for (const row of rows) assert.ok(row.line >= 1);
      } catch (e) {
        assert.ok(e instanceof Error && e.message.length > 0, "a refusal is an Error with a message");
      }
    }),
    60,
  );
  t.diagnostic(describeStats(stats));
});
