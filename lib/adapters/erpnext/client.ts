/**
 * Frappe REST: `GET /api/resource/<DocType>?fields=…&filters=…&order_by=…&limit_start=…&limit_page_length=…` lists as
 * {"data": [...]}, `GET /api/resource/<DocType>/<name>` whole documents as {"data": {...}}, `PUT` the same path to
 * update. Auth: `Authorization: token <api_key>:<api_secret>`.
 */
import type { AdapterContext } from "@/lib/adapters/types";
import { requestWithRetry, type HttpRequest } from "@/lib/adapters/http/request-with-retry";
import { retryOptionsFor } from "@/lib/adapters/http/retry-settings";
import { SourceRequestError } from "@/lib/adapters/http/errors";
import type { ErpnextConfig } from "./config";

export type FrappeFilter = [string, string, unknown];

export interface ListQuery {
  fields: string[];
  filters: FrappeFilter[];
  /** OR-ed together, then AND-ed with `filters` (frappe.client.get_list's or_filters). */
  orFilters?: FrappeFilter[];
  orderBy: string;
  start: number;
  pageLength: number;
}

export class ErpnextClient {
  constructor(private readonly ctx: AdapterContext<ErpnextConfig>) {}

  private get authorization(): string {
    const { apiKey, apiSecret } = this.ctx.secrets;
    if (!apiKey || !apiSecret) throw new Error("The ERPNext source needs both apiKey and apiSecret secrets");
    return `token ${apiKey}:${apiSecret}`;
  }

  private resourceUrl(doctype: string, name?: string): string {
    const base = `${this.ctx.config.baseUrl.replace(/\/+$/, "")}/api/resource/${encodeURIComponent(doctype)}`;
    return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
  }

  private async send<T>(request: HttpRequest): Promise<{ data: T; text: string }> {
    const res = await requestWithRetry(
      { ...request, headers: { Accept: "application/json", Authorization: this.authorization, ...request.headers } },
      { ...retryOptionsFor(this.ctx, this.ctx.config.retry), expectJson: true },
    );
    const parsed = res.json as { data?: T } | null;
    if (parsed && typeof parsed === "object" && parsed.data !== undefined) return { data: parsed.data, text: res.text };
    throw new SourceRequestError({ status: res.status, method: request.method ?? "GET", path: new URL(request.url).pathname, sourceMessage: 'answer is not {"data": …}' });
  }

  list<Row = Record<string, unknown>>(doctype: string, q: ListQuery): Promise<{ data: Row[]; text: string }> {
    const params = new URLSearchParams({
      fields: JSON.stringify(q.fields),
      filters: JSON.stringify(q.filters),
      order_by: q.orderBy,
      limit_start: String(q.start),
      limit_page_length: String(q.pageLength),
    });
    if (q.orFilters?.length) params.set("or_filters", JSON.stringify(q.orFilters));
    return this.send<Row[]>({ url: `${this.resourceUrl(doctype)}?${params}` });
  }

  get<Doc = Record<string, unknown>>(doctype: string, name: string): Promise<{ data: Doc; text: string }> {
    return this.send<Doc>({ url: this.resourceUrl(doctype, name) });
  }

  put<Doc = Record<string, unknown>>(doctype: string, name: string, changes: Record<string, unknown>): Promise<{ data: Doc; text: string }> {
    return this.send<Doc>({ url: this.resourceUrl(doctype, name), method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(changes) });
  }
}
