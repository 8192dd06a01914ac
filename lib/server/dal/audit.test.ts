/**
 * Integration: the audit viewer's data access on the seeded database — filters (actor, case number, action or
 * action family, date range), site scoping, paging, and the export stream returning exactly the filtered rows.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let tdb: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  audit: typeof import("@/lib/server/dal/audit");
  append: typeof import("@/lib/server/audit/append-audit").appendAudit;
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
  parse: typeof import("@/lib/search-params/audit").parseAuditQuery;
};

const userByEmail = async (email: string) => {
  const u = await mod.prisma.user.findUniqueOrThrow({ where: { email } });
  const v = await mod.loadViewer(mod.prisma, u.id);
  assert.ok(v);
  return v;
};

let atlCase: { id: string; number: number; siteId: string };
let laxCase: { id: string; number: number; siteId: string };
let supervisorId: string;

before(async () => {
  tdb = await createTestDatabase("seeded");
  process.env.DATABASE_URL = tdb.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    audit: await import("@/lib/server/dal/audit"),
    append: (await import("@/lib/server/audit/append-audit")).appendAudit,
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    parse: (await import("@/lib/search-params/audit")).parseAuditQuery,
  };
  const pick = (code: string) => mod.prisma.case.findFirstOrThrow({ where: { site: { code } }, select: { id: true, number: true, siteId: true }, orderBy: { number: "asc" } });
  atlCase = await pick("DC-ATL");
  laxCase = await pick("DC-LAX");
  supervisorId = (await mod.prisma.user.findUniqueOrThrow({ where: { email: "supervisor@demo.local" } })).id;
  await mod.prisma.$transaction((tx) =>
    mod.append(tx, [
      { actorId: supervisorId, actorRole: "supervisor", action: "writeback.retried", entityType: "WriteBack", entityId: "wb-test-1", caseId: atlCase.id, siteId: atlCase.siteId, before: { status: "FAILED" }, after: { status: "QUEUED" }, reason: "=HYPERLINK(\"x\")" },
      { actorId: null, actorRole: "system", action: "writeback.confirmed", entityType: "WriteBack", entityId: "wb-test-1", caseId: atlCase.id, siteId: atlCase.siteId, after: { status: "CONFIRMED" } },
      { actorId: null, actorRole: "system", action: "writeback.failed", entityType: "WriteBack", entityId: "wb-test-2", caseId: laxCase.id, siteId: laxCase.siteId, after: { status: "FAILED" } },
    ]),
  );
});

after(async () => {
  await mod?.prisma.$disconnect();
  await tdb?.drop();
});

const all = async (viewer: Awaited<ReturnType<typeof userByEmail>>, q: Record<string, string>) => {
  const rows = [];
  for await (const batch of mod.audit.streamAuditEntries(viewer, mod.parse(q), 7)) rows.push(...batch);
  return rows;
};

describe("audit viewer data access", () => {
  it("filters by case number, action, action family and actor", async () => {
    const admin = await userByEmail("admin@demo.local");
    const byCase = await mod.audit.findAuditEntries(admin, mod.parse({ case: String(atlCase.number), action: "writeback." }));
    assert.deepEqual(byCase.rows.map((r) => r.action), ["writeback.confirmed", "writeback.retried"]);
    assert.equal(byCase.rows[0].caseNumber, atlCase.number);
    const exact = await mod.audit.findAuditEntries(admin, mod.parse({ action: "writeback.failed" }));
    assert.deepEqual(exact.rows.map((r) => r.entityId), ["wb-test-2"]);
    const bySupervisor = await mod.audit.findAuditEntries(admin, mod.parse({ actor: supervisorId, action: "writeback." }));
    assert.deepEqual(bySupervisor.rows.map((r) => [r.action, r.actorName]), [["writeback.retried", "Sam Supervisor"]]);
    const bySystem = await mod.audit.findAuditEntries(admin, mod.parse({ actor: "system", action: "writeback." }));
    assert.deepEqual(bySystem.rows.map((r) => r.action).sort(), ["writeback.confirmed", "writeback.failed"]);
  });

  it("filters by date range (inclusive UTC days)", async () => {
    const admin = await userByEmail("admin@demo.local");
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    assert.equal((await mod.audit.findAuditEntries(admin, mod.parse({ action: "writeback.", from: today, to: today }))).total, 3);
    assert.equal((await mod.audit.findAuditEntries(admin, mod.parse({ action: "writeback.", from: tomorrow }))).total, 0);
    assert.equal((await mod.audit.findAuditEntries(admin, mod.parse({ action: "writeback.", to: "2000-01-01" }))).total, 0);
  });

  it("is site-scoped: a supervisor of DC-ATL/DC-NJ sees neither LAX rows nor LAX cases; planners cannot read it", async () => {
    const supervisor = await userByEmail("supervisor@demo.local");
    const rows = await all(supervisor, { action: "writeback." });
    assert.deepEqual(rows.map((r) => r.entityId).sort(), ["wb-test-1", "wb-test-1"]);
    const lax = await mod.audit.findAuditEntries(supervisor, mod.parse({ case: String(laxCase.number) }));
    assert.deepEqual([lax.total, lax.caseMissing], [0, true]);
    const options = await mod.audit.findAuditFilterOptions(supervisor);
    assert.ok(options.actions.includes("writeback.retried") && !options.actions.includes("writeback.failed"), options.actions.join(","));
    assert.ok(options.actors.some((a) => a.id === supervisorId));
    const planner = await userByEmail("planner@demo.local");
    await assert.rejects(mod.audit.findAuditEntries(planner, mod.parse({})), (e: unknown) => (e as { code?: string }).code === "FORBIDDEN");
  });

  it("pages newest first, and the export stream yields exactly the filtered rows in the same order", async () => {
    const admin = await userByEmail("admin@demo.local");
    const total = await mod.prisma.auditEntry.count();
    assert.ok(total > 20, `the seeded log has rows (${total})`);
    const first = await mod.audit.findAuditEntries(admin, mod.parse({}), 10);
    const second = await mod.audit.findAuditEntries(admin, mod.parse({ page: "2" }), 10);
    assert.equal(first.total, total);
    assert.ok(BigInt(first.rows[9].seq) > BigInt(second.rows[0].seq));
    const streamed = await all(admin, {});
    assert.equal(streamed.length, total);
    assert.deepEqual(streamed.slice(0, 20).map((r) => r.seq), [...first.rows, ...second.rows].map((r) => r.seq));
    const upTo = await mod.audit.findAuditEntries(admin, mod.parse({ seq: second.rows[0].seq }), 10);
    assert.equal(upTo.rows[0].seq, second.rows[0].seq, "jumping to a row shows it first");
  });

  it("parses URL state defensively", () => {
    const q = mod.parse({ page: "-3", case: "abc", action: "DROP TABLE", from: "2026-02-30", to: "2026-11-25", actor: "x'--", seq: "0" });
    assert.deepEqual([q.page, q.case, q.action, q.from, q.to, q.actor, q.seq], [1, undefined, undefined, undefined, "2026-11-25", undefined, undefined]);
    const ok = mod.parse(new URLSearchParams("case=42&action=writeback.&actor=system&seq=7&page=3"));
    assert.deepEqual([ok.page, ok.case, ok.action, ok.actor, ok.seq], [3, 42, "writeback.", "system", 7]);
  });
});
