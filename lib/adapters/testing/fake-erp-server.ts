/**
 * A real HTTP server on an ephemeral loopback port that speaks Odoo JSON-RPC (`POST /jsonrpc`) and the ERPNext REST
 * API (`/api/resource/…`) with their real payload shapes, over an in-memory dataset seeded from fixtures/. Used by the
 * adapter tests, the browser tests and the demo; node:http only, no dependencies.
 *
 *   const erp = await startFakeErpServer();
 *   erp.state.failNext(2, 503);             // fault injection: HTTP status…
 *   erp.state.hangNext(1);                  // …no answer at all (timeout), malformNext (truncated JSON), slowNext(n, ms)
 *   erp.state.loseResponseOf("stock.quant.action_apply_inventory");  // applied, then the connection drops
 *   erp.state.delayResponseOf("stock.quant.action_apply_inventory", 800);  // applied at once, answered 800 ms later
 *   erp.state.touchOdoo("stock.quant", 41, { quantity: 12 });  // a user edits the ERP
 *   erp.state.writeLog                      // write-back calls received
 *   await erp.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeErpState, type FakeCredentials } from "./fake-erp-state";
import { handleOdooRpc } from "./fake-odoo";
import { handleErpnext } from "./fake-erpnext";

export { FakeErpState, DEFAULT_FAKE_CREDENTIALS } from "./fake-erp-state";
export type { FakeCredentials, WriteLogEntry, RequestLogEntry } from "./fake-erp-state";

export interface FakeErpServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  state: FakeErpState;
  close(): Promise<void>;
}

export async function startFakeErpServer(options: { credentials?: FakeCredentials; port?: number; host?: string } = {}): Promise<FakeErpServer> {
  const state = new FakeErpState({ credentials: options.credentials });
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => routeWithFaults(state, req, res, body))
      .catch((err: Error) => send(res, 500, "text/plain", `fake ERP server error: ${err.message}`));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function routeWithFaults(state: FakeErpState, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const fault = state.takeFault();
  if (!fault) return route(state, req, res, body);
  const url = new URL(req.url ?? "/", "http://fake");
  const system = url.pathname === "/jsonrpc" ? "odoo" : url.pathname.startsWith("/api/resource/") ? "erpnext" : "unknown";
  const log = (status: number, detail: string) => state.requestLog.push({ system, method: req.method ?? "GET", path: url.pathname, detail, status });
  switch (fault.mode) {
    case "hang":
      // Never answered: the socket stays open until the client gives up or the server closes.
      log(0, "injected fault: hang");
      return;
    case "slow":
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (res.destroyed) {
        log(0, "injected fault: slow (client gave up)");
        return;
      }
      return route(state, req, res, body);
    case "malformed":
      // A real answer cut in the middle, as a crashing source or a proxy timeout leaves it.
      log(200, "injected fault: malformed JSON");
      return send(res, 200, "application/json", system === "odoo" ? '{"jsonrpc": "2.0", "id": 1, "result": [{"id": 4' : '{"data": [{"name": "Stores - A');
    default: {
      log(fault.status, "injected fault");
      const headers: Record<string, string> = fault.retryAfterSeconds !== null ? { "Retry-After": String(fault.retryAfterSeconds) } : {};
      if (fault.status === 429) return send(res, 429, "application/json", JSON.stringify({ message: "Too Many Requests" }), headers);
      const title = fault.status === 500 ? "Internal Server Error" : "Service Unavailable";
      return send(res, fault.status, "text/html", `<html><body><h1>${fault.status} ${title}</h1></body></html>`, headers);
    }
  }
}

function route(state: FakeErpState, req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? "/", "http://fake");
  const method = req.method ?? "GET";
  const system = url.pathname === "/jsonrpc" ? "odoo" : url.pathname.startsWith("/api/resource/") ? "erpnext" : "unknown";
  const log = (status: number, detail: string) => state.requestLog.push({ system, method, path: url.pathname, detail, status });

  if (system === "odoo" && method === "POST") {
    const answer = handleOdooRpc(state, body);
    if (state.takeLostResponse(answer.detail)) return dropConnection(res, () => log(0, `${answer.detail} (applied, response lost)`));
    log(200, answer.detail);
    const delay = state.takeResponseDelay(answer.detail);
    if (delay > 0) return void setTimeout(() => !res.destroyed && send(res, 200, "application/json", answer.body), delay);
    return send(res, 200, "application/json", answer.body);
  }
  if (system === "erpnext") {
    const answer = handleErpnext(state, method, url, req.headers.authorization, body);
    if (state.takeLostResponse(answer.detail)) return dropConnection(res, () => log(0, `${answer.detail} (applied, response lost)`));
    log(answer.status, answer.detail);
    return send(res, answer.status, "application/json", answer.body);
  }
  log(404, "no route");
  send(res, 404, "text/plain", "Not Found");
}

/** The request was handled; the client sees the connection reset instead of an answer. */
function dropConnection(res: ServerResponse, log: () => void): void {
  log();
  res.socket?.destroy();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": `${contentType}; charset=utf-8`, ...headers });
  res.end(body);
}
