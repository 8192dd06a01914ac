/**
 * Reading stored Odoo pages. A page is usually one search_read answer exactly as received. Partner and product pages
 * are a bundle of two answers — the rows and the product.supplierinfo lines they need — because a transform sees one
 * page only; the bundle is `{"<model>": <answer>, "product.supplierinfo": <answer>}` with both answers inserted
 * byte for byte, so what was received is still what is stored.
 */

/** Joins answer texts (each a complete JSON-RPC response) into one bundle body without re-serialising them. */
export function bundleAnswers(parts: Record<string, string>): string {
  return `{${Object.entries(parts).map(([model, text]) => `${JSON.stringify(model)}:${text}`).join(",")}}`;
}

/** The rows of a search_read answer, or why there are none. */
export function rowsOfAnswer(answer: unknown): unknown[] | string {
  const envelope = answer as { result?: unknown; error?: { data?: { message?: string } } } | null;
  if (!envelope || typeof envelope !== "object") return "page is not a JSON-RPC answer";
  if (envelope.error) return `page is a JSON-RPC error: ${envelope.error.data?.message ?? "unknown"}`;
  if (!Array.isArray(envelope.result)) return "page is not a search_read answer (result is not a list)";
  return envelope.result;
}

/** A page body as parsed JSON, or why it is unreadable. */
export function parseBody(body: string): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(body) };
  } catch {
    return { problem: "page body is not JSON" };
  }
}

/** The answers of a bundle page by model, or why it is not one. */
export function answersOfBundle(parsed: unknown, models: string[]): Record<string, unknown[]> | string {
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "page is not a bundle of answers";
  const out: Record<string, unknown[]> = {};
  for (const model of models) {
    if (!(model in parsed)) return `page has no ${model} answer`;
    const rows = rowsOfAnswer((parsed as Record<string, unknown>)[model]);
    if (typeof rows === "string") return `${model}: ${rows}`;
    out[model] = rows;
  }
  return out;
}
