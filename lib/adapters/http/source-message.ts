/** Pulls a human-readable message out of an error body: Odoo JSON-RPC errors, Frappe exceptions, or plain text. */
export function extractSourceMessage(body: string): string | null {
  const text = body.trim();
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    const found = messageFromJson(parsed);
    if (found) return shorten(found);
  } catch {
    // not JSON: fall through to plain text
  }
  return shorten(text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()) || null;
}

function messageFromJson(value: unknown): string | null {
  if (!isObject(value)) return null;
  // Frappe: _server_messages is a JSON array of JSON-encoded {message} objects.
  if (typeof value._server_messages === "string") {
    try {
      const list = JSON.parse(value._server_messages) as unknown[];
      const messages = list
        .map((m) => (typeof m === "string" ? (JSON.parse(m) as { message?: unknown }).message : null))
        .filter((m): m is string => typeof m === "string");
      if (messages.length) return messages.join("; ");
    } catch {
      // unreadable: try the other fields
    }
  }
  if (isObject(value.error)) {
    const data = value.error.data;
    if (isObject(data) && typeof data.message === "string") return data.message;
    if (typeof value.error.message === "string") return value.error.message;
  }
  for (const key of ["message", "exception", "exc_type", "error"] as const) {
    if (typeof value[key] === "string" && value[key]) return value[key] as string;
  }
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function shorten(s: string): string {
  return s.length > 300 ? `${s.slice(0, 297)}...` : s;
}
