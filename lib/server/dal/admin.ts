import "server-only";
import { prisma } from "@/lib/server/db";
import { type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { JOBS } from "@/lib/server/jobs/queue";
import { appendAudit } from "@/lib/server/audit/append-audit";

/** Users with their roles and sites (admin settings page). */
export async function findUsers(viewer: Viewer) {
  authorize(viewer, "admin.manage");
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, sites: { select: { location: { select: { code: true } } } } },
  });
}

/** Source systems with their freshness. */
export async function findDataSources(viewer: Viewer) {
  authorize(viewer, "admin.manage");
  return prisma.dataSource.findMany({ orderBy: { code: "asc" } });
}

/** Current scoring configuration versions, newest first. */
export async function findScoringConfigs(viewer: Viewer) {
  authorize(viewer, "admin.manage");
  return prisma.scoringConfig.findMany({ orderBy: { version: "desc" }, take: 10 });
}

/** Queue a detection run for the workers; returns the job id (null when one is already queued). */
export async function requestDetectionRun(viewer: Viewer) {
  authorize(viewer, "detection.run");
  const jobId = await enqueue(JOBS.detect, { requestedBy: viewer.id });
  await prisma.$transaction((tx) =>
    appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action: "detection.requested", entityType: "Job", entityId: jobId ?? "already-queued" }),
  );
  return jobId;
}

/** Recent detection jobs from the queue's own table (state, timings, output summary). */
export async function findRecentDetectionJobs(viewer: Viewer) {
  authorize(viewer, "detection.run");
  type JobRow = { id: string; state: string; created_on: Date; completed_on: Date | null; output: unknown };
  try {
    return await prisma.$queryRaw<JobRow[]>`
      SELECT id::text, state::text, created_on, completed_on, output FROM pgboss.job WHERE name = ${JOBS.detect}
      UNION ALL
      SELECT id::text, state::text, created_on, completed_on, output FROM pgboss.archive WHERE name = ${JOBS.detect}
      ORDER BY created_on DESC LIMIT 5`;
  } catch {
    return []; // the queue schema is created by the first worker; before that there is no history
  }
}
