/**
 * Integration: the write-back outbox end to end on a real database and the fake ERP server (real HTTP, real Odoo
 * JSON-RPC shapes). Master data comes from a real pull sync; an approved action is queued in a transaction, sent by
 * the job handler, retried after injected 503/500 answers and a lost response, and confirmed exactly once.
 */
process.env.AUTH_SECRET ??= "test-secret-for-write-back-0123456789abcdef";

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startFakeErpServer, type FakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { fakeOdooContext } from "@/lib/adapters/testing/adapter-contexts";
import type { ActionType } from "@/lib/domain/score/config";

let erp: FakeErpServer;
let tdb: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  queue: typeof import("@/lib/server/writeback/queue-write-back");
  job: typeof import("@/lib/server/jobs/write-back-job");
  sweep: typeof import("@/lib/server/jobs/write-back-sweep-job");
  dal: typeof import("@/lib/server/dal/write-backs");
  context: typeof import("@/lib/server/writeback/write-back-context");
  demo: typeof import("@/lib/adapters/demo/demo-adapter");
  persist: typeof import("@/lib/server/pipeline/persist-cases");
  verify: typeof import("@/lib/server/audit/verify-audit-chain").verifyAuditChain;
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
};
let odooSourceId: string;
let requesterId: string;
let approverId: string;

/** A controllable clock, so "the next attempt is due" does not need real waiting. */
let clockMs = Date.now();
const now = () => new Date(clockMs);
const advance = (ms: number) => (clockMs += ms);

before(async () => {
  erp = await startFakeErpServer();
  tdb = await createTestDatabase("empty");
  process.env.DATABASE_URL = tdb.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    queue: await import("@/lib/server/writeback/queue-write-back"),
    job: await import("@/lib/server/jobs/write-back-job"),
    sweep: await import("@/lib/server/jobs/write-back-sweep-job"),
    dal: await import("@/lib/server/dal/write-backs"),
    context: await import("@/lib/server/writeback/write-back-context"),
    demo: await import("@/lib/adapters/demo/demo-adapter"),
    persist: await import("@/lib/server/pipeline/persist-cases"),
    verify: (await import("@/lib/server/audit/verify-audit-chain")).verifyAuditChain,
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
  };
  const { encryptSecrets } = await import("@/lib/server/ingest/secrets");
  const { createRun } = await import("@/lib/server/ingest/sync-runs");
  const { runPullSync } = await import("@/lib/server/ingest/run-sync");
  const db = mod.prisma;
  const ctx = fakeOdooContext(erp.url);
  odooSourceId = (await db.dataSource.create({ data: { code: "ODOO-AW", name: "Odoo AW", kind: "odoo", config: ctx.config as object, secretCiphertext: encryptSecrets(ctx.secrets) } })).id;
  const run = await createRun(db, odooSourceId, "manual", null);
  await runPullSync(db, run.id, { fetch });
  const bothell = await db.location.findUniqueOrThrow({ where: { code: "AW-BOTHELL" } });
  const seattle = await db.location.findUniqueOrThrow({ where: { code: "AW-SEATTLE" } });
  requesterId = (await db.user.create({ data: { email: "req@test.local", name: "Requester", role: "planner", sites: { create: [{ locationId: bothell.id }] } } })).id;
  approverId = (await db.user.create({ data: { email: "sup@test.local", name: "Approver", role: "supervisor", sites: { create: [{ locationId: bothell.id }, { locationId: seattle.id }] } } })).id;
});

after(async () => {
  // retryWriteBack enqueues through the web producer client: stop it so the test process can exit.
  const queue = (globalThis as unknown as { workbenchQueue?: Promise<PgBoss> }).workbenchQueue;
  if (queue) await (await queue).stop({ graceful: false, wait: true }).catch(() => undefined);
  await mod?.prisma.$disconnect();
  await tdb?.drop();
  await erp?.close();
});

const viewer = async (id: string) => {
  const v = await mod.loadViewer(mod.prisma, id);
  assert.ok(v);
  return v;
};

const expectAppError = async (p: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => {
    assert.equal((e as { code?: string }).code, code, String(e));
    if (message) assert.match((e as Error).message, message);
    return true;
  });

/** An ACTION_APPROVED case with an APPROVED action (requester ≠ approver), as the approvals flow leaves it. */
async function approvedCase(opts: { type: ActionType; payload: object; siteCode: string; sku: string; causeKey?: string; evidence?: { type: string; evidence: object }[] }) {
  const db = mod.prisma;
  const site = await db.location.findUniqueOrThrow({ where: { code: opts.siteCode } });
  const item = await db.item.findUniqueOrThrow({ where: { sku: opts.sku } });
  const c = await db.case.create({
    data: {
      causeKey: opts.causeKey ?? `itemloc:${item.id}:${site.id}`,
      title: `${opts.type} ${opts.sku} at ${opts.siteCode}`,
      primaryType: opts.evidence?.[0]?.type ?? "STOCKOUT_NOW",
      siteId: site.id,
      itemId: item.id,
      severity: "HIGH",
      score: 100,
      serviceExposure: 80,
      financialExposure: 20,
      urgency: 0.5,
      confidence: 1,
      explanation: {},
      configVersion: 1,
      status: "ACTION_APPROVED",
      dataAsOf: new Date(),
      slaDueAt: new Date(Date.now() + 86_400_000),
      exceptions: {
        create: (opts.evidence ?? []).map((e, i) => ({ fingerprint: `${e.type}:${opts.sku}:${opts.siteCode}:${Math.random()}`, type: e.type, siteId: site.id, itemId: item.id, chainOrder: i, summary: e.type, evidence: e.evidence, exposure: 10, eventAt: new Date() })),
      },
    },
  });
  const action = await db.caseAction.create({
    data: {
      caseId: c.id,
      type: opts.type,
      status: "APPROVED",
      payload: opts.payload,
      valueUsd: 100,
      note: "test action",
      requestedById: requesterId,
      decidedById: approverId,
      decidedAt: new Date(),
      policyVersion: 1,
      approvals: { create: [{ revision: 1, level: 1, decision: "APPROVED", deciderId: approverId, deciderRole: "supervisor", policyVersion: 1 }] },
    },
  });
  const queued = await db.$transaction((tx) => mod.queue.queueWriteBack(tx, { actionId: action.id }));
  assert.ok(queued, "an approved action is queued");
  // The row is due from the moment it was queued (by the wall clock); the test clock must not lag behind it.
  clockMs = Math.max(clockMs, Date.now() + 1);
  return { caseId: c.id, actionId: action.id, writeBackId: queued.writeBackId };
}

const send = (writeBackId: string, opts: Parameters<typeof mod.job.sendWriteBack>[2] = {}) => mod.job.sendWriteBack(mod.prisma, writeBackId, { now, ...opts });
const eventTypes = async (caseId: string) => (await mod.prisma.caseEvent.findMany({ where: { caseId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map((e) => e.type);
const inventoryMovesNamed = (actionId: string) => erp.state.odooRows("stock.move").filter((m) => m.is_inventory === true && String(m.name).startsWith(`Exception Workbench ${actionId}`));

describe("write-back outbox against the fake Odoo server", () => {
  it("queueWriteBack maps the action to business keys, targets the record's source and is idempotent per action", async () => {
    const line = await mod.prisma.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrder: { number: "P00003" }, lineNo: 16 }, include: { item: true, purchaseOrder: { include: { location: true } } } });
    const { actionId, writeBackId, caseId } = await approvedCase({ type: "EXPEDITE", payload: { quantity: 5, targetDate: "2025-03-05" }, siteCode: line.purchaseOrder.location.code, sku: line.item.sku, causeKey: `poline:${line.id}` });
    const wb = await mod.prisma.writeBack.findUniqueOrThrow({ where: { id: writeBackId } });
    assert.equal(wb.status, "QUEUED");
    assert.equal(wb.idempotencyKey, actionId);
    assert.equal(wb.dataSourceId, odooSourceId);
    assert.deepEqual((wb.request as { payload: object }).payload, { caseNumber: (await mod.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).number, quantity: 5, poNumber: "P00003", lineNo: 16, newPromisedDate: "2025-03-05T00:00:00.000Z" });
    const again = await mod.prisma.$transaction((tx) => mod.queue.queueWriteBack(tx, { actionId }));
    assert.deepEqual(again, { writeBackId });
    assert.equal(await mod.prisma.writeBack.count({ where: { actionId } }), 1);
    assert.deepEqual(await eventTypes(caseId), ["WRITE_BACK_QUEUED"]);
    const audit = await mod.prisma.auditEntry.findMany({ where: { entityId: writeBackId } });
    assert.deepEqual(audit.map((a) => a.action), ["writeback.queued"]);
    // Not approved → nothing to queue.
    const pending = await mod.prisma.caseAction.create({ data: { caseId, type: "RECOUNT", payload: { quantity: 1 }, valueUsd: 0, note: "pending", requestedById: requesterId, policyVersion: 1 } });
    assert.equal(await mod.prisma.$transaction((tx) => mod.queue.queueWriteBack(tx, { actionId: pending.id })), null);

    // The expedite lands once; the case resolves.
    const result = await send(writeBackId);
    assert.equal(result.outcome, "CONFIRMED");
    assert.deepEqual(erp.state.writeLog.filter((w) => w.target === "purchase.order.line").map((w) => [w.method, w.ids, w.payload]), [["write", [16], { date_planned: "2025-03-05 00:00:00" }]]);
  });

  it("ADJUST: two failed attempts (503, then 500), then success → one inventory move, CONFIRMED, case RESOLVED", async () => {
    const { caseId, actionId, writeBackId } = await approvedCase({
      type: "ADJUST",
      payload: { quantity: 8 },
      siteCode: "AW-BOTHELL",
      sku: "AR-5381",
      evidence: [{ type: "CYCLE_COUNT_VARIANCE", evidence: { delta: 8, sku: "AR-5381" } }],
    });
    const request = (await mod.prisma.writeBack.findUniqueOrThrow({ where: { id: writeBackId } })).request as { payload: Record<string, unknown> };
    assert.deepEqual([request.payload.sku, request.payload.locationCode, request.payload.qtyDelta], ["AR-5381", "AW-BOTHELL", 8]);

    erp.state.failNext(1, 503);
    const first = await send(writeBackId);
    assert.equal(first.outcome, "RETRY_SCHEDULED");
    assert.match(first.outcome === "RETRY_SCHEDULED" ? first.error : "", /503/);
    // Not due yet: a second job for the same row does nothing.
    assert.equal((await send(writeBackId)).outcome, "SKIPPED");
    assert.equal(first.outcome === "RETRY_SCHEDULED" && first.nextAttemptAt.getTime() - clockMs, mod.job.writeBackBackoffMs(1));
    await expectAppError(mod.dal.retryWriteBack(await viewer(approverId), { writeBackId }), "CONFLICT", /queued for .* retried automatically/);

    advance(mod.job.writeBackBackoffMs(1));
    erp.state.failNext(1, 500);
    const second = await send(writeBackId);
    assert.equal(second.outcome, "RETRY_SCHEDULED");
    assert.equal(second.outcome === "RETRY_SCHEDULED" && second.nextAttemptAt.getTime() - clockMs, mod.job.writeBackBackoffMs(2));
    assert.equal(inventoryMovesNamed(actionId).length, 0, "nothing applied yet");

    advance(mod.job.writeBackBackoffMs(2));
    const third = await send(writeBackId);
    assert.equal(third.outcome, "CONFIRMED");
    const moves = inventoryMovesNamed(actionId);
    assert.equal(moves.length, 1, "exactly one inventory move");
    assert.equal(moves[0].quantity, 8);
    assert.equal(erp.state.writeLog.filter((w) => w.method === "action_apply_inventory" && (w.context as { inventory_name?: string }).inventory_name === `Exception Workbench ${actionId}`).length, 1);

    const wb = await mod.prisma.writeBack.findUniqueOrThrow({ where: { id: writeBackId } });
    assert.deepEqual([wb.status, wb.attempts, wb.lastError, wb.externalRef], ["CONFIRMED", 3, null, `stock.move/${moves[0].id}`]);
    const c = await mod.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([c.status, c.resolutionCode, c.writeBackFailedAt], ["RESOLVED", "ACTION_CONFIRMED", null]);
    assert.deepEqual(await eventTypes(caseId), [
      "WRITE_BACK_QUEUED",
      "WRITE_BACK_SENT",
      "WRITE_BACK_FAILED",
      "WRITE_BACK_SENT",
      "WRITE_BACK_FAILED",
      "WRITE_BACK_SENT",
      "WRITE_BACK_CONFIRMED",
      "RESOLVED",
    ]);
    const failed = await mod.prisma.caseEvent.findFirstOrThrow({ where: { caseId, type: "WRITE_BACK_FAILED" }, orderBy: { createdAt: "asc" } });
    assert.equal((failed.data as { final: boolean }).final, false);
    const audit = await mod.prisma.auditEntry.findMany({ where: { caseId }, orderBy: { seq: "asc" } });
    assert.deepEqual(audit.map((a) => a.action), ["writeback.queued", "writeback.sent", "writeback.attempt_failed", "writeback.sent", "writeback.attempt_failed", "writeback.sent", "writeback.confirmed", "case.resolved"]);

    // A retry of a confirmed write-back posts nothing: the DAL refuses, and a stray job is a no-op.
    const writesBefore = erp.state.writeLog.length;
    await expectAppError(mod.dal.retryWriteBack(await viewer(approverId), { writeBackId }), "CONFLICT", /already confirmed/);
    assert.equal((await send(writeBackId)).outcome, "SKIPPED");
    assert.equal(erp.state.writeLog.length, writesBefore);
    assert.equal(inventoryMovesNamed(actionId).length, 1);
    assert.deepEqual(await mod.verify(mod.prisma), { ok: true, rows: await mod.prisma.auditEntry.count() });
  });

  it("a lost response (Odoo applied the adjustment, the connection dropped) then a retry → still one posting", async () => {
    const { caseId, actionId, writeBackId } = await approvedCase({ type: "ADJUST", payload: { quantity: 5 }, siteCode: "AW-SEATTLE", sku: "CA-5965" });
    erp.state.loseResponseOf("stock.quant.action_apply_inventory");
    const first = await send(writeBackId);
    assert.equal(first.outcome, "RETRY_SCHEDULED", JSON.stringify(first));
    assert.equal(inventoryMovesNamed(actionId).length, 1, "the source did apply it");
    assert.ok(erp.state.requestLog.some((r) => r.detail === "stock.quant.action_apply_inventory (applied, response lost)"));

    advance(mod.job.writeBackBackoffMs(1));
    const second = await send(writeBackId);
    assert.equal(second.outcome, "CONFIRMED");
    const moves = inventoryMovesNamed(actionId);
    assert.equal(moves.length, 1, "the retry found the move by its idempotency key instead of adjusting again");
    const wb = await mod.prisma.writeBack.findUniqueOrThrow({ where: { id: writeBackId } });
    assert.equal(wb.externalRef, `stock.move/${moves[0].id}`);
    assert.equal((wb.response as { alreadyApplied?: boolean }).alreadyApplied, true);
    assert.equal(erp.state.writeLog.filter((w) => w.method === "action_apply_inventory" && (w.context as { inventory_name?: string }).inventory_name === `Exception Workbench ${actionId}`).length, 1);
    assert.equal((await mod.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).status, "RESOLVED");
  });

  it("final failure after N attempts: FAILED, case flagged, requester and approver notified; Retry re-sends the same key once", async () => {
    const line = await mod.prisma.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrder: { number: "P00001" } }, include: { item: true, purchaseOrder: { include: { location: true } } }, orderBy: { lineNo: "asc" } });
    const { caseId, actionId, writeBackId } = await approvedCase({ type: "EXPEDITE", payload: { quantity: 3, targetDate: "2025-04-01" }, siteCode: line.purchaseOrder.location.code, sku: line.item.sku, causeKey: `poline:${line.id}` });
    erp.state.failNext(2, 503);
    assert.equal((await send(writeBackId, { maxAttempts: 2 })).outcome, "RETRY_SCHEDULED");
    advance(mod.job.writeBackBackoffMs(1));
    const final = await send(writeBackId, { maxAttempts: 2 });
    assert.equal(final.outcome, "FAILED");
    assert.match(final.outcome === "FAILED" ? final.error : "", /gave up after 2 attempts/);

    const wb = await mod.prisma.writeBack.findUniqueOrThrow({ where: { id: writeBackId } });
    assert.deepEqual([wb.status, wb.attempts, wb.nextAttemptAt], ["FAILED", 2, null]);
    assert.ok(wb.failedAt && wb.lastError?.includes("503"));
    const flagged = await mod.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    assert.equal(flagged.status, "ACTION_APPROVED", "the case waits: nothing is lost");
    assert.ok(flagged.writeBackFailedAt);
    const notes = await mod.prisma.notification.findMany({ where: { caseId, kind: "WRITE_BACK_FAILED" } });
    assert.deepEqual(notes.map((n) => n.userId).sort(), [approverId, requesterId].sort());
    assert.equal(notes[0].link, `/cases/${caseId}`);
    const lastEvent = await mod.prisma.caseEvent.findFirstOrThrow({ where: { caseId, type: "WRITE_BACK_FAILED" }, orderBy: { createdAt: "desc" } });
    assert.equal((lastEvent.data as { final: boolean }).final, true);
    assert.equal(erp.state.writeLog.filter((w) => w.target === "purchase.order.line" && w.ids.includes(line.lineNo)).length, 0);

    // The requester (planner) may not retry; the supervisor may.
    await expectAppError(mod.dal.retryWriteBack(await viewer(requesterId), { writeBackId }), "FORBIDDEN");
    const retried = await mod.dal.retryWriteBack(await viewer(approverId), { writeBackId });
    assert.equal(retried.writeBackId, writeBackId);
    const requeued = await mod.prisma.writeBack.findUniqueOrThrow({ where: { id: writeBackId } });
    assert.deepEqual([requeued.status, requeued.attempts, requeued.idempotencyKey], ["QUEUED", 0, actionId]);
    // The retry asked a worker to send it: one pg-boss job, singleton per write-back.
    const jobs = await mod.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'writeback.send' AND singleton_key = $1`, writeBackId);
    assert.equal(jobs[0].n, 1);

    const sent = await send(writeBackId);
    assert.equal(sent.outcome, "CONFIRMED");
    assert.equal(erp.state.writeLog.filter((w) => w.target === "purchase.order.line" && w.ids.includes(line.lineNo)).length, 1);
    const resolved = await mod.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([resolved.status, resolved.resolutionCode, resolved.writeBackFailedAt], ["RESOLVED", "ACTION_CONFIRMED", null]);
    const audit = (await mod.prisma.auditEntry.findMany({ where: { caseId }, orderBy: { seq: "asc" } })).map((a) => a.action);
    assert.ok(audit.includes("writeback.failed") && audit.includes("writeback.retried") && audit.at(-1) === "case.resolved", audit.join(","));
  });

  it("the sweep re-sends due rows and recovers an attempt a crashed worker left in flight", async () => {
    const { writeBackId } = await approvedCase({ type: "ADJUST", payload: { quantity: 2 }, siteCode: "AW-BOTHELL", sku: "BA-8327" });
    // A worker claimed it, then died before the source answered.
    await mod.prisma.writeBack.update({ where: { id: writeBackId }, data: { status: "SENT", attempts: 1, sentAt: new Date(clockMs - mod.sweep.STUCK_SENT_AFTER_MS - 1000) } });
    const sentIds: string[] = [];
    const summary = await mod.sweep.sweepWriteBacks(mod.prisma, async (id) => sentIds.push(id), now());
    assert.equal(summary.requeued, 1);
    assert.ok(sentIds.includes(writeBackId));
    assert.equal((await send(writeBackId)).outcome, "CONFIRMED");
  });
});

describe("sources without an ERP behind them", () => {
  it("a source that cannot receive write-backs fails at once with a clear message; a supervisor closes the case with a reason", async () => {
    const db = mod.prisma;
    await db.dataSource.create({ data: { code: "CSV-DROP", name: "CSV drop", kind: "csv" } });
    const item = await db.item.create({ data: { sku: "CSV-ITEM-1", name: "CSV item", unitCost: 2, unitPrice: 3, abcClass: "B", sourceSystem: "CSV-DROP" } });
    const site = await db.location.findUniqueOrThrow({ where: { code: "AW-BOTHELL" } });
    await db.inventoryBalance.create({ data: { itemId: item.id, locationId: site.id, onHand: 4, sourceUpdatedAt: new Date(), sourceSystem: "CSV-DROP" } });
    const { caseId, writeBackId } = await approvedCase({ type: "RECOUNT", payload: { quantity: 4 }, siteCode: "AW-BOTHELL", sku: "CSV-ITEM-1" });

    const wb = await db.writeBack.findUniqueOrThrow({ where: { id: writeBackId } });
    assert.equal(wb.status, "FAILED", "not silently confirmed");
    assert.match(wb.lastError ?? "", /CSV-DROP \(csv\).*this source cannot receive write-backs; close the case with a reason/);
    assert.ok((await db.case.findUniqueOrThrow({ where: { id: caseId } })).writeBackFailedAt);
    assert.equal(await db.notification.count({ where: { caseId, kind: "WRITE_BACK_FAILED" } }), 2);
    assert.equal((await send(writeBackId)).outcome, "SKIPPED", "a job for it sends nothing");

    const sup = await viewer(approverId);
    await expectAppError(mod.dal.retryWriteBack(sup, { writeBackId }), "CONFLICT", /cannot receive write-backs/);
    await expectAppError(mod.dal.closeCaseWithoutConfirmation(await viewer(requesterId), { caseId, reason: "posted by hand in the WMS" }), "FORBIDDEN");
    const closed = await mod.dal.closeCaseWithoutConfirmation(sup, { caseId, reason: "posted by hand in the WMS" });
    assert.equal(closed.status, "RESOLVED");
    const c = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([c.status, c.resolutionCode, c.resolutionReason, c.writeBackFailedAt], ["RESOLVED", "CLOSED_WITHOUT_CONFIRMATION", "posted by hand in the WMS", null]);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { caseId, action: "case.closed_without_confirmation" } });
    assert.deepEqual([audit.actorId, audit.reason], [approverId, "posted by hand in the WMS"]);
    await expectAppError(mod.dal.closeCaseWithoutConfirmation(sup, { caseId, reason: "again please" }), "CONFLICT");
  });

  it("closing a case stops a write-back still waiting, so it cannot post afterwards", async () => {
    const { caseId, writeBackId } = await approvedCase({ type: "ADJUST", payload: { quantity: 1 }, siteCode: "AW-BOTHELL", sku: "BE-2908" });
    await mod.dal.closeCaseWithoutConfirmation(await viewer(approverId), { caseId, reason: "adjusted in Odoo directly" });
    const wb = await mod.prisma.writeBack.findUniqueOrThrow({ where: { id: writeBackId } });
    assert.equal(wb.status, "FAILED");
    assert.match(wb.lastError ?? "", /closed the case without confirmation/);
    assert.equal((await send(writeBackId)).outcome, "SKIPPED");
    assert.deepEqual((await eventTypes(caseId)).slice(-2), ["WRITE_BACK_CANCELLED", "RESOLVED"]);
  });

  it("demo source: the posting is an outbound raw payload, idempotent by key", async () => {
    const db = mod.prisma;
    const demo = await db.dataSource.create({ data: { code: "demo-aw", name: "Demo AW", kind: "demo", config: { reportsFor: "demo-aw" } } });
    const item = await db.item.create({ data: { sku: "DEMO-ITEM-1", name: "Demo item", unitCost: 2, unitPrice: 3, abcClass: "A", sourceSystem: "demo-aw" } });
    const seattle = await db.location.findUniqueOrThrow({ where: { code: "AW-SEATTLE" } });
    const bothell = await db.location.findUniqueOrThrow({ where: { code: "AW-BOTHELL" } });
    await db.inventoryBalance.create({ data: { itemId: item.id, locationId: seattle.id, onHand: 50, sourceUpdatedAt: new Date(), sourceSystem: "demo-aw" } });
    await db.inventoryBalance.create({ data: { itemId: item.id, locationId: bothell.id, onHand: 0, sourceUpdatedAt: new Date(), sourceSystem: "demo-aw" } });
    const { caseId, actionId, writeBackId } = await approvedCase({ type: "TRANSFER", payload: { quantity: 12, fromLocationId: seattle.id }, siteCode: "AW-BOTHELL", sku: "DEMO-ITEM-1" });
    const result = await send(writeBackId);
    assert.equal(result.outcome, "CONFIRMED");
    const out = await db.rawPayload.findMany({ where: { sourceId: demo.id, direction: "OUT" } });
    assert.equal(out.length, 1);
    assert.equal(out[0].idempotencyKey, `writeback:${actionId}`);
    const document = JSON.parse(Buffer.from(out[0].body!).toString("utf8")) as { documentNo: string; lines: Record<string, unknown> };
    assert.deepEqual([document.lines.sku, document.lines.fromLocationCode, document.lines.toLocationCode, document.lines.quantity], ["DEMO-ITEM-1", "AW-SEATTLE", "AW-BOTHELL", 12]);
    assert.equal(result.outcome === "CONFIRMED" && result.externalRef, document.documentNo);
    assert.equal((await db.case.findUniqueOrThrow({ where: { id: caseId } })).resolutionCode, "ACTION_CONFIRMED");

    // The adapter called again with the same key returns the first posting.
    const ctx = { config: mod.demo.demoConfigSchema.parse({ reportsFor: "demo-aw" }), secrets: {}, fetch, documents: mod.context.outboundDocuments(db, demo.id) };
    const wbRequest = (await db.writeBack.findUniqueOrThrow({ where: { id: writeBackId } })).request as { type: "TRANSFER"; payload: Record<string, unknown> };
    const again = await mod.demo.demoAdapter.writeBack!(ctx, { idempotencyKey: actionId, type: wbRequest.type, payload: wbRequest.payload });
    assert.equal(again.externalRef, document.documentNo);
    assert.equal((again.response as { alreadyApplied: boolean }).alreadyApplied, true);
    assert.equal(await db.rawPayload.count({ where: { sourceId: demo.id, direction: "OUT" } }), 1);
  });
});

describe("detection and unconfirmed write-backs", () => {
  it("a cleared condition does not resolve an ACTION_APPROVED case whose write-back is unconfirmed", async () => {
    const waiting = await approvedCase({ type: "ADJUST", payload: { quantity: 1 }, siteCode: "AW-SEATTLE", sku: "CA-6738" });
    const failed = await approvedCase({ type: "ADJUST", payload: { quantity: 1 }, siteCode: "AW-SEATTLE", sku: "CA-7457" });
    await mod.prisma.$transaction((tx) => tx.writeBack.update({ where: { id: failed.writeBackId }, data: { status: "FAILED" } }));
    const item = await mod.prisma.item.findUniqueOrThrow({ where: { sku: "CB-2903" } });
    const site = await mod.prisma.location.findUniqueOrThrow({ where: { code: "AW-SEATTLE" } });
    const open = await mod.prisma.case.create({
      data: { causeKey: `itemloc:${item.id}:${site.id}`, title: "open", primaryType: "STOCKOUT_NOW", siteId: site.id, itemId: item.id, severity: "LOW", score: 1, serviceExposure: 1, financialExposure: 0, urgency: 0, confidence: 1, explanation: {}, configVersion: 1, dataAsOf: new Date(), slaDueAt: new Date(Date.now() + 86_400_000) },
    });
    // A full detection run that finds nothing: every open case's condition has cleared.
    await mod.persist.persistCaseDrafts(mod.prisma, [], new Date());
    const status = async (id: string) => (await mod.prisma.case.findUniqueOrThrow({ where: { id } })).status;
    assert.equal(await status(open.id), "RESOLVED");
    assert.equal(await status(waiting.caseId), "ACTION_APPROVED");
    assert.equal(await status(failed.caseId), "ACTION_APPROVED");
  });
});
