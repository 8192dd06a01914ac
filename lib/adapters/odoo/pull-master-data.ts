/**
 * Master data, pulled before any transaction so a fresh database resolves every reference: warehouses (→ locations),
 * vendors (res.partner with supplier_rank > 0 → suppliers) and products (→ items), each incrementally by write_date.
 *
 * Vendors and products are computed from product.supplierinfo lines too (lead time, primary vendor), and editing such
 * a line does not touch the partner's or product's write_date. So partner and product pages carry the lines they
 * need, and a fourth pass follows product.supplierinfo's own write_date: the vendors and products of changed lines are
 * sent again. On the first pull that cursor starts at the newest line — everything is read whole anyway.
 */
import type { AdapterContext, PulledPage } from "@/lib/adapters/types";
import type { DomainTerm, OdooClient } from "./client";
import type { OdooConfig } from "./config";
import { afterPosition, positionOf, type OdooCursor, type OdooPosition } from "./cursor";
import { bundleAnswers } from "./answers";
import { baseDomain, MODEL_FIELDS, SUPPLIERINFO, SUPPLIERINFO_FIELDS, SUPPLIERINFO_ORDER } from "./models";
import { contextOf, JSON_CONTENT, ODOO_ORDER, pullChangedRows, type OdooRow, type PageBody } from "./pull-pages";
import { many2one } from "./values";

/** Cursor for a database without any vendor line yet: every line created later is newer. */
const BEGINNING: OdooPosition = { writeDate: "1970-01-01 00:00:00", id: 0 };

export async function* pullMasterData(client: OdooClient, ctx: AdapterContext<OdooConfig>, cursor: OdooCursor): AsyncIterable<PulledPage> {
  // Taken before anything is read, so vendor lines edited while this pull runs are caught by the next one.
  cursor[SUPPLIERINFO] ??= (await newestPosition(client, SUPPLIERINFO)) ?? BEGINNING;
  yield* pullChangedRows(client, ctx, "stock.warehouse", cursor);
  yield* pullChangedRows(client, ctx, "res.partner", cursor, withVendorLines(client, "partner_id", (r) => r.id));
  yield* pullChangedRows(client, ctx, "product.product", cursor, withVendorLines(client, "product_tmpl_id", (r) => many2one(r.product_tmpl_id)?.[0]));
  yield* pullVendorLineChanges(client, ctx, cursor);
}

/** A page body bundling the rows' answer with the product.supplierinfo lines that point at them. */
function withVendorLines(client: OdooClient, field: "partner_id" | "product_tmpl_id", keyOf: (row: OdooRow) => number | undefined): PageBody {
  return async (rows, text) => {
    const ids = [...new Set(rows.map(keyOf).filter((id): id is number => id !== undefined))];
    // No limit: a product's or vendor's lines must arrive together to pick the first vendor or the typical delay.
    const lines = await client.searchRead(SUPPLIERINFO, [[field, "in", ids]], SUPPLIERINFO_FIELDS, { order: SUPPLIERINFO_ORDER });
    return bundleAnswers({ [modelOf(field)]: text, [SUPPLIERINFO]: lines.text });
  };
}

const modelOf = (field: "partner_id" | "product_tmpl_id") => (field === "partner_id" ? "res.partner" : "product.product");

async function* pullVendorLineChanges(client: OdooClient, ctx: AdapterContext<OdooConfig>, cursor: OdooCursor): AsyncIterable<PulledPage> {
  const { pageSize } = ctx.config;
  for (let page = 1; ; page++) {
    const { result: changed } = await client.searchRead<OdooRow>(SUPPLIERINFO, afterPosition(cursor[SUPPLIERINFO]), ["partner_id", "product_tmpl_id", "write_date"], {
      limit: pageSize,
      offset: 0,
      order: ODOO_ORDER,
    });
    if (changed.length === 0) return;
    const partnerIds = idsOf(changed, "partner_id");
    const templateIds = idsOf(changed, "product_tmpl_id");
    ctx.log?.(`odoo ${SUPPLIERINFO} page ${page}: ${changed.length} changed lines, ${partnerIds.length} vendors, ${templateIds.length} products`);
    const vendors = await bundledPage(client, ctx.config, "res.partner", [["id", "in", partnerIds]], withVendorLines(client, "partner_id", (r) => r.id));
    if (vendors) yield { ...vendors, label: `res.partner page ${page} (vendor lines changed)`, cursor: structuredClone(cursor) };
    // The cursor moves with the last page of the batch: a crash before it re-sends both pages, never neither.
    cursor[SUPPLIERINFO] = positionOf(changed[changed.length - 1]);
    const products = await bundledPage(client, ctx.config, "product.product", [["product_tmpl_id", "in", templateIds]], withVendorLines(client, "product_tmpl_id", (r) => many2one(r.product_tmpl_id)?.[0]));
    if (products) yield { ...products, label: `product.product page ${page} (vendor lines changed)`, cursor: structuredClone(cursor) };
    if (changed.length < pageSize) return;
  }
}

async function bundledPage(client: OdooClient, config: OdooConfig, model: "res.partner" | "product.product", filter: DomainTerm[], body: PageBody): Promise<Omit<PulledPage, "label" | "cursor"> | null> {
  const { result: rows, text } = await client.searchRead<OdooRow>(model, [...baseDomain(model, config), ...filter], MODEL_FIELDS[model], { order: ODOO_ORDER, ...contextOf(model) });
  if (rows.length === 0) return null;
  return { kind: "api-page", contentType: JSON_CONTENT, body: await body(rows, text) };
}

async function newestPosition(client: OdooClient, model: string): Promise<OdooPosition | null> {
  const { result } = await client.searchRead(model, [], ["write_date"], { limit: 1, offset: 0, order: "write_date desc, id desc" });
  return result.length ? positionOf(result[0]) : null;
}

function idsOf(rows: OdooRow[], field: string): number[] {
  return [...new Set(rows.map((r) => many2one(r[field])?.[0]).filter((id): id is number => id !== undefined))];
}
