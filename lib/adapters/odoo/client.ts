/**
 * Odoo over the legacy JSON-RPC endpoint (POST /jsonrpc, still accepted by Odoo 17–19): `common.authenticate` gives
 * the uid, then every call is `object.execute_kw(db, uid, apiKey, model, method, args, kwargs)`. HTTP-level retries
 * come from requestWithRetry; JSON-RPC errors (HTTP 200 with an `error` object) become SourceAuthError for
 * AccessDenied and SourceRequestError otherwise.
 */
import type { AdapterContext } from "@/lib/adapters/types";
import { requestWithRetry } from "@/lib/adapters/http/request-with-retry";
import { retryOptionsFor } from "@/lib/adapters/http/retry-settings";
import { SourceAuthError, SourceRequestError } from "@/lib/adapters/http/errors";
import type { OdooConfig } from "./config";

export type DomainTerm = "&" | "|" | "!" | [string, string, unknown];

export interface RpcAnswer<T = unknown> {
  result: T;
  /** The response body exactly as received. */
  text: string;
}

interface RpcEnvelope {
  result?: unknown;
  error?: { message?: string; data?: { name?: string; message?: string } };
}

export class OdooClient {
  private uid: number | null = null;
  private requestId = 0;

  constructor(private readonly ctx: AdapterContext<OdooConfig>) {}

  private get apiKey(): string {
    const key = this.ctx.secrets.apiKey;
    if (!key) throw new Error("The Odoo source has no apiKey secret set");
    return key;
  }

  async rpc<T = unknown>(service: "common" | "object", method: string, args: unknown[], what: string): Promise<RpcAnswer<T>> {
    const path = "/jsonrpc";
    const res = await requestWithRetry(
      {
        url: `${this.ctx.config.baseUrl.replace(/\/+$/, "")}${path}`,
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { service, method, args }, id: ++this.requestId }),
      },
      { ...retryOptionsFor(this.ctx, this.ctx.config.retry), expectJson: true },
    );
    const envelope = res.json as RpcEnvelope | null;
    if (!envelope || typeof envelope !== "object") {
      throw new SourceRequestError({ status: res.status, method: "POST", path: `${path} (${what})`, sourceMessage: "answer is not a JSON-RPC envelope" });
    }
    if (envelope.error) {
      const name = envelope.error.data?.name ?? "";
      const message = envelope.error.data?.message ?? envelope.error.message ?? "unknown error";
      if (name.endsWith("AccessDenied")) throw new SourceAuthError({ status: null, method: "POST", path: `${path} (${what})`, sourceMessage: message });
      throw new SourceRequestError({ status: null, method: "POST", path: `${path} (${what})`, sourceMessage: name ? `${name}: ${message}` : message });
    }
    return { result: envelope.result as T, text: res.text };
  }

  async authenticate(): Promise<number> {
    if (this.uid !== null) return this.uid;
    const { database, login } = this.ctx.config;
    const { result } = await this.rpc("common", "authenticate", [database, login, this.apiKey, {}], "common.authenticate");
    if (typeof result !== "number") {
      throw new SourceAuthError({ status: null, method: "POST", path: "/jsonrpc (common.authenticate)", sourceMessage: `login "${login}" on database "${database}" was refused: check the login and API key` });
    }
    this.uid = result;
    return result;
  }

  async executeKw<T = unknown>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<RpcAnswer<T>> {
    const uid = await this.authenticate();
    return this.rpc<T>("object", "execute_kw", [this.ctx.config.database, uid, this.apiKey, model, method, args, kwargs], `${model}.${method}`);
  }

  searchRead<Row = Record<string, unknown>>(
    model: string,
    domain: DomainTerm[],
    fields: string[],
    options: { limit?: number; offset?: number; order?: string; context?: Record<string, unknown> } = {},
  ): Promise<RpcAnswer<Row[]>> {
    const kwargs: Record<string, unknown> = { fields, ...options };
    if (options.limit === undefined) delete kwargs.limit;
    return this.executeKw<Row[]>(model, "search_read", [domain], kwargs);
  }
}
