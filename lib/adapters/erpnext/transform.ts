/**
 * Pure: a stored ERPNext page → canonical records and per-record issues. Lists ({"data": [...]}) are "Warehouse page n",
 * "Supplier page n", "Item page n", "Bin page n" and "Stock Ledger Entry page n"; a Purchase Order page is one document ({"data": {...}}) labelled with its name.
 */
import type { RawPayloadInput } from "@/lib/adapters/types";
import type { TransformResult } from "@/lib/domain/canonical/records";
import { ResultBuilder } from "@/lib/adapters/odoo/result-builder";
import type { ErpnextConfig } from "./config";
import { transformBins } from "./transform-bins";
import { transformLedger } from "./transform-ledger";
import { transformItems } from "./transform-items";
import { transformPurchaseOrder } from "./transform-purchase-order";
import { transformSuppliers } from "./transform-suppliers";
import { transformWarehouses } from "./transform-warehouses";

export function transformErpnextPage(payload: RawPayloadInput, config: ErpnextConfig): TransformResult {
  const out = new ResultBuilder();
  let data: unknown;
  try {
    data = (JSON.parse(payload.body) as { data?: unknown }).data;
  } catch {
    out.issue("unknown", payload.label, null, "page body is not JSON", payload.body.slice(0, 2000));
    return out.result();
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (payload.label.startsWith("Purchase Order ")) {
    if (isObject(data)) transformPurchaseOrder(data, config, out);
    else out.issue("purchaseOrder", payload.label, null, 'page is not a document ({"data": {...}})', payload.body.slice(0, 2000));
    return out.result();
  }
  const list = Array.isArray(data) ? data.filter(isObject) : null;
  if (!list) out.issue("unknown", payload.label, null, 'page is not a list ({"data": [...]})', payload.body.slice(0, 2000));
  else if (payload.label.startsWith("Warehouse page")) transformWarehouses(list, config, out);
  else if (payload.label.startsWith("Supplier page")) transformSuppliers(list, config, out);
  else if (payload.label.startsWith("Item page")) transformItems(list, config, out);
  else if (payload.label.startsWith("Bin page")) transformBins(list, config, out);
  else if (payload.label.startsWith("Stock Ledger Entry page")) transformLedger(list, config, out);
  else out.issue("unknown", payload.label, null, `no ERPNext transform for "${payload.label}"`, null);
  return out.result();
}
