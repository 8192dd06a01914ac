/**
 * Chaos: PostgreSQL is crashed (SIGQUIT to the postmaster, then crash recovery) in the middle of a CSV import, a pull
 * sync and a write-back, on a server this process owns (lib/cli/database.ts `restart`). Each scenario then does what
 * the system does after such a crash — the pg-boss job retry, the write-back sweep — and checks the outcome against a
 * control run of the same input without the crash: every record present exactly once (counted by natural key), the
 * import reported what was left to replay, and the source ERP saw each write-back posted once.
 * Used by `npm run chaos` (scripts/chaos.ts) and by lib/testing/chaos/chaos.test.ts.
 */
import { createReadStream, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { EmbeddedInstance } from "@/lib/cli/database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { FILE_PRESETS } from "@/lib/adapters/csv/presets";
import { sharedData } from "@/lib/testing/shared-data";
import type { FakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { fakeOdooContext } from "@/lib/adapters/testing/adapter-contexts";
import { storePayloadStream } from "@/lib/server/ingest/store-payload";
import { processPayload } from "@/lib/server/ingest/process-payload";
import { createRun } from "@/lib/server/ingest/sync-runs";
import { runPullSync } from "@/lib/server/ingest/run-sync";
import { encryptSecrets } from "@/lib/server/ingest/secrets";
import { queueWriteBack } from "@/lib/server/writeback/queue-write-back";
import { sendWriteBack } from "@/lib/server/jobs/write-back-job";
import { STUCK_SENT_AFTER_MS, sweepWriteBacks } from "@/lib/server/jobs/write-back-sweep-job";

export type ScenarioResult = { name: string; figures: Record<string, string | number>; problems: string[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `fn` the way pg-boss retries a failed job (a few times, a pause between), counting the attempts. */
async function asJobRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<{ value: T; attempts: number }> {
  for (let i = 1; ; i++) {
    try {
      return { value: await fn(), attempts: i };
    } catch (e) {
      if (i >= attempts) throw e;
      await sleep(200);
    }
  }
}

async function count(url: string, sql: string, values: unknown[] = []): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql, values)).rows[0].n);
  } finally {
    await c.end();
  }
}

/** Rows per canonical table and how many distinct natural keys they hold (equal = no duplicate). */
const NATURAL_KEYS: Record<string, string> = {
  Location: `code`,
  Supplier: `code`,
  Item: `sku`,
  InventoryBalance: `"itemId", "locationId"`,
  PurchaseOrder: `number`,
  PurchaseOrderLine: `"purchaseOrderId", "lineNo"`,
  QuarantinedRecord: `"payloadId", position, entity, status`,
};

async function tableCounts(url: string): Promise<Record<string, { rows: number; keys: number }>> {
  const out: Record<string, { rows: number; keys: number }> = {};
  for (const [table, key] of Object.entries(NATURAL_KEYS)) {
    const where = table === "QuarantinedRecord" ? `WHERE status = 'OPEN'` : "";
    out[table] = {
      rows: await count(url, `SELECT count(*) AS n FROM "${table}" ${where}`),
      keys: await count(url, `SELECT count(*) AS n FROM (SELECT DISTINCT ${key} FROM "${table}" ${where}) k`),
    };
  }
  return out;
}

function compareCounts(label: string, got: Record<string, { rows: number; keys: number }>, want: Record<string, { rows: number; keys: number }>, problems: string[]) {
  for (const [table, g] of Object.entries(got)) {
    if (g.rows !== g.keys) problems.push(`${label}: ${table} holds ${g.rows} rows for ${g.keys} natural keys (duplicates)`);
    if (g.rows !== want[table].rows) problems.push(`${label}: ${table} has ${g.rows} rows, the control run ${want[table].rows}`);
  }
}

// ─── CSV import ────────────────────────────────────────────────────────────────────────────────

const AW_DIR = () => path.join(sharedData("tables"), "adventureworks");

/** The AdventureWorks presets in import order, each with its real file. */
function awFiles() {
  const files = readdirSync(AW_DIR());
  return FILE_PRESETS.filter((p) => p.set === "adventureworks")
    .sort((a, b) => a.importOrder - b.importOrder)
    .map((preset) => ({ preset, fileName: files.find((f) => preset.fileNamePattern.test(f))!, companions: preset.enrichment ? files.filter((f) => preset.enrichment!.fileNamePattern.test(f)) : [] }));
}

/** Imports the AdventureWorks tables as the upload path does (store raw, then process), optionally crashing in `crashIn`. */
async function importAw(db: PrismaClient, sourceCode: string, hooks: { beforeProcess?: (presetId: string, payloadId: string) => Promise<void> } = {}) {
  const source = await db.dataSource.create({ data: { code: sourceCode, name: sourceCode, kind: "csv" } });
  const importedAt = new Date("2026-11-25T08:00:00Z");
  const payloads: { presetId: string; payloadId: string; runId: string }[] = [];
  for (const { preset, fileName, companions } of awFiles()) {
    for (const companion of companions) {
      await storePayloadStream(db, { sourceId: source.id, kind: "file", contentType: "text/csv", fileName: companion }, createReadStream(path.join(AW_DIR(), companion)));
    }
    const run = await createRun(db, source.id, "upload", null, { fileName });
    const stored = await storePayloadStream(db, { sourceId: source.id, runId: run.id, kind: "file", contentType: "text/csv", fileName }, createReadStream(path.join(AW_DIR(), fileName)));
    payloads.push({ presetId: preset.id, payloadId: stored.id, runId: run.id });
    await hooks.beforeProcess?.(preset.id, stored.id);
    await processPayload(db, stored.id, run.id, { mapping: preset.mapping, presetId: preset.id, importedAt });
  }
  return { sourceId: source.id, payloads };
}

/**
 * A CSV import (the real AdventureWorks tables) with PostgreSQL crashed while PurchaseOrderDetail.csv (8,845 lines,
 * two batches) is being written: after the first batch committed, before the second. A statement trigger holds each
 * PO-line insert for a moment so the crash reliably lands between the batches however fast the machine is.
 */
export async function csvImportRestart(cluster: EmbeddedInstance, urls: { chaos: string; control: string }): Promise<ScenarioResult> {
  const problems: string[] = [];
  const control = createPrismaClient(urls.control);
  try {
    await importAw(control, "AW-CSV");
  } finally {
    await control.$disconnect();
  }
  const want = await tableCounts(urls.control);

  const db = createPrismaClient(urls.chaos);
  const admin = new pg.Client({ connectionString: urls.chaos });
  await admin.connect();
  await admin.query(`CREATE FUNCTION chaos_hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1.5); RETURN NULL; END $$`);
  await admin.query(`CREATE TRIGGER chaos_hold AFTER INSERT ON "PurchaseOrderLine" FOR EACH STATEMENT EXECUTE FUNCTION chaos_hold()`);
  await admin.end();
  let crashedAtRows = -1;
  let crashedPayload: string | null = null;
  const started = performance.now();
  const firstRun = importAw(db, "AW-CSV", {
    beforeProcess: async (presetId, payloadId) => {
      if (presetId !== "aw-po-detail") return;
      crashedPayload = payloadId;
      // Crash once the first batch of PO lines is committed (seen from another connection).
      void (async () => {
        for (;;) {
          const n = await count(urls.chaos, `SELECT count(*) AS n FROM "PurchaseOrderLine"`).catch(() => 0);
          if (n > 0) {
            crashedAtRows = n;
            await cluster.restart!({ mode: "immediate", downMs: 500 });
            return;
          }
          await sleep(25);
        }
      })();
    },
  });
  const firstError = await firstRun.then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
  if (!firstError) problems.push("the import finished although PostgreSQL was crashed in its middle");
  // Wait until the server is back (the crash was started from the hook).
  for (let i = 0; i < 200; i++) {
    if (await count(urls.chaos, "SELECT 1 AS n").then(() => true, () => false)) break;
    await sleep(50);
  }
  // What an operator sees after the crash: which payloads did not finish, and how far they got.
  const unfinished = await asJobRetry(() =>
    db.rawPayload.findMany({ where: { source: { code: "AW-CSV" }, status: { not: "PROCESSED" }, kind: "file", runId: { not: null } }, select: { id: true, fileName: true, status: true, runId: true } }),
  );
  const toReplay = unfinished.value;
  const poLinesBefore = await count(urls.chaos, `SELECT count(*) AS n FROM "PurchaseOrderLine"`);
  if (toReplay.length !== 1 || toReplay[0].id !== crashedPayload) {
    problems.push(`expected exactly the crashed file to be left to replay, found ${JSON.stringify(toReplay.map((p) => `${p.fileName} ${p.status}`))}`);
  }
  const runsRunning = await count(urls.chaos, `SELECT count(*) AS n FROM "SyncRun" WHERE status = 'RUNNING'`);

  // Resume: the ingest.payload job retry processes the stored payload again, then the remaining file(s).
  const admin2 = new pg.Client({ connectionString: urls.chaos });
  await admin2.connect();
  await admin2.query(`DROP TRIGGER chaos_hold ON "PurchaseOrderLine"`);
  await admin2.end();
  const files = awFiles();
  const detailIndex = files.findIndex((f) => f.preset.id === "aw-po-detail");
  let resumeAttempts = 0;
  for (const p of toReplay) {
    const preset = files.find((f) => f.preset.id === "aw-po-detail")!.preset;
    const r = await asJobRetry(() => processPayload(db, p.id, p.runId, { mapping: preset.mapping, presetId: preset.id, importedAt: new Date("2026-11-25T08:00:00Z") }));
    resumeAttempts += r.attempts;
  }
  // Files after the crashed one were never uploaded (the upload stopped with the crash): upload them now.
  const source = await db.dataSource.findUniqueOrThrow({ where: { code: "AW-CSV" } });
  for (const { preset, fileName } of files.slice(detailIndex + 1)) {
    const run = await createRun(db, source.id, "upload", null, { fileName });
    const stored = await storePayloadStream(db, { sourceId: source.id, runId: run.id, kind: "file", contentType: "text/csv", fileName }, createReadStream(path.join(AW_DIR(), fileName)));
    await processPayload(db, stored.id, run.id, { mapping: preset.mapping, presetId: preset.id, importedAt: new Date("2026-11-25T08:00:00Z") });
  }
  await db.$disconnect();
  const got = await tableCounts(urls.chaos);
  compareCounts("csv import", got, want, problems);
  const unprocessed = await count(urls.chaos, `SELECT count(*) AS n FROM "RawPayload" WHERE status <> 'PROCESSED' AND "runId" IS NOT NULL`);
  if (unprocessed !== 0) problems.push(`${unprocessed} payloads still unprocessed after the resume`);
  return {
    name: "CSV import (AdventureWorks, PostgreSQL crashed mid PurchaseOrderDetail.csv)",
    figures: {
      "first run ended with": clip(firstError ?? "success"),
      "PO lines committed when crashed": crashedAtRows,
      "PO lines present after restart": poLinesBefore,
      "left to replay": toReplay.map((p) => `${p.fileName} (payload ${p.id}, ${p.status}, run ${p.runId})`).join("; ") || "none",
      "runs left RUNNING": runsRunning,
      "replay job attempts": resumeAttempts,
      "PO lines after resume / control": `${got.PurchaseOrderLine.rows} / ${want.PurchaseOrderLine.rows}`,
      "open quarantine after resume / control": `${got.QuarantinedRecord.rows} / ${want.QuarantinedRecord.rows}`,
      "seconds": ((performance.now() - started) / 1000).toFixed(1),
    },
    problems,
  };
}

// ─── pull sync ─────────────────────────────────────────────────────────────────────────────────

async function createOdooSource(db: PrismaClient, erp: FakeErpServer) {
  const ctx = fakeOdooContext(erp.url, { pageSize: 3 });
  return db.dataSource.create({ data: { code: "ODOO-AW", name: "Odoo AW", kind: "odoo", config: ctx.config as object, secretCiphertext: encryptSecrets(ctx.secrets) } });
}

/**
 * A pull sync from the fake Odoo (3 records a page, every answer 120 ms late) with PostgreSQL crashed once a few pages
 * are stored; the ingest.sync job retry then runs the same SyncRun again from the last committed cursor.
 */
export async function syncRestart(cluster: EmbeddedInstance, erp: FakeErpServer, urls: { chaos: string; control: string }): Promise<ScenarioResult> {
  const problems: string[] = [];
  const control = createPrismaClient(urls.control);
  try {
    const src = await createOdooSource(control, erp);
    const run = await createRun(control, src.id, "manual", null);
    await runPullSync(control, run.id, { fetch });
  } finally {
    await control.$disconnect();
  }
  const want = await tableCounts(urls.control);
  const wantPages = await count(urls.control, `SELECT count(*) AS n FROM "RawPayload" p JOIN "DataSource" s ON s.id = p."sourceId" WHERE s.code = 'ODOO-AW'`);

  const db = createPrismaClient(urls.chaos);
  const started = performance.now();
  const src = await createOdooSource(db, erp);
  const run = await createRun(db, src.id, "manual", null);
  erp.state.slowNext(10_000, 120);
  let pagesAtCrash = -1;
  const crasher = (async () => {
    for (;;) {
      const n = await count(urls.chaos, `SELECT count(*) AS n FROM "RawPayload" WHERE "runId" = $1`, [run.id]).catch(() => 0);
      if (n >= 4) {
        pagesAtCrash = n;
        await cluster.restart!({ mode: "immediate", downMs: 500 });
        return;
      }
      await sleep(20);
    }
  })();
  const firstError = await runPullSync(db, run.id, { fetch }).then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
  await crasher;
  erp.state.clearFaults();
  if (!firstError) problems.push("the sync finished although PostgreSQL was crashed in its middle");
  const cursorAfterCrash = await asJobRetry(() => db.dataSource.findUniqueOrThrow({ where: { id: src.id }, select: { cursor: true } }));
  const retry = await asJobRetry(() => runPullSync(db, run.id, { fetch }));
  const finished = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
  await db.$disconnect();
  const got = await tableCounts(urls.chaos);
  compareCounts("sync", got, want, problems);
  const pages = await count(urls.chaos, `SELECT count(*) AS n FROM "RawPayload" WHERE "sourceId" = $1`, [src.id]);
  const dupPages = await count(urls.chaos, `SELECT count(*) AS n FROM (SELECT sha256 FROM "RawPayload" WHERE "sourceId" = $1 GROUP BY sha256 HAVING count(*) > 1) d`, [src.id]);
  if (dupPages) problems.push(`${dupPages} pages stored twice`);
  // Page counts may differ by one: a resumed pull pages from the committed cursor, so its page boundaries can shift.
  if (!["SUCCEEDED", "PARTIAL"].includes(finished.status)) problems.push(`the retried run ended ${finished.status}: ${finished.error}`);
  return {
    name: "Pull sync (fake Odoo, PostgreSQL crashed after 4 pages)",
    figures: {
      "first run ended with": clip(firstError ?? "success"),
      "pages stored when crashed": pagesAtCrash,
      "cursor after the crash": JSON.stringify(cursorAfterCrash.value.cursor),
      "retry attempts": retry.attempts,
      "retried run": `${finished.status}, ${retry.value.pages} pages read again`,
      "pages stored / control": `${pages} / ${wantPages}`,
      "balances / PO lines vs control": `${got.InventoryBalance.rows}/${want.InventoryBalance.rows}, ${got.PurchaseOrderLine.rows}/${want.PurchaseOrderLine.rows}`,
      "seconds": ((performance.now() - started) / 1000).toFixed(1),
    },
    problems,
  };
}

// ─── write-back ────────────────────────────────────────────────────────────────────────────────

/**
 * An approved ADJUST queued in the outbox and sent to the fake Odoo, which applies it and answers 800 ms later;
 * PostgreSQL is crashed right after Odoo applied it and stays down past the answer, so the CONFIRMED cannot be
 * recorded. The write-back sweep later re-queues the attempt left SENT and sends it again with the same idempotency
 * key: Odoo must hold exactly one inventory adjustment for the action, and the case ends RESOLVED.
 * Needs the ODOO-AW master data of `syncRestart` in the chaos database.
 */
export async function writeBackRestart(cluster: EmbeddedInstance, erp: FakeErpServer, url: string): Promise<ScenarioResult> {
  const problems: string[] = [];
  const db = createPrismaClient(url);
  const started = performance.now();
  const site = await db.location.findUniqueOrThrow({ where: { code: "AW-BOTHELL" } });
  const item = await db.item.findUniqueOrThrow({ where: { sku: "AR-5381" } });
  const requester = await db.user.create({ data: { email: `chaos-req-${Date.now()}@test.local`, name: "Requester", role: "planner" } });
  const approver = await db.user.create({ data: { email: `chaos-sup-${Date.now()}@test.local`, name: "Approver", role: "supervisor" } });
  const c = await db.case.create({
    data: {
      causeKey: `chaos:writeback:${Date.now()}`, title: "Chaos write-back", primaryType: "CYCLE_COUNT_VARIANCE", siteId: site.id, itemId: item.id, severity: "HIGH",
      score: 100, serviceExposure: 80, financialExposure: 20, urgency: 0.5, confidence: 1, explanation: {}, configVersion: 1, status: "ACTION_APPROVED",
      dataAsOf: new Date(), slaDueAt: new Date(Date.now() + 86_400_000),
    },
  });
  const action = await db.caseAction.create({
    data: {
      caseId: c.id, type: "ADJUST", status: "APPROVED", payload: { quantity: 8 }, valueUsd: 100, note: "chaos", requestedById: requester.id, decidedById: approver.id, decidedAt: new Date(), policyVersion: 1,
      approvals: { create: [{ revision: 1, level: 1, decision: "APPROVED", deciderId: approver.id, deciderRole: "supervisor", policyVersion: 1 }] },
    },
  });
  const queued = await db.$transaction((tx) => queueWriteBack(tx, { actionId: action.id }));
  if (!queued) throw new Error("the approved action was not queued for write-back");
  const postings = () => erp.state.writeLog.filter((w) => w.method === "action_apply_inventory").length;
  const moves = () => erp.state.odooRows("stock.move").filter((m) => m.is_inventory === true && String(m.name).startsWith(`Exception Workbench ${action.id}`)).length;
  const postingsBefore = postings();

  // Odoo applies the adjustment at once and answers 800 ms later; the crash comes right after it applied, and the
  // server stays down past the answer, so the worker cannot record what Odoo did.
  erp.state.delayResponseOf("stock.quant.action_apply_inventory", 800);
  const crash = (async () => {
    while (postings() === postingsBefore) await sleep(5);
    await cluster.restart!({ mode: "immediate", downMs: 1200 });
  })();
  const first = await sendWriteBack(db, queued.writeBackId, { fetch }).then((o) => o.outcome as string, (e: unknown) => `threw: ${clip(e instanceof Error ? e.message : String(e))}`);
  await crash;
  const afterCrash = await asJobRetry(() => db.writeBack.findUniqueOrThrow({ where: { id: queued.writeBackId } }));
  const movesAfterFirst = moves();
  // The sweep, run as if 15 minutes had passed, puts the SENT attempt back and sends it again (same key).
  const later = new Date(Date.now() + STUCK_SENT_AFTER_MS + 60_000);
  const outcomes: string[] = [];
  const sweep = await asJobRetry(() => sweepWriteBacks(db, async (id) => outcomes.push((await sendWriteBack(db, id, { fetch, now: () => later })).outcome), later));
  const final = await db.writeBack.findUniqueOrThrow({ where: { id: queued.writeBackId } });
  const caseAfter = await db.case.findUniqueOrThrow({ where: { id: c.id }, select: { status: true } });
  await db.$disconnect();
  if (moves() !== 1) problems.push(`Odoo holds ${moves()} inventory adjustments for the action (want exactly 1)`);
  if (final.status !== "CONFIRMED") problems.push(`write-back ended ${final.status}: ${final.lastError}`);
  if (caseAfter.status !== "RESOLVED") problems.push(`case ended ${caseAfter.status}`);
  return {
    name: "Write-back (fake Odoo ADJUST, PostgreSQL crashed while the call was in flight)",
    figures: {
      "first attempt": first,
      "row after the crash": `${afterCrash.value.status}, attempts ${afterCrash.value.attempts}`,
      "Odoo adjustments after the first attempt": movesAfterFirst,
      "sweep": `requeued ${sweep.value.requeued}, sent ${sweep.value.sent} (${outcomes.join(", ")})`,
      "final": `${final.status} after ${final.attempts} attempts; case ${caseAfter.status}`,
      "Odoo adjustments for the action": moves(),
      "Odoo inventory postings during the scenario": postings() - postingsBefore,
      "seconds": ((performance.now() - started) / 1000).toFixed(1),
    },
    problems,
  };
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > 160 ? `${one.slice(0, 157)}...` : one;
}
