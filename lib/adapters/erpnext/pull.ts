/**
 * Incremental pull, oldest change first. Master data first — Warehouse (mapped ones only), Supplier and Item list
 * pages — so a fresh database resolves every reference; then Purchase Orders, listed by name and read one by one (the
 * list API does not return child tables), one page per document; then Bins before Stock Ledger Entries, whose
 * last-issue dates land on the balances the Bins create.
 *
 * Pages are keyset pages, not growing offsets: `modified >= m AND (modified > m OR name > n)` after the last row
 * (m, n) delivered — Frappe's filters AND, its or_filters OR. A document edited mid-pull then cannot shift an unseen
 * one past a page boundary, and documents sharing a `modified` timestamp are neither skipped nor repeated.
 */
import type { AdapterContext, PulledPage } from "@/lib/adapters/types";
import { ErpnextClient, type ListQuery } from "./client";
import type { ErpnextConfig } from "./config";
import { parseErpnextCursor, type ErpnextCursor, type ErpnextPosition } from "./cursor";
import { baseFilters, LIST_FIELDS, MASTER_DOCTYPES, type PulledDoctype } from "./doctypes";

const ORDER_BY = "modified asc, name asc";
const JSON_CONTENT = "application/json";

export async function* pullErpnext(ctx: AdapterContext<ErpnextConfig>, since: unknown): AsyncIterable<PulledPage> {
  const client = new ErpnextClient(ctx);
  const cursor: ErpnextCursor = { ...parseErpnextCursor(since) };
  for (const doctype of MASTER_DOCTYPES) yield* listPages(client, ctx, doctype, cursor);
  for await (const { rows } of changedRows(client, ctx, "Purchase Order", cursor)) {
    for (const row of rows) {
      const { text: docText } = await client.get("Purchase Order", row.name);
      cursor["Purchase Order"] = row;
      yield { kind: "api-page", contentType: JSON_CONTENT, label: `Purchase Order ${row.name}`, body: docText, cursor: structuredClone(cursor) };
    }
  }
  for (const doctype of ["Bin", "Stock Ledger Entry"] as const) yield* listPages(client, ctx, doctype, cursor);
}

/** A doctype's changed rows as list pages, exactly as Frappe answered them. */
async function* listPages(client: ErpnextClient, ctx: AdapterContext<ErpnextConfig>, doctype: PulledDoctype, cursor: ErpnextCursor): AsyncIterable<PulledPage> {
  for await (const { rows, text, page } of changedRows(client, ctx, doctype, cursor)) {
    cursor[doctype] = rows[rows.length - 1];
    yield { kind: "api-page", contentType: JSON_CONTENT, label: `${doctype} page ${page}`, body: text, cursor: structuredClone(cursor) };
  }
}

interface ChangedPage {
  /** The page's rows as positions (the full rows are in `text`). */
  rows: ErpnextPosition[];
  text: string;
  page: number;
}

async function* changedRows(client: ErpnextClient, ctx: AdapterContext<ErpnextConfig>, doctype: PulledDoctype, cursor: ErpnextCursor): AsyncIterable<ChangedPage> {
  const { pageSize } = ctx.config;
  let last = cursor[doctype];
  for (let page = 1; ; page++) {
    const after: Pick<ListQuery, "filters" | "orFilters"> = last
      ? { filters: [["modified", ">=", last.modified]], orFilters: [["modified", ">", last.modified], ["name", ">", last.name]] }
      : { filters: [] };
    const { data, text } = await client.list<{ name: string; modified: string }>(doctype, {
      fields: LIST_FIELDS[doctype],
      filters: [...baseFilters(doctype, ctx.config), ...after.filters],
      orFilters: after.orFilters,
      orderBy: ORDER_BY,
      start: 0,
      pageLength: pageSize,
    });
    if (data.length === 0) return;
    const rows = data.map((r) => ({ modified: r.modified, name: r.name }));
    last = rows[rows.length - 1];
    ctx.log?.(`erpnext ${doctype} page ${page}: ${rows.length} rows`);
    yield { rows, text, page };
    if (data.length < pageSize) return;
  }
}
