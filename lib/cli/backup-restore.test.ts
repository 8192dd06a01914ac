/**
 * Integration: back up a live database while a writer keeps appending audit rows, restore it into a
 * new database with the real CLI commands (pg_dump / pg_restore, version-matched), and check the copy:
 * the audit chain verifies, the static tables match exactly, and the tables the writer touched show
 * one consistent moment (each writer transaction adds one CaseEvent and one AuditEntry, so a torn copy
 * would show different numbers of them).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { KEY_TABLES, countKeyTables, restoreDatabase } from "@/lib/cli/backup-restore";
import { dropDatabase, ROOT, splitDatabaseUrl } from "@/lib/cli/database";
import { findPgTool } from "@/lib/cli/pg-tools";

let db: TestDatabase;
let prisma: PrismaClient;
let restoredUrl: string;
const dir = mkdtempSync(path.join(tmpdir(), "wb-backup-"));
const WRITER_EVENT = "OPS_BACKUP_TEST";

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  prisma = createPrismaClient(db.url);
  const { serverUrl } = splitDatabaseUrl(db.url);
  restoredUrl = `${serverUrl}/${process.env.WB_TEST_RUN}_restored_${randomBytes(3).toString("hex")}`;
});

after(async () => {
  const queue = (globalThis as unknown as { workbenchQueue?: Promise<PgBoss> }).workbenchQueue;
  if (queue) await (await queue).stop({ graceful: false, wait: true }).catch(() => {});
  await prisma?.$disconnect();
  const { serverUrl, database } = splitDatabaseUrl(restoredUrl);
  await dropDatabase(serverUrl, database).catch(() => {});
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["lib/cli/db-backup.ts", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Approvals through the real DAL: proposals decided by a supervisor, each with its audit rows. */
async function approveSomeActions() {
  const { loadViewer } = await import("@/lib/server/auth/load-viewer");
  const actions = await import("@/lib/server/dal/case-actions");
  const planner = (await loadViewer(prisma, "usr_planner"))!;
  const supervisor = (await loadViewer(prisma, "usr_supervisor"))!;
  const cases = await prisma.case.findMany({ where: { status: "OPEN", site: { code: { in: ["DC-ATL", "DC-NJ"] } }, itemId: { not: null } }, orderBy: { score: "desc" }, take: 3 });
  for (const c of cases) {
    const proposed = await actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 2, note: "Count before the backup test" });
    if (proposed.status === "PENDING_APPROVAL") await actions.decideAction(supervisor, { actionId: proposed.id, decision: "APPROVE" });
  }
  return cases[0].id;
}

test("a backup taken while audit rows are being appended restores into a new database whose audit chain verifies", async () => {
  const caseId = await approveSomeActions();
  assert.ok((await prisma.actionApproval.count()) >= 1);

  // The writer: one CaseEvent + one chained AuditEntry per transaction, as fast as it can, until told to stop.
  let stop = false;
  let written = 0;
  let writtenDuringBackup = 0;
  let backingUp = false;
  const writer = (async () => {
    while (!stop) {
      await prisma.$transaction(async (tx) => {
        await tx.caseEvent.create({ data: { id: randomUUID(), caseId, type: WRITER_EVENT, data: { n: written } } });
        await appendAudit(tx, [{ actorId: null, actorRole: "system", action: "ops.backup_test", entityType: "Case", entityId: caseId, caseId, after: { n: written } }]);
      });
      written++;
      if (backingUp) writtenDuringBackup++;
    }
  })();
  while (written < 20) await new Promise((r) => setTimeout(r, 10));

  const before = await countKeyTables(db.url);
  const file = path.join(dir, "workbench.dump");
  backingUp = true;
  const backup = await cli(["backup", file]);
  backingUp = false;
  // Let the writer go on a little after the dump, then stop it: the source moves past the snapshot.
  await new Promise((r) => setTimeout(r, 200));
  stop = true;
  await writer;
  const afterCounts = await countKeyTables(db.url);
  assert.equal(backup.code, 0, backup.output);
  assert.match(backup.output, /Backup of postgresql:\/\/.*written to .*workbench\.dump: [\d.]+ MiB in [\d.]+ s \(.*pg_dump, PostgreSQL 15\)/);
  assert.ok(!backup.output.includes(":workbench@"), "the password is masked in messages");
  assert.ok(statSync(file).size > 100_000);
  assert.ok(writtenDuringBackup > 0, "the writer committed rows while pg_dump ran");

  const restore = await cli(["restore", file, `--target-url=${restoredUrl}`]);
  assert.equal(restore.code, 0, restore.output);
  assert.match(restore.output, /Audit chain OK: \d+ rows verified/);

  // Our own checks on the restored copy.
  const copy = createPrismaClient(restoredUrl);
  try {
    const chain = await verifyAuditChain(copy);
    assert.ok(chain.ok, JSON.stringify(chain));
    const restored = await countKeyTables(restoredUrl);
    for (const table of KEY_TABLES.filter((t) => t !== "AuditEntry" && t !== "CaseEvent")) assert.equal(restored[table], afterCounts[table], `${table} differs`);
    assert.ok(restored.AuditEntry >= before.AuditEntry && restored.AuditEntry <= afterCounts.AuditEntry, `audit rows ${restored.AuditEntry} outside [${before.AuditEntry}, ${afterCounts.AuditEntry}]`);
    assert.ok(restored.AuditEntry < afterCounts.AuditEntry, "the copy is the snapshot, not the later state");
    const writerEvents = await copy.caseEvent.count({ where: { type: WRITER_EVENT } });
    const writerAudits = await copy.auditEntry.count({ where: { action: "ops.backup_test" } });
    assert.equal(writerEvents, writerAudits, "one moment for every table");
    // The copy's chain is a prefix of the source's: its newest row is the source's row with the same seq.
    const last = await copy.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const sourceRow = await prisma.auditEntry.findUniqueOrThrow({ where: { seq: last.seq } });
    assert.equal(last.hash, sourceRow.hash);
  } finally {
    await copy.$disconnect();
  }

  // A database that already holds tables is refused: restores only go into fresh databases.
  await assert.rejects(restoreDatabase(file, db.url), /already holds \d+ table\(s\)\. Restore into a new or empty database/);
});

test("pg_dump of the wrong major version is refused with a message that says what to install", () => {
  assert.match(findPgTool("pg_dump", 15), /pg_dump$/);
  assert.throws(() => findPgTool("pg_dump", 99), /No pg_dump for PostgreSQL 99 found[\s\S]*postgresql-client-99[\s\S]*PG_BIN_DIR/);
});
