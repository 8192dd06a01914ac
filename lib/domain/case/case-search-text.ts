/**
 * The queue's free-text search column: lower-case title, SKUs and every document number the
 * case's findings name (PO, sales order, ASN, transfer). Stored on the case so one trigram index
 * answers "find the case about PO-10023" without opening the evidence JSON at query time.
 */
import type { Finding } from "@/lib/domain/model/case-draft";

/** Evidence keys (at any depth, including lists such as soLines or toPostpone) whose values are searchable. */
const SEARCHABLE_KEYS = new Set(["sku", "poNumber", "soNumber", "soNumbers", "asnNumber", "transferNumber"]);

/** Bound on the stored text: a credit hold can list hundreds of lines; the first few thousand characters find it. */
export const MAX_SEARCH_TEXT_LENGTH = 4000;

// Evidence is plain JSON from detection; the depth bound only guards against a malformed cycle.
function collect(value: unknown, into: string[], depth: number, searchable: boolean): void {
  if (depth > 6 || value === null || value === undefined) return;
  if (typeof value === "string") {
    if (searchable && value.trim()) into.push(value.trim());
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collect(v, into, depth + 1, searchable);
    return;
  }
  if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) collect(v, into, depth + 1, SEARCHABLE_KEYS.has(k));
  }
}

/** Lower-case search text for a case: title, then each distinct SKU / document number in finding order. */
export function caseSearchText(title: string, findings: readonly Pick<Finding, "evidence">[]): string {
  const terms: string[] = [];
  for (const f of findings) collect(f.evidence, terms, 0, false);
  const seen = new Set<string>();
  const parts = [title.trim().toLowerCase()];
  for (const t of terms) {
    const term = t.toLowerCase();
    if (seen.has(term)) continue;
    seen.add(term);
    parts.push(term);
  }
  const text = parts.filter(Boolean).join(" ");
  if (text.length <= MAX_SEARCH_TEXT_LENGTH) return text;
  // Cut at a word boundary so no half document number is left to match by accident.
  const cut = text.lastIndexOf(" ", MAX_SEARCH_TEXT_LENGTH);
  return text.slice(0, cut > 0 ? cut : MAX_SEARCH_TEXT_LENGTH);
}
