import "server-only";
import { prisma } from "@/lib/server/db";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { appendAudit } from "@/lib/server/audit/append-audit";

export type NotificationItem = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
};

export type NotificationInbox = { unread: number; items: NotificationItem[] };

/** The viewer's own in-app notifications, newest first, with the unread count (nobody reads anyone else's). */
export async function listNotifications(viewer: Viewer, limit = 20): Promise<NotificationInbox> {
  const take = Math.min(Math.max(1, Math.floor(limit)), 100);
  const [unread, rows] = await Promise.all([
    prisma.notification.count({ where: { userId: viewer.id, readAt: null, inApp: true } }),
    prisma.notification.findMany({ where: { userId: viewer.id, inApp: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take }),
  ]);
  return {
    unread,
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      caseId: n.caseId,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
  };
}

/** Mark some (ids) or all of the viewer's unread notifications read; ids of other users' rows change nothing. */
export async function markNotificationsRead(viewer: Viewer, input: { ids?: string[] }): Promise<{ updated: number }> {
  const where = { userId: viewer.id, readAt: null, inApp: true, ...(input.ids ? { id: { in: input.ids } } : {}) };
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({ where, data: { readAt: new Date() } });
    if (count > 0) {
      await appendAudit(tx, {
        actorId: viewer.id,
        actorRole: viewer.role,
        action: "notifications.read",
        entityType: "User",
        entityId: viewer.id,
        after: { count, ids: input.ids ?? "all" },
      });
    }
    return { updated: count };
  });
}
