import "server-only";
import { prisma } from "@/lib/server/db";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { ROLES, hasPermission, seesAllSites, type Permission } from "@/lib/domain/auth/permissions";

export type CasePerson = { id: string; name: string; role: string };

/** Active users holding `permission` who see `siteId` (all-site roles, or a UserSite row), by name. */
export async function usersForSite(siteId: string, permission: Permission): Promise<CasePerson[]> {
  const allSiteRoles = ROLES.filter((r) => seesAllSites(r));
  const users = await prisma.user.findMany({
    where: { active: true, OR: [{ role: { in: allSiteRoles } }, { sites: { some: { locationId: siteId } } }] },
    select: { id: true, name: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return users.filter((u) => hasPermission(u.role, permission));
}

async function caseSite(viewer: Viewer, caseId: string): Promise<string | null> {
  authorize(viewer, "cases.read");
  const c = await prisma.case.findFirst({ where: { id: caseId, ...siteScope(viewer) }, select: { siteId: true } });
  return c?.siteId ?? null;
}

/** Who a case may be assigned to: active users who may triage and see its site (empty for a case the viewer cannot see). */
export async function listAssignableUsers(viewer: Viewer, caseId: string): Promise<CasePerson[]> {
  const siteId = await caseSite(viewer, caseId);
  return siteId ? usersForSite(siteId, "cases.triage") : [];
}

/** Who may be @mentioned on a case: active users who can read it (see its site), except the viewer. */
export async function listMentionCandidates(viewer: Viewer, caseId: string): Promise<CasePerson[]> {
  const siteId = await caseSite(viewer, caseId);
  return siteId ? (await usersForSite(siteId, "cases.read")).filter((u) => u.id !== viewer.id) : [];
}
