/**
 * Integration: importing an uploaded X12 file through the DAL on a real database and a real pg-boss queue — the run is
 * created and linked, the job is queued and audited, and the queued job (run by the worker's own handler) processes
 * the shared 850 into a purchase order and stores the outbound 997.
 */
import { sharedData } from "@/lib/testing/shared-data";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import path from "node:path";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

const EDI_850 = sharedData("edi/node-x12/850.edi");

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  edi: typeof import("@/lib/server/dal/edi-imports");
  files: typeof import("@/lib/server/dal/uploaded-files");
  store: typeof import("@/lib/server/ingest/store-payload");
  job: typeof import("@/lib/server/jobs/ingest-payload-job");
  write: typeof import("@/lib/server/ingest/write-canonical");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
};
let sourceId: string;

const viewer = async (id: string) => {
  const v = await mod.loadViewer(mod.prisma, id);
  assert.ok(v, `demo user ${id} exists`);
  return v;
};

const queue = () => (globalThis as unknown as { workbenchQueue?: Promise<PgBoss> }).workbenchQueue;

async function storeEdi(fileName: string, direction: "IN" | "OUT" = "IN") {
  return mod.store.storePayloadStream(mod.prisma, { sourceId, kind: "edi", contentType: "application/edi-x12", fileName, direction }, createReadStream(EDI_850));
}

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    edi: await import("@/lib/server/dal/edi-imports"),
    files: await import("@/lib/server/dal/uploaded-files"),
    store: await import("@/lib/server/ingest/store-payload"),
    job: await import("@/lib/server/jobs/ingest-payload-job"),
    write: await import("@/lib/server/ingest/write-canonical"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
  };
  sourceId = (
    await mod.prisma.dataSource.create({
      data: { code: "EDI-TEST", name: "EDI test mailbox", kind: "x12", config: { partnerLocationCodes: { "0003947268292": "DC-ATL" } } },
    })
  ).id;
  // The supplier and items the 850 references (as in lib/server/ingest/edi-import.test.ts).
  const rec = (entity: string, data: object) => ({ entity: entity as never, version: 1, externalId: null, data, origin: { position: "setup" } });
  await mod.write.writeCanonicalRecords(mod.prisma, "setup", [
    rec("supplier", { code: "999999999", name: "Widget supplier" }),
    ...["065322-117", "066850-116", "060733-110", "065308-116", "065374-118", "067504-118"].map((sku) => rec("item", { sku, name: sku, unitCost: 5, unitPrice: 10 })),
  ]);
});

after(async () => {
  await (await queue())?.stop({ graceful: false, wait: true });
  await mod?.prisma.$disconnect();
  await db?.drop();
});

test("an admin starts the import of an uploaded 850: run linked, job queued, audited; the job writes the PO and a 997", async () => {
  const admin = await viewer("usr_admin");
  const stored = await storeEdi("850.edi");
  assert.equal(stored.duplicate, false);

  const { runId } = await mod.edi.startEdiImport(admin, stored.id);
  const run = await mod.prisma.syncRun.findUniqueOrThrow({ where: { id: runId } });
  assert.equal(run.status, "QUEUED");
  assert.equal(run.trigger, "upload");
  assert.equal(run.requestedById, "usr_admin");
  assert.equal(run.sourceId, sourceId);
  assert.equal((await mod.prisma.rawPayload.findUniqueOrThrow({ where: { id: stored.id } })).runId, runId);
  const jobs = await mod.prisma.$queryRawUnsafe<{ data: { payloadId: string; runId: string } }[]>(`SELECT data FROM pgboss.job WHERE name = 'ingest.payload'`);
  assert.deepEqual(jobs.map((j) => j.data), [{ payloadId: stored.id, runId }]);
  const audit = await mod.prisma.auditEntry.findFirstOrThrow({ where: { action: "payload.import_started", entityId: stored.id } });
  assert.equal(audit.actorId, "usr_admin");

  // What the worker does with that job.
  const boss = await queue();
  assert.ok(boss, "the producer queue was started by enqueue");
  const result = await mod.job.handleIngestPayloadJob(mod.prisma, boss, jobs[0].data);
  assert.equal(result.read, result.accepted + result.quarantined);
  const finished = await mod.prisma.syncRun.findUniqueOrThrow({ where: { id: runId } });
  assert.ok(["SUCCEEDED", "PARTIAL"].includes(finished.status), `run finished (${finished.status}: ${finished.error ?? ""})`);
  assert.equal(Number(finished.progressDone), Number(finished.progressTotal));
  const po = await mod.prisma.purchaseOrder.findUniqueOrThrow({ where: { number: "08292233294" }, include: { lines: true } });
  assert.equal(po.sourceSystem, "EDI-TEST");
  assert.equal(po.lines.length, 6);
  const ack = await mod.prisma.rawPayload.findFirstOrThrow({ where: { sourceId, direction: "OUT" } });
  assert.match(Buffer.from(ack.body!).toString(), /ST\*997\*/);

  // The upload lookup behind "already uploaded on …".
  const info = await mod.files.findUploadedFile(admin, stored.id);
  assert.equal(info.fileName, "850.edi");
  assert.equal(info.runId, runId);
  assert.ok(info.receivedAt instanceof Date);
});

test("only admins start EDI imports, and only of received EDI files", async () => {
  const admin = await viewer("usr_admin");
  const planner = await viewer("usr_planner");
  const stored = await storeEdi("850-copy.edi");
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
      return "resolved";
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    }
  };
  assert.equal(await code(mod.edi.startEdiImport(planner, stored.id)), "FORBIDDEN");
  assert.equal(await code(mod.files.findUploadedFile(planner, stored.id)), "FORBIDDEN");
  assert.equal(await code(mod.edi.startEdiImport(admin, "no-such-payload")), "NOT_FOUND");
  // An outbound 997 is never imported; a CSV upload goes through startFileImport with a mapping instead.
  const outbound = await mod.prisma.rawPayload.findFirstOrThrow({ where: { sourceId, direction: "OUT" } });
  assert.equal(await code(mod.edi.startEdiImport(admin, outbound.id)), "NOT_FOUND");
  const csvSource = await mod.prisma.dataSource.create({ data: { code: "CSV-TEST", name: "csv", kind: "csv" } });
  const csv = await mod.store.storePayload(mod.prisma, { sourceId: csvSource.id, kind: "file", contentType: "text/csv", fileName: "a.csv" }, "a,b\n1,2\n");
  assert.equal(await code(mod.edi.startEdiImport(admin, csv.id)), "NOT_FOUND");
  assert.equal(await mod.prisma.syncRun.count({ where: { sourceId: csvSource.id } }), 0);
});
