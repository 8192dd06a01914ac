import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { seesAllSites, type Role } from "@/lib/domain/auth/permissions";

/** Who is acting: passed explicitly into every data-access function so each can authorize and scope. */
export type Viewer = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Sites (location ids) the viewer may see; ignored when allSites. */
  siteIds: string[];
  allSites: boolean;
};

/** Load an active user's identity, role and sites; null for unknown or deactivated users. */
export async function loadViewer(db: PrismaClient, userId: string): Promise<Viewer | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { sites: true } });
  if (!user || !user.active) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    siteIds: user.sites.map((s) => s.locationId),
    allSites: seesAllSites(user.role),
  };
}

/** Prisma `where` fragment limiting rows with a `siteId` column to the viewer's sites. */
export function siteScope(viewer: Viewer): { siteId?: { in: string[] } } {
  return viewer.allSites ? {} : { siteId: { in: viewer.siteIds } };
}
