/**
 * Integration: canonical records through the real writer into PostgreSQL — upserts by business key, reference
 * failures quarantined with the rest of the batch kept, re-processing idempotent, older versions ignored.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { storePayload } from "./store-payload";
import { processPayload } from "./process-payload";

let db: TestDatabase;
let prisma: PrismaClient;
let sourceId: string;

before(async () => {
  db = await createTestDatabase("empty");
  prisma = createPrismaClient(db.url);
  sourceId = (await prisma.dataSource.create({ data: { code: "WMS-HOOK", name: "WMS webhook", kind: "webhook" } })).id;
});
after(async () => {
  await prisma.$disconnect();
  await db.drop();
});

const ev = (entity: string, version: number, data: object, id?: string) => ({ entity, version, data, id });

const batch = {
  events: [
    ev("location", 1, { code: "DC-ATL", name: "Atlanta DC", kind: "DC", region: "South" }),
    ev("supplier", 1, { code: "SUP-9", name: "Ninth Supplier", leadTimeDays: 12 }),
    ev("customer", 1, { code: "CUST-1", name: "Key account", tier: "KEY" }),
    ev("item", 1, { sku: "SKU-1", name: "Bearing", unitCost: 4.5, unitPrice: 9, abcClass: "A", leadTimeDays: 10, primarySupplierCode: "SUP-9" }),
    ev("inventoryBalance", 1, { sku: "SKU-1", locationCode: "DC-ATL", onHand: 40, allocated: 5, asOf: "2026-11-25T06:00:00Z" }),
    ev("purchaseOrder", 1, {
      number: "PO-1", supplierCode: "SUP-9", locationCode: "DC-ATL", orderedAt: "2026-11-01T00:00:00Z",
      lines: [{ lineNo: 1, sku: "SKU-1", qtyOrdered: 100, unitCost: 4.5, promisedDate: "2026-12-01T00:00:00Z" }],
    }),
    ev("asn", 1, { number: "ASN-1", poNumber: "PO-1", shippedAt: "2026-11-20T00:00:00Z", eta: "2026-11-28T00:00:00Z", carrier: "UPSN", lines: [{ sku: "SKU-1", qtyShipped: 100 }] }),
    ev("receipt", 1, { number: "RCV-1", locationCode: "DC-ATL", poNumber: "PO-1", asnNumber: "ASN-1", receivedAt: "2026-11-24T00:00:00Z", lines: [{ sku: "SKU-1", qtyReceived: 92 }] }),
    ev("salesOrder", 1, {
      number: "SO-1", customerCode: "CUST-1", locationCode: "DC-ATL", orderedAt: "2026-11-20T00:00:00Z",
      lines: [{ lineNo: 1, sku: "SKU-1", qtyOrdered: 30, unitPrice: 9, promisedShipDate: "2026-11-27T00:00:00Z", priority: 1 }],
    }),
    // Unknown SKU: quarantined, the rest of the batch still lands.
    ev("inventoryBalance", 1, { sku: "SKU-404", locationCode: "DC-ATL", onHand: 1, asOf: "2026-11-25T06:00:00Z" }),
    // Schema violation: negative allocation.
    ev("inventoryBalance", 1, { sku: "SKU-1", locationCode: "DC-ATL", onHand: 1, allocated: -3, asOf: "2026-11-25T06:00:00Z" }),
  ],
};

test("a mixed batch is written by business key and bad records are quarantined with the reason", async () => {
  const stored = await storePayload(prisma, { sourceId, kind: "event", contentType: "application/json" }, JSON.stringify(batch));
  const result = await processPayload(prisma, stored.id, null);
  assert.equal(result.read, 11);
  assert.equal(result.accepted, 9);
  assert.equal(result.quarantined, 2);

  const balance = await prisma.inventoryBalance.findFirstOrThrow({ include: { item: true, location: true } });
  assert.equal(balance.item.sku, "SKU-1");
  assert.equal(balance.onHand, 40);
  assert.equal(balance.allocated, 5);
  assert.equal(balance.sourceSystem, "WMS-HOOK");
  const line = await prisma.purchaseOrderLine.findFirstOrThrow();
  assert.equal(line.qtyReceived, 92, "the receipt raised the PO line's received quantity");
  assert.equal(line.originalPromisedDate.toISOString(), "2026-12-01T00:00:00.000Z");
  const asn = await prisma.asn.findUniqueOrThrow({ where: { number: "ASN-1" } });
  assert.equal(asn.status, "RECEIVED");
  assert.equal(asn.carrier, "UPSN");

  const quarantined = await prisma.quarantinedRecord.findMany({ orderBy: { position: "asc" } });
  assert.deepEqual(quarantined.map((q) => q.field).sort(), ["allocated", "sku"]);
  assert.match(quarantined.find((q) => q.field === "sku")!.message, /unknown SKU 'SKU-404'/);
  assert.match(quarantined.find((q) => q.field === "allocated")!.message, /allocated/);
  assert.ok(quarantined.every((q) => q.position.includes("event")));
  assert.equal((await prisma.rawPayload.findUniqueOrThrow({ where: { id: stored.id } })).status, "PARTIAL");
});

test("the same delivery again is recognised as a duplicate; re-processing changes nothing", async () => {
  const again = await storePayload(prisma, { sourceId, kind: "event", contentType: "application/json" }, JSON.stringify(batch));
  assert.equal(again.duplicate, true);
  const counts = async () => ({
    po: await prisma.purchaseOrder.count(), lines: await prisma.purchaseOrderLine.count(), asnLines: await prisma.asnLine.count(),
    receipts: await prisma.receiptLine.count(), so: await prisma.salesOrderLine.count(), q: await prisma.quarantinedRecord.count(),
  });
  const before = await counts();
  await processPayload(prisma, again.id, null);
  assert.deepEqual(await counts(), before);
});

test("an older version arriving late changes nothing; a newer one wins; a later promise keeps the original", async () => {
  const send = async (events: object[]) => {
    const s = await storePayload(prisma, { sourceId, kind: "event", contentType: "application/json" }, JSON.stringify({ events }));
    return processPayload(prisma, s.id, null);
  };
  await send([ev("inventoryBalance", 5, { sku: "SKU-1", locationCode: "DC-ATL", onHand: 55, asOf: "2026-11-25T07:00:00Z" })]);
  const late = await send([ev("inventoryBalance", 3, { sku: "SKU-1", locationCode: "DC-ATL", onHand: 33, asOf: "2026-11-25T06:30:00Z" })]);
  assert.equal(late.stale, 1);
  assert.equal((await prisma.inventoryBalance.findFirstOrThrow()).onHand, 55);
  await send([
    ev("purchaseOrder", 2, {
      number: "PO-1", supplierCode: "SUP-9", locationCode: "DC-ATL", orderedAt: "2026-11-01T00:00:00Z",
      lines: [{ lineNo: 1, sku: "SKU-1", qtyOrdered: 100, qtyReceived: 92, unitCost: 4.5, promisedDate: "2026-12-09T00:00:00Z" }],
    }),
  ]);
  const line = await prisma.purchaseOrderLine.findFirstOrThrow();
  assert.equal(line.promisedDate.toISOString(), "2026-12-09T00:00:00.000Z");
  assert.equal(line.originalPromisedDate.toISOString(), "2026-12-01T00:00:00.000Z");
});
