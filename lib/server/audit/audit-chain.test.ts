/**
 * Integration: the audit log's tamper evidence on a real database. The init migration's trigger refuses UPDATE,
 * DELETE and TRUNCATE; a row changed behind the trigger's back (a superuser with session_replication_role =
 * replica) is caught by verifyAuditChain and by `npm run audit:verify`, which name that row; concurrent writers
 * keep the chain valid.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { appendAudit } from "./append-audit";
import { verifyAuditChain } from "./verify-audit-chain";

let tdb: TestDatabase;
let db: PrismaClient;
let other: PrismaClient;

before(async () => {
  tdb = await createTestDatabase("empty");
  db = createPrismaClient(tdb.url);
  other = createPrismaClient(tdb.url);
});

after(async () => {
  await db?.$disconnect();
  await other?.$disconnect();
  await tdb?.drop();
});

const row = (i: number, extra: object = {}) => ({ actorId: null, actorRole: "system", action: "test.appended", entityType: "Test", entityId: `t${i}`, after: { i, amount: i * 1.1 }, reason: `row ${i}`, ...extra });

/** Run SQL as the connecting superuser with triggers bypassed (what an attacker with DB access could do). */
async function bypassingTriggers(sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: tdb.url });
  await c.connect();
  try {
    await c.query("BEGIN");
    await c.query("SET LOCAL session_replication_role = replica");
    const r = await c.query(sql, params);
    await c.query("COMMIT");
    return r.rowCount;
  } finally {
    await c.end();
  }
}

function auditVerifyCli() {
  const root = path.resolve(__dirname, "../../..");
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "lib/cli/audit-verify.ts")], { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: tdb.url }, timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("audit chain", () => {
  it("the database refuses UPDATE, DELETE and TRUNCATE on AuditEntry", async () => {
    await db.$transaction((tx) => appendAudit(tx, [row(1), row(2), row(3)]));
    const first = await db.auditEntry.findFirstOrThrow({ orderBy: { seq: "asc" } });
    await assert.rejects(db.$executeRaw`UPDATE "AuditEntry" SET reason = 'changed' WHERE seq = ${first.seq}`, /append-only: UPDATE refused/);
    await assert.rejects(db.$executeRaw`DELETE FROM "AuditEntry" WHERE seq = ${first.seq}`, /append-only: DELETE refused/);
    await assert.rejects(db.$executeRawUnsafe(`TRUNCATE "AuditEntry"`), /append-only: TRUNCATE refused/);
    await assert.rejects(db.auditEntry.update({ where: { seq: first.seq }, data: { reason: "via the ORM" } }), /append-only/);
    assert.equal((await db.auditEntry.findUniqueOrThrow({ where: { seq: first.seq } })).reason, "row 1");
    assert.deepEqual(await verifyAuditChain(db), { ok: true, rows: 3 });
  });

  it("appending under concurrency keeps one valid chain", async () => {
    const writers = Array.from({ length: 24 }, (_, w) => (w % 2 ? db : other).$transaction((tx) => appendAudit(tx, [row(100 + w * 2), row(101 + w * 2)])));
    await Promise.all(writers);
    const rows = await db.auditEntry.findMany({ orderBy: { seq: "asc" } });
    assert.equal(rows.length, 3 + 48);
    assert.equal(new Set(rows.map((r) => r.prevHash)).size, rows.length, "no two rows chain to the same predecessor");
    assert.deepEqual(await verifyAuditChain(db, 7), { ok: true, rows: 51 });
    const cli = auditVerifyCli();
    assert.equal(cli.code, 0, cli.out);
    assert.match(cli.out, /Audit chain OK: 51 rows checked/);
  });

  it("a row edited behind the trigger's back is named by verify and by npm run audit:verify", async () => {
    const victim = (await db.auditEntry.findMany({ orderBy: { seq: "asc" }, skip: 20, take: 1 }))[0];
    assert.equal(await bypassingTriggers(`UPDATE "AuditEntry" SET reason = 'nothing to see' WHERE seq = $1`, [victim.seq.toString()]), 1);
    const verdict = await verifyAuditChain(db, 7);
    assert.deepEqual(verdict, { ok: false, rows: 21, firstBrokenSeq: victim.seq.toString(), problem: "content" });
    const cli = auditVerifyCli();
    assert.equal(cli.code, 1, cli.out);
    assert.match(cli.out, new RegExp(`BROKEN at seq ${victim.seq}: its content does not match its hash`));

    // Recomputing the victim's own hash does not help: the next row's link gives it away.
    const { hashAuditRow } = await import("./append-audit");
    const edited = await db.auditEntry.findUniqueOrThrow({ where: { seq: victim.seq } });
    await bypassingTriggers(`UPDATE "AuditEntry" SET hash = $1 WHERE seq = $2`, [hashAuditRow(edited), victim.seq.toString()]);
    const relinked = await verifyAuditChain(db);
    assert.equal(relinked.ok, false);
    const after = await db.auditEntry.findFirstOrThrow({ where: { seq: { gt: victim.seq } }, orderBy: { seq: "asc" } });
    assert.deepEqual(!relinked.ok && [relinked.firstBrokenSeq, relinked.problem], [after.seq.toString(), "link"]);
  });

  it("a deleted row breaks the link of the row after it", async () => {
    // Restore the edited row exactly, so the chain is valid again before the next tampering.
    const original = await db.auditEntry.findMany({ orderBy: { seq: "asc" }, skip: 20, take: 2 });
    const victim = original[0];
    await bypassingTriggers(`UPDATE "AuditEntry" SET reason = $1, hash = (SELECT "prevHash" FROM "AuditEntry" WHERE seq = $3) WHERE seq = $2`, [`row ${(victim.after as { i: number }).i}`, victim.seq.toString(), original[1].seq.toString()]);
    assert.deepEqual(await verifyAuditChain(db), { ok: true, rows: 51 });

    const gone = (await db.auditEntry.findMany({ orderBy: { seq: "asc" }, skip: 10, take: 2 }))[0];
    assert.equal(await bypassingTriggers(`DELETE FROM "AuditEntry" WHERE seq = $1`, [gone.seq.toString()]), 1);
    const next = await db.auditEntry.findFirstOrThrow({ where: { seq: { gt: gone.seq } }, orderBy: { seq: "asc" } });
    const verdict = await verifyAuditChain(db);
    assert.deepEqual(verdict, { ok: false, rows: 11, firstBrokenSeq: next.seq.toString(), problem: "link" });
  });
});
