import "server-only";
import { cache } from "react";
import { loadViewerForSessionSql, type Viewer } from "@/lib/server/auth/load-viewer";
import { readPool } from "@/lib/server/dal/read-pool";
import { readSessionClaims } from "@/lib/server/auth/session-claims";
import { sessionMaxAgeHours } from "@/lib/domain/auth/session-policy";
import { AppError } from "@/lib/server/errors";

export type { Viewer };

/**
 * The signed-in user with role and sites fresh from the database (once per request), or null — also
 * null when the session is past its absolute lifetime, was revoked ("sign out everywhere", an admin,
 * deactivation) or the user is inactive.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const claims = await readSessionClaims();
  if (!claims) return null;
  // One statement on the read pool (it runs on every request, including each queue poll).
  return loadViewerForSessionSql(readPool(), claims, new Date(), sessionMaxAgeHours(process.env.SESSION_MAX_AGE_HOURS));
});

/** Like getViewer but throws UNAUTHENTICATED; use in actions and route handlers. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  return viewer;
}
