/** Integration: the kpi.refresh job brings the snapshot views up to date with the cases and stamps the refresh. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { handleKpiRefreshJob } from "@/lib/server/jobs/kpi-refresh-job";
import { KPI_SNAPSHOT_VIEWS } from "@/lib/server/kpi/refresh";

let db: TestDatabase;
let prisma: PrismaClient;

before(async () => {
  db = await createTestDatabase("seeded");
  prisma = createPrismaClient(db.url);
});
after(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

test("a resolved case reaches kpi_case_facts and kpi_case_daily only after kpi.refresh runs", async () => {
  const c = await prisma.case.findFirstOrThrow({ where: { status: "OPEN" }, orderBy: { score: "desc" } });
  const resolvedAt = new Date();
  await prisma.case.update({ where: { id: c.id }, data: { status: "RESOLVED", resolvedAt, resolutionCode: "NOT_AN_ISSUE" } });
  await prisma.caseEvent.create({ data: { caseId: c.id, type: "RESOLVED", actorId: "usr_planner", data: {} } });
  const fact = () => prisma.$queryRawUnsafe<{ touches: bigint; resolvedAt: Date | null }[]>(`SELECT touches, "resolvedAt" FROM kpi_case_facts WHERE id = $1`, c.id);
  assert.equal((await fact())[0].resolvedAt, null, "stale until refreshed");

  const r = await handleKpiRefreshJob(prisma);
  assert.equal(r.views, KPI_SNAPSHOT_VIEWS.length);
  const [f] = await fact();
  assert.equal(f.resolvedAt?.getTime(), resolvedAt.getTime());
  assert.equal(Number(f.touches), 1);
  const [day] = await prisma.$queryRawUnsafe<{ dismissed: bigint }[]>(`SELECT sum(dismissed) AS dismissed FROM kpi_case_daily WHERE day = date_trunc('day', $1::timestamp)`, resolvedAt.toISOString());
  assert.equal(Number(day.dismissed), 1);
  const stamp = await prisma.kpiSnapshotRefresh.findUniqueOrThrow({ where: { id: 1 } });
  assert.ok(stamp.refreshedAt.getTime() >= resolvedAt.getTime() - 1000);
});
