import "server-only";
import { prisma } from "@/lib/server/db";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { invalid, notFound } from "@/lib/server/errors";

/**
 * Ending sessions. Sessions are signed tokens held by browsers, so they are ended by bumping the
 * user's sessionVersion: every request reloads the user and refuses a token with an older version
 * (lib/domain/auth/session-policy.ts). Each change is audited in its transaction.
 */

/** Bump a user's session version (every session they hold ends on its next request). */
async function bump(viewer: Viewer, userId: string, action: string, data: { active?: boolean } = {}) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { id: true, active: true, sessionVersion: true } });
    if (!before) throw notFound("User");
    const after = await tx.user.update({ where: { id: userId }, data: { ...data, sessionVersion: { increment: 1 } }, select: { active: true, sessionVersion: true } });
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action,
      entityType: "User",
      entityId: userId,
      before: { active: before.active, sessionVersion: before.sessionVersion },
      after: { active: after.active, sessionVersion: after.sessionVersion },
    });
    return { userId, active: after.active };
  });
}

/** "Sign out everywhere": ends every session of the viewer, this one included. */
export async function signOutEverywhere(viewer: Viewer) {
  return bump(viewer, viewer.id, "auth.signed_out_everywhere");
}

/** An admin ends every session of a user (e.g. a lost laptop). */
export async function revokeUserSessions(viewer: Viewer, input: { userId: string }) {
  authorize(viewer, "admin.manage");
  return bump(viewer, input.userId, "auth.sessions_revoked");
}

/** An admin deactivates (which also ends their sessions) or reactivates a user. Admins cannot deactivate themselves. */
export async function setUserActive(viewer: Viewer, input: { userId: string; active: boolean }) {
  authorize(viewer, "admin.manage");
  if (!input.active && input.userId === viewer.id) throw invalid("You cannot deactivate your own account; ask another admin.");
  return bump(viewer, input.userId, input.active ? "user.reactivated" : "user.deactivated", { active: input.active });
}
