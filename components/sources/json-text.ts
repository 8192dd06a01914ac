/** JSON text ⇄ values for the configuration and record textareas. */

/** Parses a configuration textarea: it must hold one JSON object (empty text counts as {}). */
export function parseConfigJson(text: string): { value: Record<string, unknown> } | { error: string } {
  if (text.trim() === "") return { value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `Not valid JSON: ${(e as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: 'The configuration must be a JSON object, e.g. { "baseUrl": "https://…" }' };
  return { value: value as Record<string, unknown> };
}

/**
 * Pretty JSON for editing. A record quarantined before it could be parsed is stored as the raw text; when that text
 * is itself JSON, show the parsed value so the admin edits structure, not an escaped string.
 */
export function toEditableJson(value: unknown): string {
  if (typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return JSON.stringify(value);
    }
  }
  return JSON.stringify(value ?? null, null, 2);
}
