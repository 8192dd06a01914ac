/**
 * Applies a ColumnMapping to one row: reads and parses each mapped cell, converts units (the only place file imports
 * do), then validates with the canonical schema. Every failure names the line and the column it came from.
 */
import { validateRecord, type CanonicalRecord, type RecordIssue } from "@/lib/domain/canonical/records";
import { FIELD_CATALOG, requiredFields, type FieldSpec } from "./field-catalog";
import type { ColumnMapping, FieldSource, MapContext } from "./mapping";
import { templateColumns } from "./mapping";
import { parseBoolean, parseDate, parseNumber } from "./parse-values";
import type { TableRow } from "./table-row";

export type MapRowResult = { record: CanonicalRecord } | { issue: RecordIssue } | { skipped: string };

/** Collects a row's conversion failures; one plain object per row (no per-row closures on the hot path). */
class RowErrors {
  messages: string[] | null = null;
  field: string | null = null;
  constructor(readonly line: number) {}

  add(column: string | null, field: string | null, message: string): undefined {
    (this.messages ??= []).push(column ? `line ${this.line}, column '${column}': ${message}` : `line ${this.line}: ${message}`);
    this.field ??= field;
    return undefined;
  }
}

/**
 * A cell by column name, own properties only: a header or cell named "constructor", "toString" or "__proto__" must
 * read as text (or as missing), never as something inherited from Object.prototype.
 */
const cellOf = (values: Record<string, string>, column: string): string | undefined => (Object.hasOwn(values, column) ? values[column] : undefined);

/** Whole-cell replacement from a mapping's `map` (own keys only, for the same reason). */
const replaced = (map: Record<string, string> | undefined, text: string): string => (map && Object.hasOwn(map, text) ? map[text] : text);

type FieldReader = (values: Record<string, string>, unitFactor: number, context: MapContext, errors: RowErrors) => unknown;

interface CompiledMapping {
  fields: { field: string; read: FieldReader; column: string | null }[];
  externalId: ((values: Record<string, string>) => string | null) | null;
  version: ((values: Record<string, string>, errors: RowErrors) => number | undefined) | null;
  unitFactor: ((values: Record<string, string>, errors: RowErrors) => number) | null;
  skip: ((values: Record<string, string>) => string | null) | null;
}

const compiled = new WeakMap<ColumnMapping, CompiledMapping>();

/**
 * `sourceLabel` names the file ("PurchaseOrderDetail.csv"); the record's position becomes "<label> line <n>".
 * The mapping is compiled once per mapping object, so pass the same object for every row of a file.
 */
export function mapRow(row: TableRow, mapping: ColumnMapping, sourceLabel: string, context: MapContext = {}): MapRowResult {
  let plan = compiled.get(mapping);
  if (!plan) {
    plan = compile(mapping);
    compiled.set(mapping, plan);
  }
  const position = sourceLabel ? `${sourceLabel} line ${row.line}` : `line ${row.line}`;
  if (row.problem) {
    return { issue: { entity: mapping.entity, position, field: null, message: `line ${row.line}: ${row.problem}`, raw: row.raw ?? row.values } };
  }
  const values = row.values;
  if (plan.skip) {
    const reason = plan.skip(values);
    if (reason) return { skipped: reason };
  }

  const errors = new RowErrors(row.line);
  const factor = plan.unitFactor ? plan.unitFactor(values, errors) : 1;
  const data: Record<string, unknown> = {};
  for (const { field, read } of plan.fields) {
    const value = read(values, factor, context, errors);
    if (value !== undefined) data[field] = value;
  }
  const version = plan.version ? plan.version(values, errors) : undefined;
  if (errors.messages) return { issue: { entity: mapping.entity, position, field: errors.field, message: errors.messages.join("; "), raw: values } };

  const record: CanonicalRecord = {
    entity: mapping.entity,
    version: version ?? context.importedAt?.getTime() ?? 0,
    externalId: plan.externalId ? plan.externalId(values) : null,
    data,
    origin: { position },
  };
  const validated = validateRecord(record);
  if (validated.ok) {
    record.data = validated.data;
    return { record };
  }
  const message = explainSchemaFailure(validated.issue.field, validated.issue.message, row, plan);
  return { issue: { ...validated.issue, message, raw: values } };
}

/** Re-words a schema failure so it names the column the bad value came from, and the value itself. */
function explainSchemaFailure(field: string | null, message: string, row: TableRow, plan: CompiledMapping): string {
  const column = plan.fields.find((f) => f.field === field?.split(".")[0])?.column;
  if (!column) return `line ${row.line}: ${message}`;
  return `line ${row.line}, column '${column}': ${message}, got '${cellOf(row.values, column) ?? ""}'`;
}

function compile(mapping: ColumnMapping): CompiledMapping {
  const catalog = FIELD_CATALOG[mapping.entity];
  const required = new Set(requiredFields(mapping.entity));
  const fields = Object.entries(mapping.fields).map(([field, source]) => {
    const spec = Object.hasOwn(catalog, field) ? catalog[field] : undefined;
    if (!spec) throw new Error(`${mapping.entity} has no field '${field}' (known: ${Object.keys(catalog).join(", ")})`);
    return { field, read: fieldReader(field, spec, source, required.has(field), mapping), column: sourceColumn(source) };
  });
  // Required fields nobody mapped fail on every row; say so once per row with a clear message.
  for (const field of required) {
    if (!Object.hasOwn(mapping.fields, field)) {
      fields.push({ field, column: null, read: (_v, _f, _c, errors) => errors.add(null, field, `${field} is required but no column is mapped to it`) });
    }
  }
  return {
    fields,
    externalId: mapping.externalId ? textReader(mapping.externalId) : null,
    version: mapping.version ? versionReader(mapping.version.column, mapping) : null,
    unitFactor: mapping.uomColumn ? unitFactorReader(mapping.uomColumn, mapping.uomFactors ?? {}) : null,
    skip: mapping.skipWhere?.length ? skipReader(mapping.skipWhere) : null,
  };
}

function sourceColumn(source: FieldSource): string | null {
  if ("column" in source) return source.column;
  if ("template" in source) return templateColumns(source.template)[0] ?? null;
  return null;
}

function fieldReader(field: string, spec: FieldSpec, source: FieldSource, required: boolean, mapping: ColumnMapping): FieldReader {
  if ("constant" in source) return () => source.constant;
  if ("context" in source) {
    return (_v, _f, context, errors) => context.importedAt ?? errors.add(null, field, `${field} comes from the import time, which was not given`);
  }
  if ("template" in source) {
    const build = textReader(source);
    const firstColumn = templateColumns(source.template)[0] ?? null;
    return (values, _f, _c, errors) => {
      const text = build(values);
      if (text === null && required) errors.add(firstColumn, field, `${field} is required but the cell is empty`);
      return text ?? undefined;
    };
  }
  const { column, map, scale } = source;
  const convert = converter(field, spec, mapping, scale);
  const failFor = { column, field };
  return (values, factor, _c, errors) => {
    const cell = cellOf(values, column);
    if (cell === undefined) return errors.add(column, field, `column is missing from the file`);
    const text = replaced(map, cell.trim());
    if (text === "") return required ? errors.add(column, field, `${field} is required but the cell is empty`) : undefined;
    return convert(text, cell, factor, errors, failFor);
  };
}

type Converter = (text: string, cell: string, unitFactor: number, errors: RowErrors, at: { column: string; field: string }) => unknown;

function converter(field: string, spec: FieldSpec, mapping: ColumnMapping, scale: number | undefined): Converter {
  const numberFormat = mapping.numberFormat ?? "decimal-point";
  const dateFormat = mapping.dateFormat ?? "YYYY-MM-DD";
  const numberLabel = numberFormat === "decimal-comma" ? "a number (decimal comma)" : "a number";
  const readNumber = (text: string, cell: string, errors: RowErrors, at: { column: string; field: string }): number | undefined => {
    const n = parseNumber(text, numberFormat);
    if (n === null) return errors.add(at.column, at.field, `expected ${numberLabel}, got '${cell}'`);
    return scale ? n * scale : n;
  };
  switch (spec.kind) {
    case "code":
    case "text":
      return (text) => text;
    case "quantity":
      return (text, cell, factor, errors, at) => {
        const n = readNumber(text, cell, errors, at);
        return n === undefined ? undefined : n * factor;
      };
    case "unitMoney":
      return (text, cell, factor, errors, at) => {
        const n = readNumber(text, cell, errors, at);
        return n === undefined ? undefined : n / factor;
      };
    case "money":
    case "number":
      return (text, cell, _f, errors, at) => readNumber(text, cell, errors, at);
    case "integer":
      return (text, cell, _f, errors, at) => {
        const n = readNumber(text, cell, errors, at);
        if (n === undefined) return undefined;
        if (scale) return Math.round(n);
        if (!Number.isInteger(n)) return errors.add(at.column, field, `expected a whole number for ${field}, got '${cell}'`);
        return n;
      };
    case "date":
      return (text, cell, _f, errors, at) => parseDate(text, dateFormat) ?? errors.add(at.column, field, `expected a date (${dateFormat}), got '${cell}'`);
    case "boolean":
      return (text, cell, _f, errors, at) => parseBoolean(text) ?? errors.add(at.column, field, `expected yes/no, got '${cell}'`);
    case "enum": {
      const allowed = spec.values ?? [];
      return (text, cell, _f, errors, at) => {
        const upper = text.toUpperCase();
        if (allowed.includes(upper)) return upper;
        return errors.add(at.column, field, `expected one of ${allowed.join(", ")}, got '${cell}'`);
      };
    }
  }
}

function textReader(source: { column: string; map?: Record<string, string> } | { template: string }): (values: Record<string, string>) => string | null {
  if ("column" in source) {
    return (values) => {
      const mapped = replaced(source.map, (cellOf(values, source.column) ?? "").trim());
      return mapped === "" ? null : mapped;
    };
  }
  // Split once: literal parts at even indexes, column names at odd ones.
  const parts = source.template.split(/\{([^}]+)\}/);
  return (values) => {
    let out = "";
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) {
        out += parts[i];
        continue;
      }
      const cell = (cellOf(values, parts[i]) ?? "").trim();
      if (cell === "") return null;
      out += cell;
    }
    return out.trim() === "" ? null : out;
  };
}

function versionReader(column: string, mapping: ColumnMapping) {
  const dateFormat = mapping.dateFormat ?? "YYYY-MM-DD";
  return (values: Record<string, string>, errors: RowErrors): number | undefined => {
    const text = (cellOf(values, column) ?? "").trim();
    if (text === "") return undefined;
    const date = parseDate(text, dateFormat);
    if (date) return date.getTime();
    const n = parseNumber(text, mapping.numberFormat ?? "decimal-point");
    if (n !== null) return n;
    return errors.add(column, null, `expected a version (date or number), got '${cellOf(values, column)}'`);
  };
}

function unitFactorReader(column: string, factors: Record<string, number>) {
  const byUnit = new Map(Object.entries(factors).map(([unit, factor]) => [unit.trim().toUpperCase(), factor]));
  const known = [...byUnit.keys()].join(", ");
  return (values: Record<string, string>, errors: RowErrors): number => {
    const unit = (cellOf(values, column) ?? "").trim().toUpperCase();
    if (unit === "") return 1;
    const factor = byUnit.get(unit);
    if (factor !== undefined) return factor;
    errors.add(column, "uom", `unknown unit '${cellOf(values, column)}' (known: ${known || "none configured"})`);
    return 1;
  };
}

function skipReader(rules: { column: string; pattern: string }[]) {
  const compiledRules = rules.map((r) => ({ column: r.column, re: new RegExp(r.pattern, "i") }));
  return (values: Record<string, string>): string | null => {
    for (const { column, re } of compiledRules) {
      const cell = cellOf(values, column);
      if (cell !== undefined && re.test(cell)) return `column '${column}' matches /${re.source}/`;
    }
    return null;
  };
}
