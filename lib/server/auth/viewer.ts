import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/server/auth/auth-options";
import { prisma } from "@/lib/server/db";
import { loadViewer, type Viewer } from "@/lib/server/auth/load-viewer";
import { AppError } from "@/lib/server/errors";

export type { Viewer };

/** The signed-in user with role and sites fresh from the database (once per request), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return loadViewer(prisma, userId);
});

/** Like getViewer but throws UNAUTHENTICATED; use in actions and route handlers. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
  return viewer;
}
