/** Property: any row of any values, written by csvRow and read back by a CSV parser, has no cell a spreadsheet would evaluate and loses nothing. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { checkProperty, describeStats } from "@/lib/testing/fuzz/settings";
import { INJECTION_PAYLOADS, hostileString } from "@/lib/testing/fuzz/hostile-values";
import { csvRow } from "./csv";

const FORMULA = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

test("CSV export rows: no text cell starts a formula, every value reads back (minus the guard apostrophe), however it is split", async (t) => {
  const value = fc.oneof(hostileString(), fc.constantFrom(...Object.values(INJECTION_PAYLOADS)), fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  const stats = await checkProperty(
    "csv export: formula neutralisation",
    fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), (values) => {
      const text = csvRow(values);
      const [cells] = parse(text, { relax_quotes: false }) as string[][];
      assert.equal(cells.length, values.length);
      cells.forEach((cell, i) => {
        // The export is UTF-8 bytes: a lone surrogate can only come back as U+FFFD.
        const original = typeof values[i] === "string" ? Buffer.from(values[i] as string).toString() : values[i];
        if (typeof original === "number") assert.equal(Number(cell), original);
        else {
          assert.ok(!FORMULA.test(cell), `a cell a spreadsheet would evaluate: ${JSON.stringify(cell)}`);
          assert.equal(cell.startsWith("'") && FORMULA.test(original) ? cell.slice(1) : cell, original);
        }
      });
      // A spreadsheet that splits on ';' or TAB must find them only inside quoted cells.
      let quoted = false;
      for (const ch of text) {
        if (ch === '"') quoted = !quoted;
        else if ((ch === ";" || ch === "\t") && !quoted) assert.fail(`an unquoted ${JSON.stringify(ch)} in ${JSON.stringify(text)}`);
      }
    }),
    200,
  );
  t.diagnostic(describeStats(stats));
});
