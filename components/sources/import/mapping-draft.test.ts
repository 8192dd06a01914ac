import { test } from "node:test";
import assert from "node:assert/strict";
import { ColumnMapping } from "@/lib/adapters/csv/mapping";
import { requiredFields } from "@/lib/adapters/csv/field-catalog";
import { presetById } from "@/lib/adapters/csv/presets";
import {
  choiceOf,
  choiceValue,
  constantFor,
  draftProblems,
  fieldRows,
  parseChoiceValue,
  parseUomFactors,
  sameMapping,
  sourceForChoice,
  withFieldSource,
} from "./mapping-draft";

test("fields are listed required first, exactly the catalog's fields, required ones marked", () => {
  const rows = fieldRows("purchaseOrderLine");
  const required = requiredFields("purchaseOrderLine");
  assert.ok(required.length > 0);
  assert.deepEqual(rows.slice(0, required.length).map((r) => r.field).sort(), [...required].sort());
  assert.ok(rows.slice(0, required.length).every((r) => r.required));
  assert.ok(rows.slice(required.length).every((r) => !r.required));
  assert.ok(rows.some((r) => r.field === "promisedDate" && r.kind === "date"));
});

test("the select's value round-trips, even for a header that looks like a keyword", () => {
  for (const choice of [{ type: "none" }, { type: "constant" }, { type: "template" }, { type: "context" }, { type: "column", column: "constant" }, { type: "column", column: "Qty (CS)" }] as const) {
    assert.deepEqual(parseChoiceValue(choiceValue(choice)), choice);
  }
});

test("editing one field of the AdventureWorks Product preset keeps everything else and stays a valid mapping", () => {
  const preset = presetById("aw-product")!.mapping;
  // Re-choosing the column the field already reads keeps its value map (Class H/M/L → A/B/C).
  const same = withFieldSource(preset, "abcClass", sourceForChoice({ type: "column", column: "Class" }, preset.fields.abcClass, "enum"));
  assert.ok(sameMapping(same, preset));
  const edited = withFieldSource(preset, "unitCost", sourceForChoice({ type: "column", column: "ListPrice" }, preset.fields.unitCost, "unitMoney"));
  assert.deepEqual(edited.fields.unitCost, { column: "ListPrice" });
  assert.deepEqual(edited.fields.sku, { template: "AW-P-{ProductID}" });
  assert.deepEqual(edited.externalId, preset.externalId);
  assert.deepEqual(edited.version, preset.version);
  assert.ok(ColumnMapping.safeParse(edited).success);
  assert.equal(sameMapping(edited, preset), false);
  assert.deepEqual(preset.fields.unitCost, { column: "StandardCost" }, "the preset itself is not mutated");
  const unmapped = withFieldSource(edited, "unitPrice", sourceForChoice({ type: "none" }, edited.fields.unitPrice, "unitMoney"));
  assert.equal("unitPrice" in unmapped.fields, false);
});

test("constants are typed by the field's kind", () => {
  assert.equal(constantFor("quantity", "12"), 12);
  assert.equal(constantFor("money", "1.5"), 1.5);
  assert.equal(constantFor("integer", "abc"), "abc", "left as typed: the preview names the bad value");
  assert.equal(constantFor("boolean", "Yes"), true);
  assert.equal(constantFor("boolean", "no"), false);
  assert.equal(constantFor("enum", "dc"), "DC");
  assert.equal(constantFor("code", " AW-L-6 "), "AW-L-6");
  assert.equal(constantFor("text", "  "), null);
  assert.deepEqual(sourceForChoice({ type: "constant" }, undefined, "enum", "store"), { constant: "STORE" });
  assert.deepEqual(sourceForChoice({ type: "context" }, undefined, "date"), { context: "importedAt" });
});

test("unit factors are read from 'CS=12, EA=1' and a wrong entry is named", () => {
  assert.deepEqual(parseUomFactors("cs=12, EA = 1; pal:480"), { factors: { CS: 12, EA: 1, PAL: 480 } });
  assert.deepEqual(parseUomFactors("  "), { factors: undefined });
  const bad = parseUomFactors("CS=12, EA");
  assert.ok("error" in bad && bad.error.includes("'EA'"));
  assert.ok("error" in parseUomFactors("CS=0"));
});

test("a draft missing a required field, or with a template naming no column, is a problem before any request", () => {
  const suggested: ColumnMapping = { entity: "location", fields: { name: { column: "Name" } } };
  assert.deepEqual(draftProblems(suggested).map((p) => p.field), ["code"]);
  const withTemplate = withFieldSource(suggested, "code", { template: "AW-L-" });
  assert.match(draftProblems(withTemplate)[0].message, /at least one \{Column\}/);
  assert.deepEqual(draftProblems(withFieldSource(suggested, "code", { template: "AW-L-{LocationID}" })), []);
  assert.deepEqual(draftProblems(presetById("aw-po-detail")!.mapping), []);
});

test("mappings compare by content, not key order", () => {
  const a: ColumnMapping = { entity: "location", fields: { code: { column: "Id" }, name: { column: "Name" } }, dateFormat: "DD/MM/YYYY" };
  const b: ColumnMapping = { dateFormat: "DD/MM/YYYY", fields: { name: { column: "Name" }, code: { column: "Id" } }, entity: "location", uomColumn: undefined };
  assert.ok(sameMapping(a, b));
  assert.equal(sameMapping(a, { ...a, numberFormat: "decimal-comma" }), false);
  assert.equal(choiceOf(a.fields.code).type, "column");
});
