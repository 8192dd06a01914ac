/**
 * Pure: a stored Odoo page → canonical records and per-record issues. The page's model is the first word of its label
 * ("stock.quant page 3 (40 products)"), as pull names it. Most pages are one search_read answer; res.partner and
 * product.product pages are bundles that also carry the product.supplierinfo lines they need (see answers.ts).
 */
import type { RawPayloadInput } from "@/lib/adapters/types";
import type { TransformResult } from "@/lib/domain/canonical/records";
import type { OdooConfig } from "./config";
import { answersOfBundle, parseBody, rowsOfAnswer } from "./answers";
import { PULLED_MODELS, SUPPLIERINFO, type PulledModel } from "./models";
import { ResultBuilder } from "./result-builder";
import { readSellers } from "./sellers";
import { transformMoves } from "./transform-moves";
import { transformPartners } from "./transform-partners";
import { transformProducts } from "./transform-products";
import { transformPurchaseOrderLines, transformPurchaseOrders } from "./transform-purchases";
import { transformQuants } from "./transform-quants";
import { transformWarehouses } from "./transform-warehouses";

/** Pages that bundle their rows with the product.supplierinfo lines of those rows. */
const BUNDLED: PulledModel[] = ["res.partner", "product.product"];

export function transformOdooPage(payload: RawPayloadInput, config: OdooConfig): TransformResult {
  const out = new ResultBuilder();
  const model = payload.label.split(" ")[0] as PulledModel;
  if (!PULLED_MODELS.includes(model)) {
    out.issue("unknown", payload.label, null, `no Odoo transform for model "${model}"`, null);
    return out.result();
  }
  const parsed = parseBody(payload.body);
  const answers = "problem" in parsed ? parsed.problem : BUNDLED.includes(model) ? answersOfBundle(parsed.value, [model, SUPPLIERINFO]) : rowsOfAnswer(parsed.value);
  if (typeof answers === "string") {
    out.issue("unknown", payload.label, null, answers, payload.body.slice(0, 2000));
    return out.result();
  }
  const rows = objectsOf(Array.isArray(answers) ? answers : answers[model], payload.label, out);
  const sellers = Array.isArray(answers) ? [] : readSellers(objectsOf(answers[SUPPLIERINFO], `${payload.label} ${SUPPLIERINFO}`, out));
  switch (model) {
    case "stock.warehouse":
      transformWarehouses(rows, config, out);
      break;
    case "res.partner":
      transformPartners(rows, sellers, config, out);
      break;
    case "product.product":
      transformProducts(rows, sellers, config, out);
      break;
    case "stock.quant":
      transformQuants(rows, config, out);
      break;
    case "purchase.order":
      transformPurchaseOrders(rows, config, out);
      break;
    case "purchase.order.line":
      transformPurchaseOrderLines(rows, config, out);
      break;
    case "stock.move":
      transformMoves(rows, config, out);
      break;
  }
  return out.result();
}

/** The rows that are objects; anything else is reported by its place on the page. */
function objectsOf(rows: unknown[], label: string, out: ResultBuilder): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  rows.forEach((r, i) => {
    if (typeof r === "object" && r !== null && !Array.isArray(r)) objects.push(r as Record<string, unknown>);
    else out.issue("unknown", `${label} row ${i + 1}`, null, "row is not an object", r);
  });
  return objects;
}
