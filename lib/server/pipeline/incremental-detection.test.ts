/**
 * Integration: incremental detection on the seeded demo database. Changing one sales order line
 * opens exactly one case (routed by the routing rules) at that item-location and leaves every
 * other case untouched; undoing the change resolves that case, again touching nothing else.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { runIncrementalDetection } from "@/lib/server/pipeline/run-detection";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";

let db: TestDatabase;
let prisma: PrismaClient;
let asOf: Date;

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
  asOf = (await prisma.case.findFirstOrThrow({ orderBy: { lastScoredAt: "desc" } })).lastScoredAt;
});

after(async () => {
  await prisma.$disconnect();
  await db.drop();
});

/** Every case as a comparable row (what a run could change). */
async function caseRows() {
  const rows = await prisma.case.findMany({
    select: { id: true, causeKey: true, status: true, score: true, severity: true, lastScoredAt: true, itemId: true, siteId: true, resolvedAt: true },
    orderBy: { id: "asc" },
  });
  return new Map(rows.map((r) => [r.id, JSON.stringify(r)]));
}

test("changing one SO line opens one routed case at its item-location and touches no other case", async () => {
  // A quiet background item-location: open SO line, steady demand, no case.
  const casesAt = new Set((await prisma.case.findMany({ select: { itemId: true, siteId: true } })).map((c) => `${c.itemId}@${c.siteId}`));
  const candidates = await prisma.salesOrderLine.findMany({ where: { salesOrder: { status: "OPEN" } }, include: { salesOrder: true }, orderBy: { id: "asc" }, take: 400 });
  let line: (typeof candidates)[number] | undefined;
  let demand = 0;
  for (const l of candidates) {
    if (casesAt.has(`${l.itemId}@${l.salesOrder.locationId}`)) continue;
    const b = await prisma.inventoryBalance.findUnique({ where: { itemId_locationId: { itemId: l.itemId, locationId: l.salesOrder.locationId } } });
    if (b && b.avgDailyDemand >= 1) {
      line = l;
      demand = b.avgDailyDemand;
      break;
    }
  }
  assert.ok(line, "a background SO line to change");
  const siteId = line.salesOrder.locationId;
  await prisma.routingRule.create({ data: { position: 1, name: "Site team", conditions: { siteIds: [siteId] }, team: "site-team" } });

  const before = await caseRows();
  const original = { qtyOrdered: line.qtyOrdered, promisedShipDate: line.promisedShipDate };
  // The customer triples-and-more the order: 40 days of demand, due in 2 days.
  await prisma.salesOrderLine.update({
    where: { id: line.id },
    data: { qtyOrdered: Math.ceil(demand * 40), promisedShipDate: new Date(asOf.getTime() + 2 * 86_400_000) },
  });
  const run = await runIncrementalDetection(prisma, { salesOrderIds: [line.salesOrderId] }, asOf);
  assert.equal(run.created, 1, `one new case (${JSON.stringify(run)})`);
  assert.equal(run.autoResolved, 0);

  const afterRun = await caseRows();
  const added = [...afterRun.keys()].filter((id) => !before.has(id));
  assert.equal(added.length, 1);
  for (const [id, row] of before) assert.equal(afterRun.get(id), row, `case ${id} untouched`);
  const opened = await prisma.case.findUniqueOrThrow({ where: { id: added[0] }, include: { events: true, exceptions: true } });
  assert.equal(opened.itemId, line.itemId);
  assert.equal(opened.siteId, siteId);
  assert.equal(opened.team, "site-team");
  assert.equal(opened.autoRouted, true);
  assert.ok(opened.events.some((e) => e.type === "DETECTED"));
  assert.ok(opened.exceptions.length >= 1 && opened.exceptions.every((e) => e.clearedAt === null));

  // Idempotent: the same event handled twice changes nothing.
  const again = await runIncrementalDetection(prisma, { salesOrderIds: [line.salesOrderId] }, asOf);
  assert.equal(again.created, 0);
  assert.equal(again.autoResolved, 0);

  // The customer reverts: the case resolves, nothing else moves.
  await prisma.salesOrderLine.update({ where: { id: line.id }, data: original });
  const undo = await runIncrementalDetection(prisma, { itemLocations: [[line.itemId, siteId]] }, asOf);
  assert.equal(undo.autoResolved, 1);
  const final = await caseRows();
  for (const [id, row] of before) assert.equal(final.get(id), row, `case ${id} untouched after undo`);
  const resolved = await prisma.case.findUniqueOrThrow({ where: { id: added[0] }, include: { events: true, exceptions: true } });
  assert.equal(resolved.status, "RESOLVED");
  assert.ok(resolved.events.some((e) => e.type === "RESOLVED"));
  assert.ok(resolved.exceptions.every((e) => e.clearedAt !== null));
  assert.ok(await prisma.auditEntry.findFirst({ where: { caseId: resolved.id, action: "case.resolved" } }));
  assert.equal((await verifyAuditChain(prisma)).ok, true);
});

test("a change that touches nothing known runs nothing", async () => {
  const run = await runIncrementalDetection(prisma, { salesOrderIds: ["so_does_not_exist"] }, asOf);
  assert.equal(run.itemLocations, 0);
  assert.equal(run.cases, 0);
});
