import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { openCsv } from "@/lib/adapters/csv/read-csv";
import { presetById } from "@/lib/adapters/csv/presets";
import { AW_DIR, mapFile } from "@/lib/adapters/csv/testing/shared-files";
import { openXlsx } from "./read-xlsx";

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;

/** Typed cell, as a person saving the CSV from Excel would have it: numbers as numbers, dates as dates. */
function typed(cell: string): string | number | Date {
  if (/^-?(\d+\.?\d*|\.\d+)$/.test(cell)) return Number(cell);
  const m = DATE_TIME.exec(cell);
  if (m) return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return cell;
}

/** Writes real shared CSVs as sheets of one workbook with exceljs' streaming writer. */
async function writeWorkbook(file: string, sheets: { name: string; csv: string }[]) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  for (const { name, csv } of sheets) {
    const sheet = workbook.addWorksheet(name);
    const table = await openCsv(createReadStream(path.join(AW_DIR, csv)));
    sheet.addRow(table.headers).commit();
    for await (const row of table.rows) {
      const added = sheet.addRow(table.headers.map((h) => typed(row.values[h] ?? "")));
      added.eachCell((c) => {
        if (c.value instanceof Date) c.numFmt = "yyyy-mm-dd hh:mm:ss";
      });
      added.commit();
    }
    await sheet.commit();
  }
  await workbook.commit();
}

describe("openXlsx", () => {
  it("round-trips real AdventureWorks tables through an .xlsx: same records as from the CSV", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "xlsx-")), "adventureworks.xlsx");
    await writeWorkbook(file, [
      { name: "PurchaseOrderDetail", csv: "PurchaseOrderDetail.csv" },
      { name: "Product", csv: "Product.csv" },
    ]);
    assert.ok(statSync(file).size > 100_000);

    const detail = presetById("aw-po-detail")!.mapping;
    const fromXlsx = await mapFile(file, detail);
    const fromCsv = await mapFile(path.join(AW_DIR, "PurchaseOrderDetail.csv"), detail);
    assert.deepEqual(fromXlsx.issues, []);
    assert.equal(fromXlsx.records.length, 8845);
    assert.deepEqual(fromXlsx.records.map((r) => r.data), fromCsv.records.map((r) => r.data));
    // Sheet rows number like CSV lines: header on row 1.
    assert.equal(fromXlsx.records[41].origin.position, "adventureworks.xlsx line 43");

    const product = presetById("aw-product")!.mapping;
    const productsXlsx = await mapFile(file, product, { sheet: "Product" });
    const productsCsv = await mapFile(path.join(AW_DIR, "Product.csv"), product);
    assert.equal(productsXlsx.records.length, 504);
    assert.deepEqual(productsXlsx.records.map((r) => r.data), productsCsv.records.map((r) => r.data));
  });

  it("reads date and number cells as text the mappers parse, flags cells beyond the header, names missing sheets", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "xlsx-")), "small.xlsx");
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
    const sheet = workbook.addWorksheet("Stock");
    sheet.addRow(["Title row"]).commit();
    sheet.addRow(["Sku", "Qty", "As of"]).commit();
    const dated = sheet.addRow(["A-1", 3.5, new Date(Date.UTC(2026, 0, 15))]);
    dated.getCell(3).numFmt = "dd/mm/yyyy";
    dated.commit();
    sheet.addRow(["B-2", 4]).commit();
    sheet.addRow(["C-3", 5, null, "stray"]).commit();
    await sheet.commit();
    await workbook.commit();

    const table = await openXlsx(createReadStream(file), { skipRows: 1 });
    assert.equal(table.sheet, "Stock");
    assert.equal(table.headerLine, 2);
    assert.deepEqual(table.headers, ["Sku", "Qty", "As of"]);
    const rows = [];
    for await (const r of table.rows) rows.push(r);
    assert.deepEqual(rows, [
      { line: 3, values: { Sku: "A-1", Qty: "3.5", "As of": "2026-01-15" } },
      { line: 4, values: { Sku: "B-2", Qty: "4", "As of": "" } },
      { line: 5, values: { Sku: "C-3", Qty: "5", "As of": "" }, problem: "1 cell(s) beyond the last header column", raw: ["C-3", "5", "", "stray"] },
    ]);
    await assert.rejects(openXlsx(createReadStream(file), { sheet: "Nope" }), /sheet 'Nope' not found/);
  });
});
