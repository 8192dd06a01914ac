/**
 * Pure: a stored Odoo page (the JSON-RPC response of a search_read) → canonical records and per-record issues.
 * The page's model is the first word of its label ("stock.quant page 3 (40 products)"), as pull names it.
 */
import type { RawPayloadInput } from "@/lib/adapters/types";
import type { TransformResult } from "@/lib/domain/canonical/records";
import type { OdooConfig } from "./config";
import { PULLED_MODELS, type PulledModel } from "./models";
import { ResultBuilder } from "./result-builder";
import { transformMoves } from "./transform-moves";
import { transformPurchaseOrderLines, transformPurchaseOrders } from "./transform-purchases";
import { transformQuants } from "./transform-quants";

export function transformOdooPage(payload: RawPayloadInput, config: OdooConfig): TransformResult {
  const out = new ResultBuilder();
  const model = payload.label.split(" ")[0] as PulledModel;
  if (!PULLED_MODELS.includes(model)) {
    out.issue("unknown", payload.label, null, `no Odoo transform for model "${model}"`, null);
    return out.result();
  }
  const rows = readRows(payload.body);
  if (typeof rows === "string") {
    out.issue("unknown", payload.label, null, rows, payload.body.slice(0, 2000));
    return out.result();
  }
  const objects = rows.filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null && !Array.isArray(r));
  rows.forEach((r, i) => {
    if (!objects.includes(r as Record<string, unknown>)) out.issue("unknown", `${payload.label} row ${i + 1}`, null, "row is not an object", r);
  });
  if (model === "stock.quant") transformQuants(objects, config, out);
  else if (model === "purchase.order") transformPurchaseOrders(objects, config, out);
  else if (model === "purchase.order.line") transformPurchaseOrderLines(objects, config, out);
  else transformMoves(objects, config, out);
  return out.result();
}

/** The rows of a JSON-RPC search_read answer, or why there are none. */
function readRows(body: string): unknown[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return "page body is not JSON";
  }
  const envelope = parsed as { result?: unknown; error?: { data?: { message?: string } } };
  if (envelope.error) return `page is a JSON-RPC error: ${envelope.error.data?.message ?? "unknown"}`;
  if (!Array.isArray(envelope.result)) return "page is not a search_read answer (result is not a list)";
  return envelope.result;
}
