import "server-only";
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { AUDIT_PAGE_SIZE, auditDateRange, type AuditQuery } from "@/lib/search-params/audit";

/** The filters of the viewer's audit query as a where clause; site-scoped unless the viewer sees all sites. */
async function auditWhere(viewer: Viewer, q: AuditQuery): Promise<{ where: Prisma.AuditEntryWhereInput; caseMissing: boolean }> {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (!viewer.allSites) and.push({ siteId: { in: viewer.siteIds } });
  if (q.actor) and.push({ actorId: q.actor === "system" ? null : q.actor });
  if (q.action) and.push(q.action.endsWith(".") ? { action: { startsWith: q.action } } : { action: q.action });
  const at = auditDateRange(q);
  if (at.gte || at.lt) and.push({ at });
  if (q.seq) and.push({ seq: { lte: BigInt(q.seq) } });
  let caseMissing = false;
  if (q.case) {
    const c = await prisma.case.findFirst({ where: { number: q.case, ...(viewer.allSites ? {} : { siteId: { in: viewer.siteIds } }) }, select: { id: true } });
    caseMissing = !c;
    and.push({ caseId: c?.id ?? "__no_such_case__" });
  }
  return { where: and.length ? { AND: and } : {}, caseMissing };
}

type AuditRow = Prisma.AuditEntryGetPayload<object>;

/** Actor names and case numbers for a batch of rows. */
async function decorate(rows: AuditRow[]) {
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((x): x is string => !!x))];
  const [actors, cases] = await Promise.all([
    actorIds.length ? prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [],
    caseIds.length ? prisma.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, number: true } }) : [],
  ]);
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const numbers = new Map(cases.map((c) => [c.id, c.number]));
  return rows.map((r) => ({
    ...r,
    seq: r.seq.toString(),
    actorName: r.actorId ? (names.get(r.actorId) ?? r.actorId) : "system",
    caseNumber: r.caseId ? (numbers.get(r.caseId) ?? null) : null,
  }));
}

export type AuditEntryView = Awaited<ReturnType<typeof decorate>>[number];

/** One page of the audit log, newest first, with the viewer's filters. */
export async function findAuditEntries(viewer: Viewer, q: AuditQuery, pageSize = AUDIT_PAGE_SIZE) {
  authorize(viewer, "audit.read");
  const { where, caseMissing } = await auditWhere(viewer, q);
  const [total, rows] = await Promise.all([
    prisma.auditEntry.count({ where }),
    prisma.auditEntry.findMany({ where, orderBy: { seq: "desc" }, skip: (q.page - 1) * pageSize, take: pageSize }),
  ]);
  return { total, page: q.page, pageCount: Math.max(1, Math.ceil(total / pageSize)), caseMissing, rows: await decorate(rows) };
}

/** Choices for the actor and action filters: the people and actions in the rows the viewer may see. */
export async function findAuditFilterOptions(viewer: Viewer) {
  authorize(viewer, "audit.read");
  const scope = viewer.allSites ? "" : `WHERE "siteId" = ANY($1::text[])`;
  const params = viewer.allSites ? [] : [viewer.siteIds];
  const [actorIds, actions] = await Promise.all([
    prisma.$queryRawUnsafe<{ actorId: string | null }[]>(`SELECT DISTINCT "actorId" FROM "AuditEntry" ${scope}`, ...params),
    prisma.$queryRawUnsafe<{ action: string }[]>(`SELECT DISTINCT action FROM "AuditEntry" ${scope} ORDER BY action`, ...params),
  ]);
  const ids = actorIds.map((r) => r.actorId).filter((x): x is string => !!x);
  const actors = ids.length ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } }) : [];
  return { actors, actions: actions.map((a) => a.action) };
}

/** Every matching row, newest first, in keyset-paged batches (the CSV export streams these). */
export async function* streamAuditEntries(viewer: Viewer, q: AuditQuery, batchSize = 1000): AsyncGenerator<AuditEntryView[]> {
  authorize(viewer, "audit.read");
  const { where } = await auditWhere(viewer, q);
  let before: bigint | null = null;
  for (;;) {
    const batch: AuditRow[] = await prisma.auditEntry.findMany({
      where: before === null ? where : { AND: [where, { seq: { lt: before } }] },
      orderBy: { seq: "desc" },
      take: batchSize,
    });
    if (batch.length === 0) return;
    yield await decorate(batch);
    if (batch.length < batchSize) return;
    before = batch[batch.length - 1].seq;
  }
}

/** Recompute the hash chain (whole log; only roles that read the audit log may run it). */
export async function verifyAuditLog(viewer: Viewer) {
  authorize(viewer, "audit.read");
  return verifyAuditChain(prisma);
}
