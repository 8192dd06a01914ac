/**
 * Integration: every X12 file of ../shared/data/edi through the EDI path (stored, streamed one transaction set at a
 * time, written, 997 generated), the syntax-error file quarantined with segment and position, EDIFACT refused.
 */
import { sharedData } from "@/lib/testing/shared-data";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, readdirSync } from "node:fs";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { storePayloadStream } from "./store-payload";
import { processPayload } from "./process-payload";
import { writeCanonicalRecords } from "./write-canonical";

const EDI = sharedData("edi");
let db: TestDatabase;
let prisma: PrismaClient;
let sourceId: string;

before(async () => {
  db = await createTestDatabase("empty");
  prisma = createPrismaClient(db.url);
  sourceId = (
    await prisma.dataSource.create({
      data: { code: "EDI-VAN", name: "EDI mailbox", kind: "x12", config: { uomFactors: { EA: 1, PC: 1, CA: 12 }, partnerLocationCodes: { "0003947268292": "DC-SOLON" }, defaultTransitDays: 5 } },
    })
  ).id;
  const rec = (entity: string, data: object) => ({ entity: entity as never, version: 1, externalId: null, data, origin: { position: "setup" } });
  await writeCanonicalRecords(prisma, "setup", [
    rec("location", { code: "DC-SOLON", name: "Solon DC" }),
    rec("supplier", { code: "999999999", name: "Widget supplier" }),
    ...["065322-117", "066850-116", "060733-110", "065308-116", "065374-118", "067504-118"].map((sku) => rec("item", { sku, name: sku, unitCost: 5, unitPrice: 10 })),
  ]);
});
after(async () => {
  await prisma.$disconnect();
  await db.drop();
});

async function importFile(relative: string) {
  const stored = await storePayloadStream(prisma, { sourceId, kind: "edi", contentType: "application/edi-x12", fileName: path.basename(relative) }, createReadStream(path.join(EDI, relative)));
  return { stored, result: await processPayload(prisma, stored.id, null) };
}

test("an 850 from the shared data becomes a purchase order with its lines, and a 997 is stored to send back", async () => {
  const { stored, result } = await importFile("node-x12/850.edi");
  assert.equal(result.quarantined, 0);
  const po = await prisma.purchaseOrder.findUniqueOrThrow({ where: { number: "08292233294" }, include: { lines: { orderBy: { lineNo: "asc" } }, location: true } });
  assert.equal(po.location.code, "DC-SOLON");
  assert.equal(po.lines.length, 6);
  assert.deepEqual(po.lines.slice(0, 2).map((l) => [l.qtyOrdered, Number(l.unitCost)]), [[120, 9.25], [220, 13.79]]);
  assert.equal(po.sourceSystem, "EDI-VAN");
  const ack = await prisma.rawPayload.findFirstOrThrow({ where: { sourceId, direction: "OUT" } });
  const text = Buffer.from(ack.body!).toString();
  assert.match(text, /^ISA\*/);
  assert.match(text, /ST\*997\*/);
  assert.match(text, /AK1\*PO\*1421/);
  assert.match(text, /AK5\*A/);
  assert.equal((await prisma.rawPayload.findUniqueOrThrow({ where: { id: stored.id } })).status, "PROCESSED");
});

test("every X12 file of the shared data is processed without losing anything; EDIFACT is refused with a clear message", async () => {
  const files = readdirSync(EDI, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".edi"));
  assert.ok(files.length >= 26);
  for (const file of files) {
    const { stored, result } = await importFile(file);
    const payload = await prisma.rawPayload.findUniqueOrThrow({ where: { id: stored.id } });
    assert.notEqual(payload.status, "FAILED", `${file}: processed to the end (${payload.error ?? ""})`);
    assert.equal(result.accepted + result.quarantined, result.read, `${file}: every record accepted or quarantined`);
  }
  // 810 invoices are validated but produce no canonical record; every other X12 document type produced something.
  assert.ok((await prisma.purchaseOrder.count()) >= 1);
  const edifact = await prisma.quarantinedRecord.findFirstOrThrow({ where: { payload: { fileName: "order.edi" } } });
  assert.match(edifact.message, /not an X12 interchange \(EDIFACT/);
});

test("850.SyntaxNotes.ERR.edi is rejected with the segment, its position and the violated syntax note", async () => {
  const { result } = await importFile("EdiEngine/850.SyntaxNotes.ERR.edi");
  assert.ok(result.quarantined >= 1);
  const rows = await prisma.quarantinedRecord.findMany({ where: { payload: { fileName: "850.SyntaxNotes.ERR.edi" } } });
  const messages = rows.map((r) => r.message).join("\n");
  assert.match(messages, /PO1 \(segment 13 of the set, 15 of the interchange\): syntax note P0607/);
  assert.match(messages, /PO4 \(segment 30 of the set, 32 of the interchange\): syntax note C0506/);
  const ack = await prisma.rawPayload.findFirst({ where: { sourceId, direction: "OUT", fileName: { contains: "ISA" } }, orderBy: { receivedAt: "desc" } });
  assert.ok(ack, "a 997 was generated for the rejected interchange");
  assert.match(Buffer.from(ack.body!).toString(), /AK5\*R/);
});
