/**
 * A column mapping says how the columns of one file become one canonical entity. It is plain JSON (stored with the
 * data source, edited in the UI); `mapRow` compiles it once and applies it to each row.
 * This module is the public entry point: it re-exports mapRow, suggestMapping and previewRows.
 */
import { z } from "zod";
import { FIELD_CATALOG, FILE_ENTITIES } from "./field-catalog";
import { DATE_FORMATS, NUMBER_FORMATS } from "./parse-values";

const columnSource = z.object({
  column: z.string().min(1),
  /** Whole-cell replacements applied before parsing (AdventureWorks Status "4" → "CLOSED"); other values pass through. */
  map: z.record(z.string(), z.string()).optional(),
  /** Multiplier for numeric cells (frePPLe lead times are seconds: 1/86400). Integer fields are rounded after it. */
  scale: z.number().positive().optional(),
});
/** Text built from several cells: "AW-P-{ProductID}". Empty when any referenced cell is empty. */
const templateSource = z.object({ template: z.string().min(1) });
const constantSource = z.object({ constant: z.union([z.string(), z.number(), z.boolean(), z.null()]) });
/** A value the importer supplies, for files that lack it (a stock snapshot without a date is "as of the upload"). */
const contextSource = z.object({ context: z.literal("importedAt") });

export const fieldSource = z.union([columnSource, templateSource, constantSource, contextSource]);
export type FieldSource = z.infer<typeof fieldSource>;

/** A skip rule's pattern must compile here, not throw on the first row of an import. */
function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, "i");
    return true;
  } catch {
    return false;
  }
}

export const ColumnMapping = z.object({
  entity: z.enum(FILE_ENTITIES),
  /** canonical field → where its value comes from. */
  fields: z.record(z.string(), fieldSource),
  /** Default YYYY-MM-DD (with optional time); files from Excel often need DD/MM/YYYY or MM/DD/YYYY. */
  dateFormat: z.enum(DATE_FORMATS).optional(),
  /** decimal-comma for "1.234,5" files (usually with ; as delimiter). */
  numberFormat: z.enum(NUMBER_FORMATS).optional(),
  /** Column holding each row's unit; quantities are multiplied and unit prices divided by `uomFactors[unit]`. */
  uomColumn: z.string().min(1).optional(),
  /** Unit → how many stock units it holds, e.g. { CS: 12, EA: 1 }. Matched case-insensitively. */
  uomFactors: z.record(z.string(), z.number().positive()).optional(),
  /** Records before the header row to ignore (titles above the table). */
  skipRows: z.number().int().min(0).optional(),
  /** Rows to leave out on purpose (frePPLe's "All items" aggregate rows): regex tested against the cell, case-insensitive. */
  skipWhere: z.array(z.object({ column: z.string().min(1), pattern: z.string().min(1).max(500).refine(isRegExp, "not a valid regular expression") })).optional(),
  /** The record's source version (a modified-at date or counter); without it the import time is used. */
  version: z.object({ column: z.string().min(1) }).optional(),
  /** The row's id in the source system, kept for traceability. */
  externalId: z.union([columnSource, templateSource]).optional(),
}).superRefine((mapping, ctx) => {
  // A field the entity does not have is a mistake in the mapping, caught here rather than on the first row.
  const known = FIELD_CATALOG[mapping.entity];
  for (const field of Object.keys(mapping.fields)) {
    if (!Object.hasOwn(known, field)) {
      ctx.addIssue({ code: "custom", path: ["fields", field], message: `${mapping.entity} has no field '${field}' (known: ${Object.keys(known).join(", ")})` });
    }
  }
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** Values the importer knows but the file does not. */
export interface MapContext {
  importedAt?: Date;
}

/** Every column a mapping reads (for checking it against a file's headers). */
export function mappingColumns(mapping: ColumnMapping): string[] {
  const columns = new Set<string>();
  const add = (source: FieldSource) => {
    if ("column" in source) columns.add(source.column);
    if ("template" in source) for (const name of templateColumns(source.template)) columns.add(name);
  };
  Object.values(mapping.fields).forEach(add);
  if (mapping.externalId) add(mapping.externalId);
  if (mapping.version) columns.add(mapping.version.column);
  if (mapping.uomColumn) columns.add(mapping.uomColumn);
  for (const rule of mapping.skipWhere ?? []) columns.add(rule.column);
  return [...columns];
}

export function templateColumns(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

export { mapRow, type MapRowResult } from "./map-row";
export { suggestMapping, type MappingSuggestion } from "./suggest-mapping";
export { previewRows, type Preview } from "./preview-rows";
