import "server-only";
import { prisma } from "@/lib/server/db";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { Prisma } from "@/lib/server/generated/prisma/client";

const SEVERITY_ORDER = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
const OPEN_STATUSES = ["OPEN", "PENDING_APPROVAL", "ACTION_APPROVED"] as const;

export type SeverityBucket = { severity: (typeof SEVERITY_ORDER)[number]; cases: number; exposure: number };

/** Open cases and $ at risk by severity (the KPI page's first card). */
export async function getOpenCasesBySeverity(viewer: Viewer): Promise<SeverityBucket[]> {
  authorize(viewer, "kpi.read");
  const groups = await prisma.case.groupBy({
    by: ["severity"],
    where: { status: { in: [...OPEN_STATUSES] }, ...siteScope(viewer) },
    _count: { _all: true },
    _sum: { serviceExposure: true, financialExposure: true },
  });
  return SEVERITY_ORDER.map((severity) => {
    const g = groups.find((x) => x.severity === severity);
    return { severity, cases: g?._count._all ?? 0, exposure: (g?._sum.serviceExposure ?? 0) + (g?._sum.financialExposure ?? 0) };
  });
}

export type ExposureTiles = {
  openCases: number;
  atRiskUsd: number;
  /** $ at risk on cases that still have no approved action. */
  unaddressedUsd: number;
  /** $ at risk on cases with an action approved in the last 7 days (being executed or already confirmed). */
  coveredUsd: number;
  pendingApprovals: number;
  pendingApprovalUsd: number;
  resolvedLast7Days: number;
};

/** Headline tiles: $ at risk, how much of it is covered by approved actions, approvals waiting. */
export async function getExposureTiles(viewer: Viewer): Promise<ExposureTiles> {
  authorize(viewer, "kpi.read");
  const scope = siteScope(viewer);
  const sumExposure = (status: Prisma.CaseWhereInput["status"]) =>
    prisma.case.aggregate({ where: { status, ...scope }, _count: { _all: true }, _sum: { serviceExposure: true, financialExposure: true } });
  const total = (a: Awaited<ReturnType<typeof sumExposure>>) => (a._sum.serviceExposure ?? 0) + (a._sum.financialExposure ?? 0);
  const [open, unaddressed, covered, pending, resolved] = await Promise.all([
    sumExposure({ in: [...OPEN_STATUSES] }),
    sumExposure({ in: ["OPEN", "PENDING_APPROVAL"] }),
    prisma.case.aggregate({
      where: { ...scope, actions: { some: { status: "APPROVED", decidedAt: { gte: new Date(Date.now() - 7 * 86_400_000) } } } },
      _count: { _all: true },
      _sum: { serviceExposure: true, financialExposure: true },
    }),
    prisma.caseAction.aggregate({ where: { status: "PENDING_APPROVAL", case: scope }, _count: { _all: true }, _sum: { valueUsd: true } }),
    prisma.case.count({ where: { status: "RESOLVED", resolvedAt: { gte: new Date(Date.now() - 7 * 86_400_000) }, ...scope } }),
  ]);
  return {
    openCases: open._count._all,
    atRiskUsd: total(open),
    unaddressedUsd: total(unaddressed),
    coveredUsd: total(covered),
    pendingApprovals: pending._count._all,
    pendingApprovalUsd: pending._sum.valueUsd ?? 0,
    resolvedLast7Days: resolved,
  };
}

export type TypeBucket = { type: string; cases: number; exposure: number };

/** Open cases by primary exception type, largest exposure first. */
export async function getOpenCasesByType(viewer: Viewer): Promise<TypeBucket[]> {
  authorize(viewer, "kpi.read");
  const groups = await prisma.case.groupBy({
    by: ["primaryType"],
    where: { status: { in: [...OPEN_STATUSES] }, ...siteScope(viewer) },
    _count: { _all: true },
    _sum: { serviceExposure: true, financialExposure: true },
  });
  return groups
    .map((g) => ({ type: g.primaryType, cases: g._count._all, exposure: (g._sum.serviceExposure ?? 0) + (g._sum.financialExposure ?? 0) }))
    .sort((a, b) => b.exposure - a.exposure);
}

/** When the dashboard's snapshot views were last refreshed (job kpi.refresh); null before the first refresh. */
export async function getKpiSnapshotInfo(viewer: Viewer): Promise<{ refreshedAt: Date; ms: number } | null> {
  authorize(viewer, "kpi.read");
  return prisma.kpiSnapshotRefresh.findUnique({ where: { id: 1 }, select: { refreshedAt: true, ms: true } });
}
