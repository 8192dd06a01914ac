import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { matchesDomain, type OdooRow } from "./odoo-domain";
import { DEFAULT_FAKE_CREDENTIALS, startFakeErpServer, type FakeErpServer } from "./fake-erp-server";

describe("Odoo domain evaluation", () => {
  const row = { id: 5, write_date: "2025-03-01 10:00:00", state: "done", product_id: [7, "[AR-5381] Adjustable Race"] } as OdooRow;
  const noRelations = () => null;
  const m = (domain: unknown[]) => matchesDomain("stock.move", row, domain as never, noRelations);

  it("evaluates prefix operators without leaving operands behind", () => {
    const after = (w: string, id: number) => ["|", ["write_date", ">", w], "&", ["write_date", "=", w], ["id", ">", id]];
    assert.equal(m(after("2025-03-01 10:00:00", 4)), true);
    assert.equal(m(after("2025-03-01 10:00:00", 5)), false);
    assert.equal(m(after("2025-03-01 09:00:00", 99)), true);
    assert.equal(m([["state", "=", "done"], ...after("2025-03-01 11:00:00", 0)]), false);
    assert.equal(m(["!", ["state", "=", "done"]]), false);
  });

  it("compares Many2one values by id or by display name", () => {
    assert.equal(m([["product_id", "in", [7, 8]]]), true);
    assert.equal(m([["product_id", "=", "[AR-5381] Adjustable Race"]]), true);
    assert.equal(m([["product_id", "=", 8]]), false);
  });
});

describe("fake ERP server wire format", () => {
  let erp: FakeErpServer;
  before(async () => (erp = await startFakeErpServer()));
  after(async () => erp.close());
  const rpc = (params: unknown) => fetch(`${erp.url}/jsonrpc`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: 9 }) });
  const { database, login, apiKey, uid } = DEFAULT_FAKE_CREDENTIALS.odoo;

  it("answers Odoo authenticate with the uid, or false for a wrong key", async () => {
    assert.deepEqual(await (await rpc({ service: "common", method: "authenticate", args: [database, login, apiKey, {}] })).json(), { jsonrpc: "2.0", id: 9, result: uid });
    assert.deepEqual(await (await rpc({ service: "common", method: "authenticate", args: [database, login, "nope", {}] })).json(), { jsonrpc: "2.0", id: 9, result: false });
  });

  it("answers execute_kw errors as Odoo does: HTTP 200 with a JSON-RPC error object", async () => {
    const res = await rpc({ service: "object", method: "execute_kw", args: [database, uid, "nope", "stock.quant", "search_read", [[]], {}] });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { error: { code: number; message: string; data: { name: string; message: string } } };
    assert.deepEqual([body.error.code, body.error.message, body.error.data.name, body.error.data.message], [200, "Odoo Server Error", "odoo.exceptions.AccessDenied", "Access Denied"]);
    const unknownField = (await (await rpc({ service: "object", method: "execute_kw", args: [database, uid, apiKey, "stock.quant", "search_read", [[]], { fields: ["quantity_done"] }] })).json()) as { error: { data: { name: string } } };
    assert.equal(unknownField.error.data.name, "builtins.ValueError");
  });

  it("lists ERPNext documents as {data: [...]}, pages them, and reads whole documents as {data: {...}}", async () => {
    const headers = { Authorization: `token ${DEFAULT_FAKE_CREDENTIALS.erpnext.apiKey}:${DEFAULT_FAKE_CREDENTIALS.erpnext.apiSecret}` };
    const q = new URLSearchParams({ fields: '["name","actual_qty"]', order_by: "modified asc, name asc", limit_start: "2", limit_page_length: "3" });
    const list = (await (await fetch(`${erp.url}/api/resource/Bin?${q}`, { headers })).json()) as { data: Array<{ name: string }> };
    const all = erp.state.erpDocs("Bin").slice().sort((a, b) => (String(a.modified) + a.name < String(b.modified) + b.name ? -1 : 1));
    assert.deepEqual(list.data.map((d) => d.name), all.slice(2, 5).map((d) => d.name));
    assert.deepEqual(Object.keys(list.data[0]), ["name", "actual_qty"]);
    const doc = (await (await fetch(`${erp.url}/api/resource/Purchase%20Order/PUR-ORD-2025-00001`, { headers })).json()) as { data: { items: unknown[] } };
    assert.equal(doc.data.items.length, 3);
    const denied = await fetch(`${erp.url}/api/resource/Bin`, { headers: { Authorization: "token a:b" } });
    assert.equal(denied.status, 401);
  });

  it("injects faults before anything else, with Retry-After on 429", async () => {
    erp.state.failNext(1, 429);
    const res = await fetch(`${erp.url}/api/resource/Bin`);
    assert.deepEqual([res.status, res.headers.get("retry-after")], [429, "0"]);
    assert.equal((await fetch(`${erp.url}/api/resource/Bin`)).status, 401);
  });
});
