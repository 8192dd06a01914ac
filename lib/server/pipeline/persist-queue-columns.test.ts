/**
 * Integration: persist-cases keeps the queue's columns (exposure, searchText, customerTier) in step
 * with each detection run — on insert (the seed's run) and on update (a re-run rewrites them from
 * the drafts, so a stale or wrong value is repaired).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { runDetectionPipeline } from "@/lib/server/pipeline/run-detection";

let db: TestDatabase;
let prisma: PrismaClient;
let asOf: Date;

type Row = { id: string; exposure: number; serviceExposure: number; financialExposure: number; searchText: string; customerTier: string | null; title: string };
const queueColumns = () =>
  prisma.$queryRawUnsafe<Row[]>(
    `SELECT id, exposure, "serviceExposure", "financialExposure", "searchText", "customerTier"::text AS "customerTier", title FROM "Case" WHERE status <> 'RESOLVED' ORDER BY id`,
  );

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
  asOf = (await prisma.case.findFirstOrThrow({ orderBy: { lastScoredAt: "desc" } })).lastScoredAt;
});

after(async () => {
  await prisma.$disconnect();
  await db.drop();
});

test("a re-run rewrites exposure, searchText and customerTier of the cases it re-detects", async () => {
  const before = await queueColumns();
  assert.ok(before.length > 20);
  assert.ok(before.some((c) => c.customerTier !== null), "some case affects customer orders");
  assert.ok(before.every((c) => c.searchText.startsWith(c.title.toLowerCase()) && Math.abs(c.exposure - c.serviceExposure - c.financialExposure) < 1e-6));

  // Damage the columns (as a backfill or an old writer would have left them).
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET exposure = -1, "searchText" = 'stale', "customerTier" = NULL WHERE status <> 'RESOLVED'`);
  const run = await runDetectionPipeline(prisma, asOf);
  assert.equal(run.created, 0, "the same cases are re-detected");
  assert.deepEqual(await queueColumns(), before);
});
