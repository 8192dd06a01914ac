import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { CANONICAL_ENTITIES, canonicalSchemas } from "@/lib/domain/canonical/records";
import { FIELD_CATALOG, FILE_ENTITIES } from "./field-catalog";
import { ColumnMapping, mapRow, previewRows, suggestMapping } from "./mapping";
import { openCsv } from "./read-csv";
import { parseDate, parseNumber } from "./parse-values";
import { presetById } from "./presets";
import { AW_DIR, mapFile } from "./testing/shared-files";

const PO_DETAIL = path.join(AW_DIR, "PurchaseOrderDetail.csv");
const detailPreset = presetById("aw-po-detail")!;

describe("field catalog", () => {
  it("covers exactly the fields of each flat canonical entity", () => {
    for (const entity of FILE_ENTITIES) {
      assert.ok(CANONICAL_ENTITIES.includes(entity));
      assert.deepEqual(Object.keys(FIELD_CATALOG[entity]).sort(), Object.keys(canonicalSchemas[entity].shape).sort(), entity);
    }
  });
});

describe("value parsers", () => {
  it("parses decimal-point and decimal-comma numbers strictly", () => {
    assert.equal(parseNumber(".0000"), 0);
    assert.equal(parseNumber("50.2635"), 50.2635);
    assert.equal(parseNumber("1,234.5"), 1234.5);
    assert.equal(parseNumber("1,23"), null);
    assert.equal(parseNumber("twelve"), null);
    assert.equal(parseNumber("3,00", "decimal-comma"), 3);
    assert.equal(parseNumber("1.234,5", "decimal-comma"), 1234.5);
    assert.equal(parseNumber("-0,5", "decimal-comma"), -0.5);
    assert.equal(parseNumber("1.5", "decimal-comma"), null);
  });

  it("parses dates in the configured format, rejects impossible ones, and always accepts ISO", () => {
    assert.equal(parseDate("2022-04-29 00:00:00.000")?.toISOString(), "2022-04-29T00:00:00.000Z");
    assert.equal(parseDate("2022-04-29T10:30:00+02:00")?.toISOString(), "2022-04-29T08:30:00.000Z");
    assert.equal(parseDate("29/04/2022", "DD/MM/YYYY")?.toISOString(), "2022-04-29T00:00:00.000Z");
    assert.equal(parseDate("04/29/2022", "MM/DD/YYYY")?.toISOString(), "2022-04-29T00:00:00.000Z");
    assert.equal(parseDate("31/02/2014", "DD/MM/YYYY"), null);
    assert.equal(parseDate("2014-02-31"), null);
    assert.equal(parseDate("29/04/2022"), null);
    assert.equal(parseDate("2022-04-29", "DD.MM.YYYY")?.toISOString(), "2022-04-29T00:00:00.000Z");
  });
});

describe("suggestMapping", () => {
  it("maps the real AdventureWorks detail headers onto purchase order line fields", async () => {
    const table = await openCsv(Readable.from([readFileSync(PO_DETAIL, "utf8").split("\n")[0] + "\n"]));
    const s = suggestMapping(table.headers, "purchaseOrderLine");
    assert.deepEqual(s.mapping.fields, {
      poNumber: { column: "PurchaseOrderID" },
      lineNo: { column: "PurchaseOrderDetailID" },
      sku: { column: "ProductID" },
      qtyOrdered: { column: "OrderQty" },
      qtyReceived: { column: "ReceivedQty" },
      unitCost: { column: "UnitPrice" },
      promisedDate: { column: "DueDate" },
    });
    assert.deepEqual(s.unmatchedRequired, []);
  });

  it("matches ProductNumber to sku and reports required fields it could not find", () => {
    const s = suggestMapping(["ProductNumber", "Product Name", "Std. Cost"], "item");
    assert.deepEqual(s.mapping.fields.sku, { column: "ProductNumber" });
    assert.deepEqual(s.mapping.fields.name, { column: "Product Name" });
    assert.deepEqual(s.mapping.fields.unitCost, { column: "Std. Cost" });
    assert.deepEqual(s.unmatchedRequired, ["unitPrice"]);
    assert.ok(ColumnMapping.safeParse(s.mapping).success);
  });
});

describe("mapRow", () => {
  const mapping: ColumnMapping = {
    entity: "purchaseOrderLine",
    fields: {
      poNumber: { column: "PO" },
      lineNo: { column: "Line" },
      sku: { column: "Item" },
      qtyOrdered: { column: "Qty" },
      unitCost: { column: "Price" },
      promisedDate: { column: "DueDate" },
    },
    dateFormat: "DD/MM/YYYY",
    uomColumn: "Unit",
    uomFactors: { CS: 12, ea: 1 },
  };
  const row = (values: Record<string, string>, line = 17) => ({
    line,
    values: { PO: "PO-1", Line: "1", Item: "A-1", Qty: "2", Price: "24", DueDate: "15/03/2014", Unit: "cs", ...values },
  });

  it("converts units: quantities multiply, unit prices divide", () => {
    const r = mapRow(row({}), mapping, "po.csv");
    assert.ok("record" in r);
    assert.deepEqual(r.record.data, {
      poNumber: "PO-1",
      lineNo: 1,
      sku: "A-1",
      qtyOrdered: 24,
      qtyReceived: 0,
      unitCost: 2,
      promisedDate: new Date("2014-03-15T00:00:00Z"),
    });
    assert.equal(r.record.origin.position, "po.csv line 17");
  });

  it("names line and column in every issue", () => {
    const bad = mapRow(row({ DueDate: "31/02/2014" }), mapping, "po.csv");
    assert.ok("issue" in bad);
    assert.equal(bad.issue.message, "line 17, column 'DueDate': expected a date (DD/MM/YYYY), got '31/02/2014'");
    assert.equal(bad.issue.field, "promisedDate");
    assert.equal(bad.issue.position, "po.csv line 17");

    const unit = mapRow(row({ Unit: "PAL" }), mapping, "po.csv");
    assert.ok("issue" in unit && unit.issue.message === "line 17, column 'Unit': unknown unit 'PAL' (known: CS, EA)");

    const negative = mapRow(row({ Qty: "-3" }), mapping, "po.csv");
    assert.ok("issue" in negative);
    assert.match(negative.issue.message, /^line 17, column 'Qty': qtyOrdered: .*>=0.*, got '-3'$/);

    const empty = mapRow(row({ Item: " " }), mapping, "po.csv");
    assert.ok("issue" in empty && empty.issue.message === "line 17, column 'Item': sku is required but the cell is empty");

    const two = mapRow(row({ Qty: "x", Line: "1.5" }), mapping, "po.csv");
    assert.ok("issue" in two);
    assert.equal(two.issue.message, "line 17, column 'Line': expected a whole number for lineNo, got '1.5'; line 17, column 'Qty': expected a number, got 'x'");
  });

  it("turns a ragged row into an issue that keeps the raw cells", () => {
    const r = mapRow({ line: 9, values: {}, problem: "expected 7 fields, found 8", raw: ["a"] }, mapping, "po.csv");
    assert.ok("issue" in r);
    assert.equal(r.issue.message, "line 9: expected 7 fields, found 8");
    assert.deepEqual(r.issue.raw, ["a"]);
  });

  it("reports a mapped column the file does not have", () => {
    const values = { ...row({}).values } as Record<string, string>;
    delete values.DueDate;
    const r = mapRow({ line: 3, values }, mapping, "");
    assert.ok("issue" in r && r.issue.message === "line 3, column 'DueDate': column is missing from the file");
  });
});

describe("ColumnMapping", () => {
  it("rejects fields the entity does not have", () => {
    const parsed = ColumnMapping.safeParse({ entity: "item", fields: { sku: { column: "A" }, colour: { column: "B" } } });
    assert.equal(parsed.success, false);
    assert.match(parsed.error!.issues[0].message, /^item has no field 'colour'/);
    assert.deepEqual(parsed.error!.issues[0].path, ["fields", "colour"]);
  });
});

describe("real file with injected defects", () => {
  it("maps every clean row of a corrupted PurchaseOrderDetail copy and names line and column of each defect", async () => {
    // The shared file has CRLF line endings; edits keep them.
    const lines = readFileSync(PO_DETAIL, "utf8").split("\r\n");
    const header = lines[0].split(",");
    const set = (lineNo: number, column: string, value: string) => {
      const cells = lines[lineNo - 1].split(",");
      cells[header.indexOf(column)] = value;
      lines[lineNo - 1] = cells.join(",");
    };
    set(18, "DueDate", "31/02/2014");
    set(30, "ProductID", "");
    set(45, "OrderQty", "-4");
    lines[59] += ",surplus";
    const file = path.join(mkdtempSync(path.join(tmpdir(), "csv-")), "PurchaseOrderDetail.csv");
    writeFileSync(file, lines.join("\r\n"));

    const { records, issues } = await mapFile(file, detailPreset.mapping);
    assert.equal(records.length, 8845 - 4);
    assert.deepEqual(
      issues.map((i) => [i.position, i.field]),
      [
        ["PurchaseOrderDetail.csv line 18", "promisedDate"],
        ["PurchaseOrderDetail.csv line 30", "sku"],
        ["PurchaseOrderDetail.csv line 45", "qtyOrdered"],
        ["PurchaseOrderDetail.csv line 60", null],
      ],
    );
    assert.equal(issues[0].message, "line 18, column 'DueDate': expected a date (YYYY-MM-DD), got '31/02/2014'");
    assert.equal(issues[1].message, "line 30, column 'ProductID': sku is required but the cell is empty");
    assert.match(issues[2].message, /^line 45, column 'OrderQty': qtyOrdered: .*, got '-4'$/);
    assert.equal(issues[3].message, "line 60: expected 11 fields, found 12");
  });

  it("reads a semicolon + decimal-comma + DD.MM.YYYY conversion of the real file to the same records", async () => {
    const text = readFileSync(PO_DETAIL, "utf8")
      .split("\r\n")
      .map((line, i) =>
        i === 0
          ? line.replace(/,/g, ";")
          : line
              .split(",")
              .map((cell) => (/^\d{4}-/.test(cell) ? cell.replace(/^(\d{4})-(\d{2})-(\d{2}) .*$/, "$3.$2.$1") : cell.replace(".", ",")))
              .join(";"),
      )
      .join("\n");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "csv-")), "detail-de.csv");
    writeFileSync(file, text);
    assert.equal(text.split("\n")[1], "1;1;29.04.2022;4;1;50,2600;201,0400;3,00;,00;3,00;22.04.2022");
    const german = await mapFile(file, { ...detailPreset.mapping, numberFormat: "decimal-comma", dateFormat: "DD.MM.YYYY" });
    const original = await mapFile(PO_DETAIL, detailPreset.mapping);
    assert.equal(german.issues.length, 0, german.issues[0]?.message);
    assert.equal(german.records.length, 8845);
    assert.deepEqual(
      german.records.map((r) => r.data),
      original.records.map((r) => r.data),
    );
  });

  it("parses grouped decimal-comma values with units in a semicolon file", async () => {
    const csv = "Artikel;Lager;Bestand;Einheit;Stand\nA-1;DC-1;1.234,5;ST;15.01.2026\nA-2;DC-1;2,5;KAR;15.01.2026\n";
    const table = await openCsv(Readable.from([csv]));
    const mapping: ColumnMapping = {
      entity: "inventoryBalance",
      fields: { sku: { column: "Artikel" }, locationCode: { column: "Lager" }, onHand: { column: "Bestand" }, asOf: { column: "Stand" } },
      numberFormat: "decimal-comma",
      dateFormat: "DD.MM.YYYY",
      uomColumn: "Einheit",
      uomFactors: { ST: 1, KAR: 12 },
    };
    const preview = await previewRows(table, mapping, 10, { sourceLabel: "bestand.csv" });
    assert.equal(preview.delimiter, ";");
    assert.deepEqual(preview.missingColumns, []);
    assert.deepEqual(
      preview.rows.map((r) => r.record && (r.record.data as { onHand: number }).onHand),
      [1234.5, 30],
    );
  });
});

describe("previewRows", () => {
  it("maps only the first n rows and lists detected headers and missing columns", async () => {
    const table = await openCsv(Readable.from([readFileSync(PO_DETAIL)]));
    const mapping: ColumnMapping = { ...detailPreset.mapping, fields: { ...detailPreset.mapping.fields, qtyReceived: { column: "Received" } } };
    const p = await previewRows(table, mapping, 5, { sourceLabel: "PurchaseOrderDetail.csv" });
    assert.equal(p.headers.length, 11);
    assert.equal(p.headers[2], "DueDate");
    assert.deepEqual(p.missingColumns, ["Received"]);
    assert.equal(p.rows.length, 5);
    assert.equal(p.issueCount, 5);
    assert.equal(p.rows[0].issue?.message, "line 2, column 'Received': column is missing from the file");
  });
});
