/**
 * Integration: seeds demo data into a fresh, migrated, empty database (cloned by the test runner's
 * template) and checks row counts, users and the refusal to seed twice.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/server/generated/prisma/client";
import { DEMO_PASSWORD, DEMO_USERS, generateDemoData } from "@/lib/demo/generate-demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { seedDemo } from "./seed-demo";

const asOf = new Date("2026-11-25T14:00:00Z");

describe("seedDemo (integration)", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  before(async () => {
    db = await createTestDatabase("empty");
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  });
  after(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it("seeds the demo data set with matching row counts", async () => {
    const logs: string[] = [];
    const res = await seedDemo(prisma, { databaseUrl: db.url, seed: 42, asOf, scale: "demo", log: (m) => logs.push(m) });
    const expected = generateDemoData({ seed: 42, asOf });
    assert.equal(await prisma.location.count(), 7);
    assert.equal(await prisma.item.count(), expected.items.length);
    assert.equal(await prisma.supplier.count(), expected.suppliers.length);
    assert.equal(await prisma.customer.count(), expected.customers.length);
    assert.equal(await prisma.inventoryBalance.count(), expected.balances.length);
    assert.equal(await prisma.purchaseOrderLine.count(), expected.purchaseOrderLines.length);
    assert.equal(await prisma.salesOrderLine.count(), expected.salesOrderLines.length);
    assert.equal(await prisma.asnLine.count(), expected.asnLines.length);
    assert.equal(await prisma.transferOrderLine.count(), expected.transferOrderLines.length);
    assert.equal(await prisma.cycleCount.count(), expected.cycleCounts.length);
    assert.equal(await prisma.hold.count(), expected.holds.length);
    assert.equal(await prisma.dataSource.count(), 3);
    assert.equal(res.counts.salesOrderLines, expected.salesOrderLines.length);
    assert.ok(res.ms > 0 && logs.length > 0);
  });

  it("creates one user per demo account with a bcrypt hash and site access", async () => {
    const users = await prisma.user.findMany({ include: { sites: { include: { location: true } } } });
    assert.equal(users.length, DEMO_USERS.length);
    const planner = users.find((u) => u.email === "planner@demo.local")!;
    assert.ok(await bcrypt.compare(DEMO_PASSWORD, planner.passwordHash!));
    assert.deepEqual(planner.sites.map((s) => s.location.code).sort(), ["DC-ATL", "DC-NJ"]);
    const west = users.find((u) => u.email === "planner.west@demo.local")!;
    assert.deepEqual(west.sites.map((s) => s.location.code).sort(), ["DC-LAX", "DC-SEA"]);
  });

  it("stores decimals and dates faithfully", async () => {
    const expected = generateDemoData({ seed: 42, asOf });
    const row = await prisma.item.findUniqueOrThrow({ where: { id: expected.items[5].id } });
    assert.equal(row.unitCost.toNumber(), expected.items[5].unitCost);
    const ds = await prisma.dataSource.findUniqueOrThrow({ where: { code: "erpnext-west" } });
    assert.equal(ds.lastSuccessAt!.getTime(), asOf.getTime() - 26 * 3_600_000);
  });

  it("refuses to seed a database that already has items", async () => {
    await assert.rejects(seedDemo(prisma, { databaseUrl: db.url, asOf }), /already has \d+ items/);
  });
});
