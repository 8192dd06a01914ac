import type { Pool } from "pg";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { seesAllSites, type Role } from "@/lib/domain/auth/permissions";
import { sessionProblem, type SessionClaims } from "@/lib/domain/auth/session-policy";

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

/**
 * The viewer behind a verified session token, or null when the session may no longer act (expired,
 * revoked by a newer sessionVersion, user deactivated or gone). One query, on every request.
 */
export async function loadViewerForSession(db: PrismaClient, claims: SessionClaims, now: Date, maxAgeHours: number): Promise<Viewer | null> {
  const user = await db.user.findUnique({ where: { id: claims.userId }, include: { sites: true } });
  if (!user || sessionProblem(claims, user, now, maxAgeHours)) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    siteIds: user.sites.map((s) => s.locationId),
    allSites: seesAllSites(user.role),
  };
}

/**
 * loadViewerForSession in one SQL statement on a plain pg pool: the check runs on every request
 * (GET /api/cases on every filter change and poll), and one round trip with no ORM mapping costs a
 * fraction of the two queries Prisma sends for `include: { sites: true }`. Same rules (sessionProblem).
 */
export async function loadViewerForSessionSql(pool: Pick<Pool, "query">, claims: SessionClaims, now: Date, maxAgeHours: number): Promise<Viewer | null> {
  const { rows } = await pool.query<{ id: string; email: string; name: string; role: Role; active: boolean; sessionVersion: number; siteIds: string[] }>(
    `SELECT u.id, u.email, u.name, u.role::text AS role, u.active, u."sessionVersion",
       ARRAY(SELECT s."locationId" FROM "UserSite" s WHERE s."userId" = u.id) AS "siteIds"
     FROM "User" u WHERE u.id = $1`,
    [claims.userId],
  );
  const user = rows[0];
  if (!user || sessionProblem(claims, user, now, maxAgeHours)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, siteIds: user.siteIds, allSites: seesAllSites(user.role) };
}

/** Prisma `where` fragment limiting rows with a `siteId` column to the viewer's sites. */
export function siteScope(viewer: Viewer): { siteId?: { in: string[] } } {
  return viewer.allSites ? {} : { siteId: { in: viewer.siteIds } };
}
