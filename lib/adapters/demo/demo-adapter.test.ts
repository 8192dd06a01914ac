import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PostedDocuments } from "@/lib/adapters/types";
import { demoAdapter, demoConfigSchema } from "./demo-adapter";

/** An in-memory document store with the same contract as the outbound RawPayload store: first save wins. */
function memoryDocuments(): PostedDocuments & { saved: Map<string, Record<string, unknown>> } {
  const saved = new Map<string, Record<string, unknown>>();
  return {
    saved,
    find: async (key) => saved.get(key) ?? null,
    save: async (key, document) => {
      if (!saved.has(key)) saved.set(key, document);
      return saved.get(key)!;
    },
  };
}

const ctx = (documents?: PostedDocuments) => ({ config: demoConfigSchema.parse({ reportsFor: "odoo-east" }), secrets: {}, fetch, documents });

describe("demo ERP write-back", () => {
  it("posts a document named after the source, type and key, and returns it again for the same key", async () => {
    const docs = memoryDocuments();
    const action = { idempotencyKey: "cmabc123xyz98765", type: "EXPEDITE" as const, payload: { poNumber: "PO-1", lineNo: 2, newPromisedDate: "2026-12-01T00:00:00.000Z", quantity: 5 } };
    const first = await demoAdapter.writeBack!(ctx(docs), action);
    assert.equal(first.externalRef, "ODOO-EAST-EXPEDITE-XYZ98765");
    assert.equal((first.response as { alreadyApplied: boolean }).alreadyApplied, false);
    const again = await demoAdapter.writeBack!(ctx(docs), action);
    assert.equal(again.externalRef, first.externalRef);
    assert.equal((again.response as { alreadyApplied: boolean }).alreadyApplied, true);
    assert.equal(docs.saved.size, 1);
  });

  it("refuses a request without its business keys, and a context without a document store", async () => {
    await assert.rejects(demoAdapter.writeBack!(ctx(memoryDocuments()), { idempotencyKey: "k1", type: "ADJUST", payload: { sku: "X", locationCode: "DC-ATL" } }), /refuses ADJUST: qtyDelta/);
    await assert.rejects(demoAdapter.writeBack!(ctx(), { idempotencyKey: "k2", type: "RECOUNT", payload: { sku: "X", locationCode: "DC-ATL" } }), /needs a document store/);
  });
});
