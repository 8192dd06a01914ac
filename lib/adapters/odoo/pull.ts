/**
 * Incremental pull: for each model, rows with (write_date, id) after the cursor, oldest first, `pageSize` at a time.
 * Every page is yielded with the exact JSON-RPC response text and the cursor to resume from once it is processed.
 *
 * Order: master data (pull-master-data.ts), then stock, then purchase orders (headers before lines, so a new PO's
 * header is written before its lines reference it), then moves — receipts need the PO lines, and last-issue dates
 * land on balances, so both come after what they update.
 *
 * stock.quant is different: a balance is the sum of all quants of a product over the internal locations mapped to
 * one location code, so a page of only the changed quants would give partial sums. The changed quants only tell us
 * which products moved; the page we yield is then *all* quants of those products, which the transform can sum.
 */
import type { AdapterContext, PulledPage } from "@/lib/adapters/types";
import { OdooClient } from "./client";
import type { OdooConfig } from "./config";
import { afterPosition, parseOdooCursor, positionOf, type OdooCursor } from "./cursor";
import { baseDomain, MODEL_FIELDS } from "./models";
import { pullMasterData } from "./pull-master-data";
import { JSON_CONTENT, ODOO_ORDER, pullChangedRows } from "./pull-pages";
import { many2one } from "./values";

export { ODOO_ORDER } from "./pull-pages";

export async function* pullOdoo(ctx: AdapterContext<OdooConfig>, since: unknown): AsyncIterable<PulledPage> {
  const client = new OdooClient(ctx);
  const cursor: OdooCursor = { ...parseOdooCursor(since) };
  yield* pullMasterData(client, ctx, cursor);
  yield* pullQuantsOfChangedProducts(client, ctx, cursor);
  for (const model of ["purchase.order", "purchase.order.line", "stock.move"] as const) {
    yield* pullChangedRows(client, ctx, model, cursor);
  }
}

async function* pullQuantsOfChangedProducts(client: OdooClient, ctx: AdapterContext<OdooConfig>, cursor: OdooCursor): AsyncIterable<PulledPage> {
  const model = "stock.quant";
  const { pageSize } = ctx.config;
  const scope = baseDomain(model, ctx.config);
  for (let page = 1; ; page++) {
    const { result: changed } = await client.searchRead(model, [...scope, ...afterPosition(cursor[model])], ["product_id", "write_date"], {
      limit: pageSize,
      offset: 0,
      order: ODOO_ORDER,
    });
    if (changed.length === 0) return;
    const productIds = [...new Set(changed.map((r) => many2one(r.product_id)?.[0]).filter((id): id is number => id !== undefined))];
    // No limit: a product's quants must arrive together to be summed; at most pageSize products per page.
    const { result: quants, text } = await client.searchRead(model, [...scope, ["product_id", "in", productIds]], MODEL_FIELDS[model], { order: "product_id asc, id asc" });
    cursor[model] = positionOf(changed[changed.length - 1]);
    ctx.log?.(`odoo ${model} page ${page}: ${productIds.length} products, ${quants.length} quants`);
    yield { kind: "api-page", contentType: JSON_CONTENT, label: `${model} page ${page} (${productIds.length} products)`, body: text, cursor: structuredClone(cursor) };
    if (changed.length < pageSize) return;
  }
}
