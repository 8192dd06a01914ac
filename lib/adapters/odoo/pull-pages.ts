/** Keyset paging shared by every Odoo model the adapter pulls: rows after the cursor, oldest first, pageSize at a time. */
import type { AdapterContext, PulledPage } from "@/lib/adapters/types";
import type { DomainTerm, OdooClient } from "./client";
import type { OdooConfig } from "./config";
import { afterPosition, positionOf, type OdooCursor } from "./cursor";
import { baseDomain, MODEL_CONTEXT, MODEL_FIELDS, type PulledModel } from "./models";

export const ODOO_ORDER = "write_date asc, id asc";
export const JSON_CONTENT = "application/json";

export type OdooRow = Record<string, unknown> & { id: number; write_date: string };

/** Builds the stored body of a page from its rows and their answer text (default: the answer itself). */
export type PageBody = (rows: OdooRow[], text: string) => Promise<string>;

export async function* pullChangedRows(
  client: OdooClient,
  ctx: AdapterContext<OdooConfig>,
  model: PulledModel,
  cursor: OdooCursor,
  body: PageBody = async (_rows, text) => text,
): AsyncIterable<PulledPage> {
  const { pageSize } = ctx.config;
  for (let page = 1; ; page++) {
    const domain: DomainTerm[] = [...baseDomain(model, ctx.config), ...afterPosition(cursor[model])];
    const { result: rows, text } = await client.searchRead<OdooRow>(model, domain, MODEL_FIELDS[model], { limit: pageSize, offset: 0, order: ODOO_ORDER, ...contextOf(model) });
    if (rows.length === 0) return;
    const pageBody = await body(rows, text);
    cursor[model] = positionOf(rows[rows.length - 1]);
    ctx.log?.(`odoo ${model} page ${page}: ${rows.length} rows`);
    yield { kind: "api-page", contentType: JSON_CONTENT, label: `${model} page ${page}`, body: pageBody, cursor: structuredClone(cursor) };
    if (rows.length < pageSize) return;
  }
}

/** The search context a model is read with (see MODEL_CONTEXT), as searchRead options. */
export function contextOf(model: PulledModel): { context?: Record<string, unknown> } {
  const context = MODEL_CONTEXT[model];
  return context ? { context } : {};
}
