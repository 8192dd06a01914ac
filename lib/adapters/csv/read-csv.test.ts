import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { detectDelimiter, openCsv, readCsv } from "./read-csv";
import { FREPPLE_DIR, AW_DIR } from "./testing/shared-files";
import type { TableRow } from "./table-row";

/** Feeds text in small byte chunks, so records and multi-byte characters straddle chunk borders. */
async function* chunked(text: string, size = 7): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(rows: AsyncIterable<TableRow>): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe("detectDelimiter", () => {
  it("picks the delimiter consistent across the header and following lines", () => {
    assert.equal(detectDelimiter("a,b,c\n1,2,3\n"), ",");
    assert.equal(detectDelimiter("a;b;c\n1,5;2,5;3\n"), ";");
    assert.equal(detectDelimiter("a\tb\tc\n1\t2\t3\n"), "\t");
    assert.equal(detectDelimiter("a|b|c\n1|2|3\n"), "|");
    // Commas inside quotes do not vote.
    assert.equal(detectDelimiter('name;city\n"Smith, John";"Paris, FR"\n'), ";");
  });
});

describe("openCsv", () => {
  it("strips a BOM, sniffs the delimiter and yields rows keyed by header", async () => {
    const table = await openCsv(chunked("\uFEFFSku;Qty;Naïve\r\nA-1;3;é\r\nB-2;4;ü\r\n"));
    assert.equal(table.delimiter, ";");
    assert.deepEqual(table.headers, ["Sku", "Qty", "Naïve"]);
    assert.deepEqual(await collect(table.rows), [
      { line: 2, values: { Sku: "A-1", Qty: "3", "Naïve": "é" } },
      { line: 3, values: { Sku: "B-2", Qty: "4", "Naïve": "ü" } },
    ]);
  });

  it("numbers a record with quoted newlines by its first physical line, LF and CRLF alike", async () => {
    for (const eol of ["\n", "\r\n"]) {
      const text = ["id,note,qty", '1,"two', "line", 'note",5', "", '2,"plain",6', '3,"x', 'y",7'].join(eol) + eol;
      const rows = await collect(readCsv(chunked(text, 3)));
      assert.deepEqual(
        rows.map((r) => [r.line, r.values.id, r.values.note.replace(/\r\n/g, "\n")]),
        [
          [2, "1", "two\nline\nnote"],
          [6, "2", "plain"],
          [7, "3", "x\ny"],
        ],
        JSON.stringify(eol),
      );
    }
  });

  it("flags ragged rows instead of failing, and keeps reading", async () => {
    const rows = await collect(readCsv(Readable.from(["a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n"])));
    assert.equal(rows.length, 4);
    assert.equal(rows[1].line, 3);
    assert.equal(rows[1].problem, "expected 3 fields, found 2");
    assert.deepEqual(rows[1].raw, ["4", "5"]);
    assert.equal(rows[2].problem, "expected 3 fields, found 4");
    assert.equal(rows[3].problem, undefined);
    assert.deepEqual(rows[3].values, { a: "10", b: "11", c: "12" });
  });

  it("skips blank and delimiter-only lines, skipRows drops title rows, duplicate headers are made unique", async () => {
    const text = "Stock report\nexported 2026-01-15\n\nsku,qty,qty,\nA,1,2,x\n,,,\n\nB,3,4,y\n";
    const table = await openCsv(Readable.from([text]), { skipRows: 2 });
    assert.equal(table.headerLine, 4);
    assert.deepEqual(table.headers, ["sku", "qty", "qty (2)", "column 4"]);
    const rows = await collect(table.rows);
    assert.deepEqual(rows.map((r) => [r.line, r.values.sku, r.values["qty (2)"]]), [
      [5, "A", "2"],
      [8, "B", "4"],
    ]);
  });

  it("reports an unclosed quote at the line where it opened, after the rows before it", async () => {
    const rows = await collect(readCsv(Readable.from(['a,b\n1,2\n3,"oops\n4,5\n6,7\n'])));
    assert.deepEqual(rows, [
      { line: 2, values: { a: "1", b: "2" } },
      { line: 3, values: {}, problem: "a quote opened on this line is never closed, so lines 3–5 could not be read" },
    ]);
  });

  it("handles an empty file, a header-only file, and a source that fails mid-stream", async () => {
    const empty = await openCsv(Readable.from([]));
    assert.deepEqual(empty.headers, []);
    assert.deepEqual(await collect(empty.rows), []);
    const headerOnly = await openCsv(Readable.from(["a,b\r\n"]));
    assert.deepEqual(headerOnly.headers, ["a", "b"]);
    assert.deepEqual(await collect(headerOnly.rows), []);

    async function* failing(): AsyncGenerator<string> {
      yield "a,b\n1,2\n3,";
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error("connection reset");
    }
    const rows = await collect(readCsv(failing()));
    assert.equal(rows[0].line, 2);
    assert.equal(rows.at(-1)?.problem, "unreadable from here on: connection reset");
  });

  it("reads the real CRLF frePPLe customer file and the real AdventureWorks detail file", async () => {
    const customers = await collect(readCsv(createReadStream(path.join(FREPPLE_DIR, "distribution_demo__customer.csv"))));
    assert.deepEqual(customers, [{ line: 2, values: { name: "Generic customer" } }]);
    let count = 0;
    let last: TableRow | undefined;
    for await (const row of readCsv(createReadStream(path.join(AW_DIR, "PurchaseOrderDetail.csv")))) {
      count++;
      last = row;
      assert.equal(row.problem, undefined);
    }
    assert.equal(count, 8845);
    assert.equal(last?.line, 8846);
  });

  it("stops reading and releases the file when the consumer stops early", async () => {
    const stream = createReadStream(path.join(AW_DIR, "PurchaseOrderDetail.csv"), { highWaterMark: 1024 });
    const table = await openCsv(stream);
    let n = 0;
    for await (const _row of table.rows) if (++n === 3) break;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stream.destroyed, true);
    assert.ok(stream.bytesRead < 200_000, `read ${stream.bytesRead} bytes of an 877 kB file`);
  });
});
