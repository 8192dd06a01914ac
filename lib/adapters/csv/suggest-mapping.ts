/**
 * Guesses a ColumnMapping from a file's headers: each canonical field is matched to the header that best fits its
 * name or a known synonym ("ProductNumber" → sku, "OrderQty" → qtyOrdered). Exact matches win over partial ones;
 * each header is used at most once. The result is a starting point for the person importing, not a final answer.
 */
import { FIELD_CATALOG, requiredFields, type FileEntity } from "./field-catalog";
import type { ColumnMapping } from "./mapping";

export interface MappingSuggestion {
  mapping: ColumnMapping;
  matches: { field: string; column: string; score: number }[];
  /** Required fields no header matched: the user must map them (or give a constant) before importing. */
  unmatchedRequired: string[];
  unusedHeaders: string[];
}

const MIN_SCORE = 0.5;

export function normaliseHeader(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9#]/g, "");
}

export function suggestMapping(headers: readonly string[], entity: FileEntity): MappingSuggestion {
  const catalog = FIELD_CATALOG[entity];
  const candidates: { field: string; column: string; score: number }[] = [];
  for (const column of headers) {
    const h = normaliseHeader(column);
    if (!h) continue;
    for (const [field, spec] of Object.entries(catalog)) {
      const names = [normaliseHeader(field), ...spec.synonyms];
      let best = 0;
      names.forEach((name, index) => {
        best = Math.max(best, similarity(h, name) - index * 0.001);
      });
      if (best >= MIN_SCORE) candidates.push({ field, column, score: Math.round(best * 1000) / 1000 });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const usedFields = new Set<string>();
  const usedColumns = new Set<string>();
  const matches: MappingSuggestion["matches"] = [];
  for (const c of candidates) {
    if (usedFields.has(c.field) || usedColumns.has(c.column)) continue;
    usedFields.add(c.field);
    usedColumns.add(c.column);
    matches.push(c);
  }
  const fields: ColumnMapping["fields"] = {};
  for (const m of matches) fields[m.field] = { column: m.column };
  return {
    mapping: { entity, fields },
    matches,
    unmatchedRequired: requiredFields(entity).filter((f) => !usedFields.has(f)),
    unusedHeaders: headers.filter((h) => !usedColumns.has(h)),
  };
}

/** 1 for equal names, 0.75 when one contains the other (4+ chars), else a scaled bigram overlap. */
function similarity(header: string, name: string): number {
  if (header === name) return 1;
  if (name.length >= 4 && header.length >= 4 && (header.includes(name) || name.includes(header))) return 0.75;
  return dice(header, name) * 0.8;
}

function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let overlap = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      overlap++;
      grams.set(g, n - 1);
    }
  }
  return (2 * overlap) / (a.length - 1 + b.length - 1);
}
