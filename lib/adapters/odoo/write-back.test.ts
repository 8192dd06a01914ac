import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startFakeErpServer, type FakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { fakeOdooContext } from "@/lib/adapters/testing/adapter-contexts";
import type { PulledPage } from "@/lib/adapters/types";
import { odooAdapter } from "./index";

describe("Odoo write-back against the fake server", () => {
  let erp: FakeErpServer;
  before(async () => (erp = await startFakeErpServer()));
  after(async () => erp.close());

  it("EXPEDITE writes the line's date_planned, and the next pull carries the new promised date", async () => {
    const ctx = fakeOdooContext(erp.url);
    const pages: PulledPage[] = [];
    for await (const p of odooAdapter.pull!(ctx, null)) pages.push(p);
    const cursor = pages.at(-1)!.cursor;

    const result = await odooAdapter.writeBack!(ctx, { idempotencyKey: "act-1", type: "EXPEDITE", payload: { poNumber: "P00003", lineNo: 16, newPromisedDate: "2025-03-05T00:00:00.000Z" } });
    assert.equal(result.externalRef, "purchase.order.line/16");
    assert.equal((result.response as { after: { date_planned: string } }).after.date_planned, "2025-03-05 00:00:00");
    const writes = erp.state.writeLog.filter((w) => w.target === "purchase.order.line");
    assert.deepEqual(writes.map((w) => [w.method, w.ids, w.payload]), [["write", [16], { date_planned: "2025-03-05 00:00:00" }]]);

    const next: PulledPage[] = [];
    for await (const p of odooAdapter.pull!(ctx, cursor)) next.push(p);
    const lines = next.flatMap((p) => odooAdapter.transform(p, ctx.config).records).filter((r) => r.entity === "purchaseOrderLine");
    assert.deepEqual(lines.map((r) => [(r.data as { lineNo: number }).lineNo, (r.data as { promisedDate: string }).promisedDate]), [[16, "2025-03-05T00:00:00.000Z"]]);
  });

  it("EXPEDITE refuses a line that is not on the named order", async () => {
    const ctx = fakeOdooContext(erp.url);
    await assert.rejects(
      odooAdapter.writeBack!(ctx, { idempotencyKey: "act-2", type: "EXPEDITE", payload: { poNumber: "P00001", lineNo: 16, newPromisedDate: "2025-03-05" } }),
      /no purchase.order.line id 16 on P00001/,
    );
  });

  it("ADJUST sets inventory_quantity and applies it once, even when the action is sent twice", async () => {
    const ctx = fakeOdooContext(erp.url, { locationMap: { "20": "AW-BOTHELL", "AW2/Stock": "AW-SEATTLE" } });
    const before = erp.state.odooRow("stock.quant", 41)!.quantity as number;
    const action = { idempotencyKey: "act-3", type: "ADJUST" as const, payload: { sku: "AR-5381", locationCode: "AW-BOTHELL", qtyDelta: -8 } };
    const first = await odooAdapter.writeBack!(ctx, action);
    assert.equal(erp.state.odooRow("stock.quant", 41)!.quantity, before - 8);
    assert.match(first.externalRef, /^stock\.move\/\d+$/);
    const quantCalls = erp.state.writeLog.filter((w) => w.target === "stock.quant");
    assert.deepEqual(quantCalls.map((w) => [w.method, w.ids, w.payload]), [
      ["write", [41], { inventory_quantity: before - 8 }],
      ["action_apply_inventory", [41], { moveIds: [Number(first.externalRef.split("/")[1])] }],
    ]);
    assert.deepEqual(quantCalls[1].context, { inventory_name: "Exception Workbench act-3" });

    const again = await odooAdapter.writeBack!(ctx, action);
    assert.equal(again.externalRef, first.externalRef);
    assert.equal((again.response as { alreadyApplied: boolean }).alreadyApplied, true);
    assert.equal(erp.state.odooRow("stock.quant", 41)!.quantity, before - 8);
    assert.equal(erp.state.writeLog.filter((w) => w.target === "stock.quant").length, 2);
  });

  it("ADJUST creates the quant when the product has none at that location", async () => {
    const ctx = fakeOdooContext(erp.url);
    const result = await odooAdapter.writeBack!(ctx, { idempotencyKey: "act-4", type: "ADJUST", payload: { sku: "AR-5381", locationCode: "AW-SEATTLE", qtyDelta: 6 } });
    const created = erp.state.writeLog.find((w) => w.method === "create" && w.target === "stock.quant");
    assert.ok(created, "a quant was created");
    const quant = erp.state.odooRow("stock.quant", created.ids[0] as number)!;
    assert.deepEqual([quant.location_id, quant.quantity], [[30, "AW2/Stock"], 6]);
    assert.equal((result.response as { quant: { quantity: number } }).quant.quantity, 6);
  });

  it("refuses action types Odoo write-back does not support", async () => {
    await assert.rejects(odooAdapter.writeBack!(fakeOdooContext(erp.url), { idempotencyKey: "act-5", type: "TRANSFER", payload: {} }), /cannot write back TRANSFER/);
  });
});
