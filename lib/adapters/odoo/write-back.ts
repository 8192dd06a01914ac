/**
 * Approved actions applied in Odoo.
 * EXPEDITE: purchase.order.line.date_planned ← the new promised date (writing the same date twice is harmless).
 * ADJUST: stock.quant.inventory_quantity ← on hand + delta, then action_apply_inventory. An adjustment must not apply
 * twice, so the inventory move is named after the idempotency key (Odoo's `inventory_name` context) and a retry that
 * finds that move returns it instead of adjusting again.
 */
import { z } from "zod";
import type { AdapterContext, WriteBackAction, WriteBackResult } from "@/lib/adapters/types";
import { OdooClient, type DomainTerm } from "./client";
import type { OdooConfig } from "./config";
import { formatOdooDatetime } from "./values";

const expeditePayload = z.object({ poNumber: z.string().min(1), lineNo: z.number().int().positive(), newPromisedDate: z.coerce.date() });
const adjustPayload = z.object({ sku: z.string().min(1), locationCode: z.string().min(1), qtyDelta: z.number().finite(), lot: z.string().min(1).nullish() });

export async function writeBackOdoo(ctx: AdapterContext<OdooConfig>, action: WriteBackAction): Promise<WriteBackResult> {
  // One HTTP attempt per call: an answer lost after Odoo applied a write would be re-sent by an HTTP-level retry and
  // could apply twice. The write-back outbox retries the whole action instead, with the same idempotency key.
  const client = new OdooClient({ ...ctx, config: { ...ctx.config, retry: { ...ctx.config.retry, maxAttempts: 1 } } });
  if (action.type === "EXPEDITE") return expedite(client, expeditePayload.parse(action.payload));
  if (action.type === "ADJUST") return adjust(client, ctx.config, action.idempotencyKey, adjustPayload.parse(action.payload));
  throw new Error(`The Odoo adapter cannot write back ${action.type} actions (only EXPEDITE and ADJUST)`);
}

async function expedite(client: OdooClient, p: z.output<typeof expeditePayload>): Promise<WriteBackResult> {
  const { result: lines } = await client.searchRead("purchase.order.line", [["id", "=", p.lineNo], ["order_id.name", "=", p.poNumber]], ["id", "date_planned"], { limit: 1 });
  if (lines.length === 0) throw new Error(`Odoo has no purchase.order.line id ${p.lineNo} on ${p.poNumber}`);
  const datePlanned = formatOdooDatetime(p.newPromisedDate);
  const { result: written } = await client.executeKw("purchase.order.line", "write", [[p.lineNo], { date_planned: datePlanned }]);
  const { result: after } = await client.executeKw<Record<string, unknown>[]>("purchase.order.line", "read", [[p.lineNo], ["id", "order_id", "date_planned", "write_date"]]);
  return { externalRef: `purchase.order.line/${p.lineNo}`, response: { written, before: lines[0], after: after[0] } };
}

async function adjust(client: OdooClient, config: OdooConfig, idempotencyKey: string, p: z.output<typeof adjustPayload>): Promise<WriteBackResult> {
  const inventoryName = `Exception Workbench ${idempotencyKey}`;
  const moveFields = ["id", "name", "product_id", "quantity", "location_id", "location_dest_id", "date", "state"];
  // Odoo appends " (user name)" to the move name for non-superusers, hence the prefix match.
  const movesNamed = () => client.searchRead("stock.move", [["is_inventory", "=", true], ["name", "=like", `${inventoryName}%`]], moveFields, { limit: 1 });
  const { result: previous } = await movesNamed();
  if (previous.length) return { externalRef: `stock.move/${String(previous[0].id)}`, response: { alreadyApplied: true, move: previous[0] } };

  const productId = await findProductId(client, p.sku);
  const locationId = await findLocationId(client, config, p.locationCode);
  const lotDomain: DomainTerm[] = p.lot ? [["lot_id.name", "=", p.lot]] : [["lot_id", "=", false]];
  const { result: quants } = await client.searchRead("stock.quant", [["product_id", "=", productId], ["location_id", "=", locationId], ...lotDomain], ["id", "quantity"], { limit: 1 });
  const context = { inventory_mode: true };
  let quantId: number;
  let before: number;
  if (quants.length) {
    quantId = Number(quants[0].id);
    before = Number(quants[0].quantity);
    await client.executeKw("stock.quant", "write", [[quantId], { inventory_quantity: before + p.qtyDelta }], { context });
  } else {
    if (p.lot) throw new Error(`Odoo has no quant of ${p.sku} lot ${p.lot} at ${p.locationCode}`);
    before = 0;
    const { result } = await client.executeKw<number>("stock.quant", "create", [{ product_id: productId, location_id: locationId, inventory_quantity: p.qtyDelta }], { context });
    quantId = result;
  }
  const { result: applied } = await client.executeKw("stock.quant", "action_apply_inventory", [[quantId]], { context: { inventory_name: inventoryName } });
  const { result: moves } = await movesNamed();
  const { result: quantAfter } = await client.executeKw<Record<string, unknown>[]>("stock.quant", "read", [[quantId], ["id", "quantity", "write_date"]]);
  const move = moves[0];
  return {
    externalRef: move ? `stock.move/${String(move.id)}` : `stock.quant/${quantId}`,
    response: { applied, quantityBefore: before, quant: quantAfter[0], move: move ?? null },
  };
}

async function findProductId(client: OdooClient, sku: string): Promise<number> {
  const { result } = await client.searchRead("product.product", [["default_code", "=", sku]], ["id", "display_name"], { limit: 2 });
  if (result.length !== 1) throw new Error(result.length ? `Odoo has several products with reference ${sku}` : `Odoo has no product with reference ${sku}`);
  return Number(result[0].id);
}

/** The Odoo location an adjustment at one of our location codes goes to: the first locationMap key naming it. */
async function findLocationId(client: OdooClient, config: OdooConfig, locationCode: string): Promise<number> {
  const key = Object.entries(config.locationMap).find(([, code]) => code === locationCode)?.[0];
  if (!key) throw new Error(`No Odoo location maps to ${locationCode} (locationMap)`);
  if (/^\d+$/.test(key)) return Number(key);
  const { result } = await client.searchRead("stock.location", [["complete_name", "=", key], ["usage", "=", "internal"]], ["id"], { limit: 1 });
  if (!result.length) throw new Error(`Odoo has no internal location "${key}"`);
  return Number(result[0].id);
}
