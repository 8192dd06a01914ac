/**
 * What PostgreSQL refuses in text and jsonb: U+0000 anywhere, and (in jsonb) lone UTF-16 surrogates, which
 * JSON.stringify writes as "\ud800" escapes. Quarantine keeps "the record as read" for an admin to fix, so such
 * characters are replaced with U+FFFD there rather than losing the record (the exact bytes stay in RawPayload).
 */
import { storableText } from "@/lib/utils/storable-text";

/** Deeper than this the value is cut (JSON.stringify would overflow the stack on a hostile 100,000-level array). */
const MAX_DEPTH = 64;
export const CUT_MARKER = "…(nested deeper than 64 levels: see the raw payload)";

export const pgSafeText = storableText;

/** A copy of `value` that JSON.stringify can always serialise and jsonb can always store. */
export function pgSafeJsonValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return pgSafeText(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value === "boolean") return value;
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (depth >= MAX_DEPTH) return CUT_MARKER;
  if (Array.isArray(value)) return value.map((v) => pgSafeJsonValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    Object.defineProperty(out, pgSafeText(key), { value: pgSafeJsonValue(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function pgSafeJson(value: unknown): string {
  return JSON.stringify(pgSafeJsonValue(value ?? null));
}
