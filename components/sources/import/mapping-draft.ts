/**
 * Editing a ColumnMapping in the import screen, as pure functions: which fields to show (required first), what the
 * "source" select of one field shows, and how a choice becomes a field source again. Editing one field never drops
 * what the mapping says elsewhere (templates, value maps, version column, skip rules from a preset stay as they were).
 */
import { FIELD_CATALOG, FILE_ENTITIES, requiredFields, type FieldKind, type FileEntity } from "@/lib/adapters/csv/field-catalog";
import type { ColumnMapping, FieldSource } from "@/lib/adapters/csv/mapping";

export interface FieldRow {
  field: string;
  required: boolean;
  kind: FieldKind;
  values?: readonly string[];
}

/** The entity's fields, required ones first (each group in catalog order). */
export function fieldRows(entity: FileEntity): FieldRow[] {
  const required = new Set(requiredFields(entity));
  const rows = Object.entries(FIELD_CATALOG[entity]).map(([field, spec]) => ({ field, required: required.has(field), kind: spec.kind, values: spec.values }));
  return [...rows.filter((r) => r.required), ...rows.filter((r) => !r.required)];
}

export const isFileEntity = (value: string): value is FileEntity => (FILE_ENTITIES as readonly string[]).includes(value);

const ENTITY_LABELS: Record<FileEntity, string> = {
  item: "Items",
  location: "Locations",
  supplier: "Suppliers",
  customer: "Customers",
  inventoryBalance: "Inventory balances",
  purchaseOrderHeader: "Purchase order headers",
  purchaseOrderLine: "Purchase order lines",
  salesOrderLine: "Sales order lines",
  cycleCount: "Cycle counts",
  hold: "Holds",
};
export const entityLabel = (entity: FileEntity) => ENTITY_LABELS[entity];

/** What the per-field select shows: nothing, one column, or one of the non-column sources. */
export type SourceChoice = { type: "none" } | { type: "column"; column: string } | { type: "constant" } | { type: "template" } | { type: "context" };

export function choiceOf(source: FieldSource | undefined): SourceChoice {
  if (!source) return { type: "none" };
  if ("column" in source) return { type: "column", column: source.column };
  if ("template" in source) return { type: "template" };
  if ("constant" in source) return { type: "constant" };
  return { type: "context" };
}

/** The select's option value for a choice ("col:Name", "constant"…); columns are prefixed so no header can clash. */
export function choiceValue(choice: SourceChoice): string {
  return choice.type === "column" ? `col:${choice.column}` : choice.type;
}

export function parseChoiceValue(value: string): SourceChoice {
  if (value.startsWith("col:")) return { type: "column", column: value.slice(4) };
  if (value === "constant" || value === "template" || value === "context") return { type: value };
  return { type: "none" };
}

/** The text shown in the value box of a constant or template source. */
export function sourceText(source: FieldSource | undefined): string {
  if (!source) return "";
  if ("template" in source) return source.template;
  if ("constant" in source) return source.constant == null ? "" : String(source.constant);
  return "";
}

const NUMERIC_KINDS: FieldKind[] = ["quantity", "unitMoney", "money", "number", "integer"];

/** A typed constant: numbers for numeric fields, true/false for booleans, upper case for enums, else the text. */
export function constantFor(kind: FieldKind, text: string): string | number | boolean | null {
  const t = text.trim();
  if (t === "") return null;
  if (NUMERIC_KINDS.includes(kind) && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return Number(t);
  if (kind === "boolean" && /^(true|yes|1|false|no|0)$/i.test(t)) return /^(true|yes|1)$/i.test(t);
  if (kind === "enum") return t.toUpperCase();
  return t;
}

/**
 * The field source for a choice. Re-choosing the column the field already reads keeps its value map and scale;
 * switching to constant/template starts from the text typed so far (or the template the field had).
 */
export function sourceForChoice(choice: SourceChoice, previous: FieldSource | undefined, kind: FieldKind, text = sourceText(previous)): FieldSource | undefined {
  switch (choice.type) {
    case "none":
      return undefined;
    case "column":
      return previous && "column" in previous && previous.column === choice.column ? previous : { column: choice.column };
    case "constant":
      return { constant: constantFor(kind, text) };
    case "template":
      return { template: text };
    case "context":
      return { context: "importedAt" };
  }
}

/** A copy of the mapping with one field's source replaced (or removed). */
export function withFieldSource(mapping: ColumnMapping, field: string, source: FieldSource | undefined): ColumnMapping {
  const fields = { ...mapping.fields };
  if (source) fields[field] = source;
  else delete fields[field];
  return { ...mapping, fields };
}

/** "CS=12, EA=1" → { CS: 12, EA: 1 }; a wrong entry is named. Empty text → no factors. */
export function parseUomFactors(text: string): { factors: Record<string, number> | undefined } | { error: string } {
  const entries = text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return { factors: undefined };
  const factors: Record<string, number> = {};
  for (const entry of entries) {
    const m = /^([^=:\s]+)\s*[=:]\s*(\d+(?:\.\d+)?)$/.exec(entry);
    if (!m || Number(m[2]) <= 0) return { error: `'${entry}' is not UNIT=factor with a factor above 0 (e.g. CS=12)` };
    factors[m[1].toUpperCase()] = Number(m[2]);
  }
  return { factors };
}

export function formatUomFactors(factors: Record<string, number> | undefined): string {
  return Object.entries(factors ?? {}).map(([unit, n]) => `${unit}=${n}`).join(", ");
}

/** Problems to fix before a preview or import makes sense: required fields without a source, empty templates. */
export function draftProblems(mapping: ColumnMapping): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const row of fieldRows(mapping.entity)) {
    const source = mapping.fields[row.field];
    if (!source) {
      if (row.required) problems.push({ field: row.field, message: `${row.field} is required: choose a column, a constant or a template` });
      continue;
    }
    if ("template" in source && !/\{[^}]+\}/.test(source.template)) problems.push({ field: row.field, message: `${row.field}: a template needs at least one {Column}` });
    if ("constant" in source && source.constant === null && row.required) problems.push({ field: row.field, message: `${row.field} is required: type the constant value` });
  }
  return problems;
}

/** JSON with sorted keys, so two mappings that say the same thing compare equal whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export const sameMapping = (a: ColumnMapping | null | undefined, b: ColumnMapping | null | undefined) => stableJson(a ?? null) === stableJson(b ?? null);
