import "server-only";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { prisma } from "@/lib/server/db";
import { hasPermission, type Permission } from "@/lib/domain/auth/permissions";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { forbidden, notFound } from "@/lib/server/errors";
import type { CasesQuery } from "@/lib/search-params/cases";
import type { ScoreExplanation } from "@/lib/domain/model/case-draft";

/** Throw FORBIDDEN unless the viewer's role grants `permission`. */
export function authorize(viewer: Viewer, permission: Permission): void {
  if (!hasPermission(viewer.role, permission)) throw forbidden();
}

export type CaseRow = {
  id: string;
  number: number;
  title: string;
  primaryType: string;
  types: string[];
  severity: string;
  score: number;
  exposure: number;
  confidence: number;
  status: string;
  siteCode: string;
  sku: string | null;
  assigneeName: string | null;
  openedAt: string;
  slaDueAt: string;
  dataAsOf: string;
};

export type CasePage = { rows: CaseRow[]; total: number; page: number; pageSize: number; pageCount: number };

function orderBy(q: CasesQuery): Prisma.CaseOrderByWithRelationInput[] {
  const dir = q.dir;
  const primary: Prisma.CaseOrderByWithRelationInput =
    q.sort === "exposure" ? { serviceExposure: dir } : ({ [q.sort]: dir } as Prisma.CaseOrderByWithRelationInput);
  // A unique tie-breaker keeps pages stable while rows share a score.
  return [primary, { number: "desc" }];
}

/** Where-clause for the queue: viewer's sites AND the URL filters. */
function caseWhere(viewer: Viewer, q: CasesQuery): Prisma.CaseWhereInput {
  const and: Prisma.CaseWhereInput[] = [siteScope(viewer)];
  if (q.status.length) and.push({ status: { in: q.status } });
  if (q.severity.length) and.push({ severity: { in: q.severity } });
  if (q.type.length) and.push({ exceptions: { some: { type: { in: q.type }, clearedAt: null } } });
  if (q.site.length) and.push({ site: { code: { in: q.site } } });
  if (q.q) {
    const text = q.q;
    const asNumber = Number(text.replace(/^#/, ""));
    and.push({
      OR: [
        { title: { contains: text, mode: "insensitive" } },
        { item: { sku: { contains: text, mode: "insensitive" } } },
        ...(Number.isInteger(asNumber) && asNumber > 0 ? [{ number: asNumber }] : []),
      ],
    });
  }
  return { AND: and };
}

/** One page of the ranked case queue, scoped to the viewer's sites. */
export async function findCases(viewer: Viewer, q: CasesQuery): Promise<CasePage> {
  authorize(viewer, "cases.read");
  const where = caseWhere(viewer, q);
  const [total, cases] = await Promise.all([
    prisma.case.count({ where }),
    prisma.case.findMany({
      where,
      orderBy: orderBy(q),
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      include: {
        site: { select: { code: true } },
        item: { select: { sku: true } },
        assignee: { select: { name: true } },
        exceptions: { where: { clearedAt: null }, select: { type: true }, orderBy: { chainOrder: "asc" } },
      },
    }),
  ]);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
    rows: cases.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      primaryType: c.primaryType,
      types: [...new Set(c.exceptions.map((e) => e.type))],
      severity: c.severity,
      score: c.score,
      exposure: c.serviceExposure + c.financialExposure,
      confidence: c.confidence,
      status: c.status,
      siteCode: c.site.code,
      sku: c.item?.sku ?? null,
      assigneeName: c.assignee?.name ?? null,
      openedAt: c.openedAt.toISOString(),
      slaDueAt: c.slaDueAt.toISOString(),
      dataAsOf: c.dataAsOf.toISOString(),
    })),
  };
}

/** The sites the viewer may filter by. */
export async function findViewerSites(viewer: Viewer) {
  const where = viewer.allSites ? {} : { id: { in: viewer.siteIds } };
  return prisma.location.findMany({ where, orderBy: { code: "asc" }, select: { id: true, code: true, name: true } });
}

/**
 * One case with everything the case page shows. Loaded by id AND the viewer's sites, so a case
 * outside them is indistinguishable from one that does not exist (404, not 403).
 */
export async function getCaseDetail(viewer: Viewer, caseId: string) {
  authorize(viewer, "cases.read");
  const c = await prisma.case.findFirst({
    where: { id: caseId, ...siteScope(viewer) },
    include: {
      site: true,
      item: { include: { primarySupplier: true } },
      assignee: { select: { id: true, name: true } },
      exceptions: { orderBy: [{ clearedAt: { sort: "desc", nulls: "first" } }, { chainOrder: "asc" }] },
      events: { orderBy: { createdAt: "asc" }, include: { actor: { select: { name: true, role: true } } } },
      actions: {
        orderBy: { requestedAt: "desc" },
        include: { requestedBy: { select: { id: true, name: true } }, decidedBy: { select: { name: true } } },
      },
    },
  });
  if (!c) throw notFound("Case");
  return { ...c, explanation: c.explanation as unknown as ScoreExplanation };
}

export type CaseDetail = Awaited<ReturnType<typeof getCaseDetail>>;
