/**
 * Characters PostgreSQL cannot store: U+0000 (refused in text and jsonb) and lone UTF-16 surrogates (not Unicode:
 * jsonb refuses the "\ud800" escape JSON.stringify writes for them, text silently turns them into U+FFFD). Inputs
 * are refused with a reason naming the field; places that must keep whatever arrived (quarantine) replace them.
 */

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

/** Why `text` cannot be stored as it is, or null when it can. */
export function unstorableReason(text: string): string | null {
  const hit = UNSTORABLE.exec(text);
  if (!hit) return null;
  return hit[0] === "\u0000" ? "contains a NUL character (U+0000), which cannot be stored" : "contains a lone UTF-16 surrogate (not valid Unicode), which cannot be stored";
}

/** `text` with every unstorable character replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, "\uFFFD");
}

/** The first string (or object key) in a JSON-like value that cannot be stored: its path and why. Depth-limited. */
export function findUnstorableText(value: unknown, path: (string | number)[] = [], depth = 0): { path: (string | number)[]; reason: string } | null {
  if (typeof value === "string") {
    const reason = unstorableReason(value);
    return reason ? { path, reason } : null;
  }
  if (value === null || typeof value !== "object" || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnstorableText(value[i], [...path, i], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const keyReason = unstorableReason(key);
    if (keyReason) return { path: [...path, key], reason: `its name ${keyReason}` };
    const hit = findUnstorableText(v, [...path, key], depth + 1);
    if (hit) return hit;
  }
  return null;
}
