/**
 * Integration: detection keeps each case's threshold comparisons (Case.ruleTriggers) — the peak over
 * the case's open life, merged in SQL exactly like the domain's mergeRuleTriggers — and a case
 * dismissed by a planner keeps them after detection moves its exception to the case that re-opens the
 * same cause, so the learning loop can still replay it.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { mergeRuleTriggers, readStoredTriggers, type StoredTriggers } from "@/lib/domain/learning/rule-triggers";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
  detect: typeof import("@/lib/server/pipeline/run-detection").runDetectionPipeline;
  triage: typeof import("@/lib/server/dal/case-triage");
  history: typeof import("@/lib/server/learning/load-history");
};
const DAY = 86_400_000;

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    detect: (await import("@/lib/server/pipeline/run-detection")).runDetectionPipeline,
    triage: await import("@/lib/server/dal/case-triage"),
    history: await import("@/lib/server/learning/load-history"),
  };
});

after(async () => {
  await mod?.prisma.$disconnect();
  await db?.drop();
});

const asnValue = async (caseId: string, fingerprint: string) => {
  const c = await mod.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  return (c.ruleTriggers as unknown as StoredTriggers)[fingerprint]?.value ?? null;
};

describe("Case.ruleTriggers", () => {
  test("the SQL merge equals the domain merge", async () => {
    const t = (value: number | null, also = false) => ({ type: "ASN_OVERDUE", key: value === null ? null : "asnGraceDays", value, threshold: 1, also, siteId: "L1", itemId: null });
    const cases: [StoredTriggers, StoredTriggers][] = [
      [{}, { a: t(2) }],
      [{ a: t(4) }, { a: t(3) }],
      [{ a: t(2, true), gone: t(9) }, { a: t(5), b: t(1) }],
      [{ a: t(null) }, { a: t(3) }],
      [{ a: t(3) }, {}],
    ];
    for (const [prev, next] of cases) {
      const [row] = await mod.prisma.$queryRawUnsafe<{ merged: StoredTriggers }[]>(`SELECT learning_merge_rule_triggers($1::jsonb, $2::jsonb) AS merged`, JSON.stringify(prev), JSON.stringify(next));
      assert.deepEqual(row.merged, mergeRuleTriggers(prev, next), JSON.stringify([prev, next]));
    }
  });

  test("a later run raises the stored peak; a dismissed case keeps its comparisons when its cause re-opens", async () => {
    const e = await mod.prisma.exception.findFirstOrThrow({ where: { type: "ASN_OVERDUE", clearedAt: null }, include: { case: true } });
    const first = e.case;
    const v0 = await asnValue(first.id, e.fingerprint);
    assert.ok(v0 !== null && v0 > 1, `stored at the seeded run: ${v0}`);

    // One day later the ASN is a day more overdue: the peak follows.
    const t1 = new Date(first.lastScoredAt.getTime() + DAY);
    await mod.detect(mod.prisma, t1);
    const v1 = await asnValue(first.id, e.fingerprint);
    assert.ok(v1 !== null && Math.abs(v1 - (v0 + 1)) < 1e-6, `${v0} → ${v1}`);

    // The planner dismisses it. The next run finds the same situation and keeps quiet (dismissal memory).
    const admin = (await mod.loadViewer(mod.prisma, "usr_admin"))!;
    const r = await mod.triage.setCaseStatus(admin, { caseIds: [first.id], status: "RESOLVED", reasonCode: "NOT_AN_ISSUE", note: "carrier always scans late" });
    assert.equal(r.updated, 1);
    const quiet = await mod.detect(mod.prisma, t1);
    assert.ok(quiet.keptDismissed >= 1, "the dismissed cause was found again and kept dismissed");
    assert.equal(await mod.prisma.case.count({ where: { causeKey: first.causeKey, status: { not: "RESOLVED" } } }), 0, "no new case for an unchanged dismissed cause");
    assert.equal((await mod.prisma.exception.findUniqueOrThrow({ where: { fingerprint: e.fingerprint } })).caseId, first.id);

    // Once the situation is materially worse than when it was dismissed (here: dismissed at a score a
    // third of today's), the next run opens a new case for the same cause and takes the exception row with it.
    await mod.prisma.$executeRawUnsafe(`UPDATE "Case" SET score = score / 3 WHERE id = $1`, first.id);
    await mod.detect(mod.prisma, new Date(t1.getTime() + DAY));
    const moved = await mod.prisma.exception.findUniqueOrThrow({ where: { fingerprint: e.fingerprint } });
    assert.notEqual(moved.caseId, first.id, "the exception now belongs to the re-opened case");
    const reopened = await mod.prisma.case.findUniqueOrThrow({ where: { id: moved.caseId } });
    assert.equal(reopened.causeKey, first.causeKey);

    // The dismissed case still has its peak; the replay reads it (not the moved exception).
    assert.equal(await asnValue(first.id, e.fingerprint), v1);
    const replay = await mod.history.loadReplayCases(mod.prisma, first.primaryType, new Date(0));
    const mine = replay.find((c) => c.id === first.id)!;
    assert.equal(mine.outcome, "DISMISSED");
    assert.ok(mine.triggers.some((t) => t.key === "asnGraceDays" && t.value === v1));
    assert.deepEqual(readStoredTriggers(reopened.ruleTriggers).filter((t) => t.type === "ASN_OVERDUE").length, 1);
  });
});
