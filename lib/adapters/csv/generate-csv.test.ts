import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { badRowAt, generateLargeCsv, LARGE_CSV_MAPPINGS, type LargeCsvKind } from "./generate-csv";
import { mapRow } from "./map-row";
import { openCsv } from "./read-csv";

async function sha(lines: number, kind: LargeCsvKind) {
  const hash = createHash("sha256");
  for await (const chunk of generateLargeCsv(lines, { kind })) hash.update(chunk);
  return hash.digest("hex");
}

describe("generateLargeCsv", () => {
  it("is deterministic", async () => {
    assert.equal(await sha(5000, "purchaseOrderLine"), await sha(5000, "purchaseOrderLine"));
    assert.notEqual(await sha(5000, "purchaseOrderLine"), await sha(5000, "inventoryBalance"));
  });

  for (const kind of ["inventoryBalance", "purchaseOrderLine"] as const) {
    it(`${kind}: exactly the deliberately bad rows (~0.1%) become issues, at their own line`, async () => {
      const lines = 30_000;
      const expected: number[] = [];
      for (let i = 0; i < lines; i++) if (badRowAt(i)) expected.push(i + 2); // header is line 1
      assert.ok(expected.length > 15 && expected.length < 45, `${expected.length} bad rows`);

      const table = await openCsv(generateLargeCsv(lines, { kind }));
      let records = 0;
      const issueLines: number[] = [];
      for await (const row of table.rows) {
        const r = mapRow(row, LARGE_CSV_MAPPINGS[kind], "big.csv");
        if ("record" in r) records++;
        else if ("issue" in r) {
          issueLines.push(row.line);
          assert.match(r.issue.message, new RegExp(`^line ${row.line}(, column '[a-z_]+')?: `));
        }
      }
      assert.deepEqual(issueLines, expected);
      assert.equal(records, lines - expected.length);
    });
  }
});
