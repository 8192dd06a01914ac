/** An audit row's before/after JSON as readable lines: one per field that changed or was recorded. */
export type ChangeLine = { field: string; before: string | null; after: string | null };

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** A value as short text: strings as they are, objects as compact JSON, cut at `max` characters. */
export function formatAuditValue(v: unknown, max = 160): string | null {
  if (v === undefined || v === null) return null;
  const s = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function describeAuditChange(before: unknown, after: unknown): ChangeLine[] {
  if (!isRecord(before) && !isRecord(after)) {
    const b = formatAuditValue(before);
    const a = formatAuditValue(after);
    return b === null && a === null ? [] : [{ field: "value", before: b, after: a }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const lines: ChangeLine[] = [];
  for (const field of fields) {
    const was = formatAuditValue(b[field], 10_000);
    const now = formatAuditValue(a[field], 10_000);
    if (was === now && field in b && field in a) continue;
    lines.push({ field, before: formatAuditValue(b[field]), after: formatAuditValue(a[field]) });
  }
  return lines;
}
