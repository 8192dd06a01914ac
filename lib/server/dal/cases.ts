import "server-only";
import { prisma } from "@/lib/server/db";
import { hasPermission, ROLES, seesAllSites, type Permission } from "@/lib/domain/auth/permissions";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { forbidden, notFound } from "@/lib/server/errors";
import type { CasesQuery } from "@/lib/search-params/cases";
import type { ScoreExplanation } from "@/lib/domain/model/case-draft";
import { queryCaseQueue, type CasePage } from "@/lib/server/dal/case-queue";
import { readPool } from "@/lib/server/dal/read-pool";

/** Throw FORBIDDEN unless the viewer's role grants `permission`. */
export function authorize(viewer: Viewer, permission: Permission): void {
  if (!hasPermission(viewer.role, permission)) throw forbidden();
}

export type { CaseRow, CasePage } from "@/lib/server/dal/case-queue";

/**
 * One page of the ranked case queue, scoped to the viewer's sites: one SQL statement for the rows,
 * then the size — exact, capped at COUNT_CAP ("10,000+") or estimated ("≈"); see case-queue.ts.
 */
export async function findCases(viewer: Viewer, q: CasesQuery): Promise<CasePage> {
  authorize(viewer, "cases.read");
  return queryCaseQueue(readPool(), viewer, q, new Date());
}

export type QueueFacets = {
  sites: { code: string; name: string }[];
  /** Suppliers on unresolved cases in the viewer's sites (at most MAX_SUPPLIER_FACETS, by code). */
  suppliers: { code: string; name: string }[];
  /** Active users who may triage (be assigned) cases in the viewer's sites. */
  assignees: { id: string; name: string; role: string }[];
  /** Exception types open in the viewer's sites. */
  types: string[];
};

const MAX_SUPPLIER_FACETS = 200;
const TRIAGE_ROLES = ROLES.filter((r) => hasPermission(r, "cases.triage"));
const ALL_SITE_ROLES = ROLES.filter((r) => seesAllSites(r));
// Open exception types need a scan of the Exception table: cached briefly per site set.
const TYPES_TTL_MS = 60_000;
const typesCache = new Map<string, { at: number; types: string[] }>();

async function openTypes(viewer: Viewer): Promise<string[]> {
  const key = viewer.allSites ? "*" : [...viewer.siteIds].sort().join(",");
  const hit = typesCache.get(key);
  if (hit && Date.now() - hit.at < TYPES_TTL_MS) return hit.types;
  const { rows } = await readPool().query<{ type: string }>(
    viewer.allSites
      ? `SELECT DISTINCT type FROM "Exception" WHERE "clearedAt" IS NULL ORDER BY type`
      : `SELECT DISTINCT type FROM "Exception" WHERE "clearedAt" IS NULL AND "siteId" = ANY($1::text[]) ORDER BY type`,
    viewer.allSites ? [] : [viewer.siteIds],
  );
  const types = rows.map((r) => r.type);
  typesCache.set(key, { at: Date.now(), types });
  return types;
}

/** Options for the queue's filter controls, limited to what the viewer can see. */
export async function findQueueFacets(viewer: Viewer): Promise<QueueFacets> {
  authorize(viewer, "cases.read");
  const pool = readPool();
  const scoped = !viewer.allSites;
  const siteIds = viewer.siteIds;
  const [sites, suppliers, assignees, types] = await Promise.all([
    pool.query<{ code: string; name: string }>(
      `SELECT code, name FROM "Location" ${scoped ? `WHERE id = ANY($1::text[])` : ""} ORDER BY code`,
      scoped ? [siteIds] : [],
    ),
    // One index probe per supplier (Case.supplierId) instead of a DISTINCT over every open case.
    pool.query<{ code: string; name: string }>(
      `SELECT s.code, s.name FROM "Supplier" s
       WHERE EXISTS (SELECT 1 FROM "Case" c WHERE c."supplierId" = s.id AND c.status <> 'RESOLVED' ${scoped ? `AND c."siteId" = ANY($1::text[])` : ""})
       ORDER BY s.code LIMIT ${MAX_SUPPLIER_FACETS}`,
      scoped ? [siteIds] : [],
    ),
    // Triage roles; a user who sees all sites by role (admin) may take any case.
    pool.query<{ id: string; name: string; role: string }>(
      `SELECT u.id, u.name, u.role::text AS role FROM "User" u
       WHERE u.active AND u.role::text = ANY($1::text[])
         AND (u.role::text = ANY($2::text[]) ${scoped ? `OR EXISTS (SELECT 1 FROM "UserSite" us WHERE us."userId" = u.id AND us."locationId" = ANY($3::text[]))` : "OR TRUE"})
       ORDER BY u.name`,
      scoped ? [TRIAGE_ROLES, ALL_SITE_ROLES, siteIds] : [TRIAGE_ROLES, ALL_SITE_ROLES],
    ),
    openTypes(viewer),
  ]);
  return { sites: sites.rows, suppliers: suppliers.rows, assignees: assignees.rows, types };
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
