import "server-only";
import { prisma } from "@/lib/server/db";
import { type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";

/** Newest audit entries the viewer may see (site-scoped unless they see all sites). */
export async function findAuditEntries(viewer: Viewer, opts: { page: number; pageSize?: number; caseId?: string }) {
  authorize(viewer, "audit.read");
  const pageSize = opts.pageSize ?? 50;
  const where = {
    ...(viewer.allSites ? {} : { siteId: { in: viewer.siteIds } }),
    ...(opts.caseId ? { caseId: opts.caseId } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.auditEntry.count({ where }),
    prisma.auditEntry.findMany({ where, orderBy: { seq: "desc" }, skip: (opts.page - 1) * pageSize, take: pageSize }),
  ]);
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const actors = await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    rows: rows.map((r) => ({ ...r, seq: r.seq.toString(), actorName: r.actorId ? names.get(r.actorId) ?? r.actorId : "system" })),
  };
}

/** Recompute the hash chain (whole log; only roles that read the audit log may run it). */
export async function verifyAuditLog(viewer: Viewer) {
  authorize(viewer, "audit.read");
  return verifyAuditChain(prisma);
}
