/**
 * Integration: snoozed cases wake on the real paths, on a clone of the seeded database.
 *  - "until something changes": a signed webhook event changes the case's item-location balance; the
 *    payload is processed by the canonical writer, its change keys feed the detect.incremental job
 *    handler, and the case wakes (WOKEN event, snooze cleared, system audit row). A snoozed case on
 *    another item-location stays asleep.
 *  - score rise: an incremental detection run rescoring a case past its threshold wakes it (persistCaseDrafts).
 *  - date: the escalate sweep wakes a snooze whose date passed, not one still in the future.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { encryptSecrets } from "@/lib/server/ingest/secrets";
import { receiveWebhook, signWebhook } from "@/lib/server/ingest/receive-webhook";
import { processPayload } from "@/lib/server/ingest/process-payload";
import { changeKeysFor } from "@/lib/server/ingest/change-keys";
import { handleDetectIncrementalJobs } from "@/lib/server/jobs/detect-incremental-job";
import { handleEscalateJob } from "@/lib/server/jobs/escalate-job";
import { runIncrementalDetection } from "@/lib/server/pipeline/run-detection";
import { wakeSnoozedOnChange } from "@/lib/server/pipeline/wake-snoozed-cases";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";

process.env.AUTH_SECRET ??= "test-secret-for-webhook-signing-0123456789";
const SECRET = "whsec_wake_test";
const HOUR = 3_600_000;

let db: TestDatabase;
/** The worker's own client (pipeline and jobs take it explicitly). */
let worker: PrismaClient;
let asOf: Date;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  triage: typeof import("@/lib/server/dal/case-triage");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
};

const planner = async () => {
  const v = await mod.loadViewer(mod.prisma, "usr_planner");
  assert.ok(v);
  return v;
};

/** Open item-location cases at the planner's sites, each on its own item-location, with a balance row. */
async function itemLocationCases(n: number, skip: number) {
  const rows = await worker.case.findMany({
    where: { status: "OPEN", causeKey: { startsWith: "itemloc:" }, site: { code: { in: ["DC-ATL", "DC-NJ"] } }, itemId: { not: null } },
    include: { item: true, site: true },
    orderBy: { number: "asc" },
  });
  const withBalance = [];
  for (const c of rows) {
    const b = await worker.inventoryBalance.findUnique({ where: { itemId_locationId: { itemId: c.itemId!, locationId: c.siteId } } });
    if (b) withBalance.push({ ...c, balance: b });
  }
  const picked = withBalance.slice(skip, skip + n);
  assert.equal(picked.length, n, "enough item-location cases in the demo data");
  return picked;
}

const snoozeFields = (id: string) =>
  worker.case.findUniqueOrThrow({ where: { id }, select: { snoozedAt: true, snoozeUntil: true, snoozeOnChange: true, snoozeScoreRisePct: true, snoozeScoreBase: true, score: true, status: true } });

async function wokenEvents(caseId: string) {
  return worker.caseEvent.findMany({ where: { caseId, type: "WOKEN" } });
}

async function expectWoken(caseId: string, trigger: string) {
  const events = await wokenEvents(caseId);
  assert.equal(events.length, 1, `case ${caseId} woke once`);
  assert.equal(events[0].actorId, null, "the system wakes it");
  assert.equal((events[0].data as { trigger: string }).trigger, trigger);
  assert.ok((events[0].data as { reason: string }).reason.length > 0);
  const s = await snoozeFields(caseId);
  assert.deepEqual([s.snoozedAt, s.snoozeUntil, s.snoozeOnChange, s.snoozeScoreRisePct, s.snoozeScoreBase], [null, null, false, null, null]);
  const audit = await worker.auditEntry.findMany({ where: { caseId, action: "case.woken" } });
  assert.equal(audit.length, 1);
  assert.equal(audit[0].actorRole, "system");
  assert.equal(audit[0].actorId, null);
  assert.equal(audit[0].reason, (events[0].data as { reason: string }).reason);
}

async function expectAsleep(caseId: string) {
  assert.equal((await wokenEvents(caseId)).length, 0);
  assert.ok((await snoozeFields(caseId)).snoozedAt, "still snoozed");
}

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  worker = createPrismaClient(db.url);
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    triage: await import("@/lib/server/dal/case-triage"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
  };
  asOf = (await worker.case.findFirstOrThrow({ orderBy: { lastScoredAt: "desc" } })).lastScoredAt;
  await worker.dataSource.create({ data: { code: "WMS-WAKE", name: "WMS events", kind: "webhook", secretCiphertext: encryptSecrets({ signingSecret: SECRET }) } });
});

after(async () => {
  await worker?.$disconnect();
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("snooze until something changes", () => {
  test("a webhook event on the case's item-location wakes it through ingest → change keys → detect.incremental", async () => {
    const [target, other] = await itemLocationCases(2, 0);
    const viewer = await planner();
    assert.equal((await mod.triage.snoozeCases(viewer, { caseIds: [target.id, other.id], onChange: true })).updated, 2);

    const body = JSON.stringify({
      events: [
        {
          entity: "inventoryBalance",
          id: `evt-wake-${target.id}`,
          version: Date.now(),
          data: { sku: target.item!.sku, locationCode: target.site.code, onHand: target.balance.onHand + 1, asOf: new Date().toISOString() },
        },
      ],
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const queued: { payloadId: string; runId: string }[] = [];
    const answer = await receiveWebhook(
      worker,
      { sourceCode: "WMS-WAKE", timestamp, signature: signWebhook(SECRET, timestamp, body), idempotencyKey: `wake-${target.id}`, body },
      async (d) => queued.push(d),
    );
    assert.equal(answer.status, 202);
    assert.equal(queued.length, 1);
    await expectAsleep(target.id); // stored, not yet processed

    // What the ingest.payload job does, then what the detect.incremental job it enqueues does.
    const processed = await processPayload(worker, queued[0].payloadId, queued[0].runId);
    assert.equal(processed.accepted, 1);
    const balance = await worker.inventoryBalance.findUniqueOrThrow({ where: { itemId_locationId: { itemId: target.itemId!, locationId: target.siteId } } });
    assert.equal(balance.onHand, target.balance.onHand + 1, "the canonical writer stored the change");
    const keys = await changeKeysFor(worker, processed.touched);
    assert.ok(keys && keys !== "full", "a one-record change is incremental");
    assert.ok(keys.itemLocations?.some(([i, l]) => i === target.itemId && l === target.siteId), "the change keys name the case's item-location");
    await handleDetectIncrementalJobs(worker, [{ ...keys, asOf: asOf.toISOString() }]);

    await expectWoken(target.id, "SOURCE_CHANGED");
    await expectAsleep(other.id);
  });

  test("a changed purchase order wakes the case it is the root cause of, with no detection run at all", async () => {
    const viewer = await planner();
    const c = await worker.case.findFirstOrThrow({
      where: { status: "OPEN", causeKey: { startsWith: "poline:" }, site: { code: { in: ["DC-ATL", "DC-NJ"] } }, snoozedAt: null },
      orderBy: { number: "asc" },
    });
    const line = await worker.purchaseOrderLine.findUniqueOrThrow({ where: { id: c.causeKey.slice("poline:".length) } });
    await mod.triage.snoozeCases(viewer, { caseIds: [c.id], onChange: true });
    // A date-only snooze on the same objects does not wake on a change.
    const dateOnly = await worker.case.findFirst({
      where: { status: "OPEN", causeKey: { startsWith: "poline:" }, site: { code: { in: ["DC-ATL", "DC-NJ"] } }, snoozedAt: null, id: { not: c.id } },
      orderBy: { number: "asc" },
    });
    assert.ok(dateOnly);
    const dateLine = await worker.purchaseOrderLine.findUniqueOrThrow({ where: { id: dateOnly.causeKey.slice("poline:".length) } });
    await mod.triage.snoozeCases(viewer, { caseIds: [dateOnly.id], until: new Date(Date.now() + 48 * HOUR) });

    const summary = await wakeSnoozedOnChange(worker, { purchaseOrderIds: [line.purchaseOrderId, dateLine.purchaseOrderId] });
    assert.equal(summary.byTrigger.SOURCE_CHANGED, 1);
    await expectWoken(c.id, "SOURCE_CHANGED");
    await expectAsleep(dateOnly.id);
    const again = await wakeSnoozedOnChange(worker, { purchaseOrderIds: [line.purchaseOrderId] });
    assert.equal(again.woken, 0, "a woken case does not wake twice");
  });
});

describe("snooze until the score rises", () => {
  test("a rescoring past the threshold wakes the case; one below its threshold stays asleep", async () => {
    const [rising, steady] = await itemLocationCases(2, 2);
    const viewer = await planner();
    // Both were snoozed when they scored half of what detection finds now.
    for (const c of [rising, steady]) await worker.case.update({ where: { id: c.id }, data: { score: c.score / 2 } });
    await mod.triage.snoozeCases(viewer, { caseIds: [rising.id], scoreRisePct: 50 });
    await mod.triage.snoozeCases(viewer, { caseIds: [steady.id], scoreRisePct: 500 });
    assert.equal((await snoozeFields(rising.id)).snoozeScoreBase, rising.score / 2);

    const run = await runIncrementalDetection(
      worker,
      { itemLocations: [[rising.itemId!, rising.siteId], [steady.itemId!, steady.siteId]] },
      asOf,
    );
    assert.ok(run.rescored >= 2, "both cases were rescored");
    const after = await snoozeFields(rising.id);
    assert.equal(after.status, "OPEN");
    assert.ok(Math.abs(after.score - rising.score) < 0.01, "detection restored the full score (+100%)");
    await expectWoken(rising.id, "SCORE_ROSE");
    assert.match(((await wokenEvents(rising.id))[0].data as { reason: string }).reason, /^Score rose 100% .* \+50%\.$/);
    await expectAsleep(steady.id);
  });
});

describe("snooze until a date", () => {
  test("the escalate sweep wakes snoozes whose date passed, not those still ahead", async () => {
    const [due, later] = await itemLocationCases(2, 4);
    const viewer = await planner();
    const now = Date.now();
    await mod.triage.snoozeCases(viewer, { caseIds: [due.id], until: new Date(now + HOUR) });
    await mod.triage.snoozeCases(viewer, { caseIds: [later.id], until: new Date(now + 10 * HOUR), onChange: true });

    await handleEscalateJob(worker, { asOf: new Date(now + 30 * 60_000).toISOString() });
    await expectAsleep(due.id);
    await handleEscalateJob(worker, { asOf: new Date(now + 2 * HOUR).toISOString() });
    await expectWoken(due.id, "DATE_PASSED");
    await expectAsleep(later.id);
  });

  test("every wake kept the audit chain intact", async () => {
    const verdict = await verifyAuditChain(worker);
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
  });
});
