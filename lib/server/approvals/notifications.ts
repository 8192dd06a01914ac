/**
 * Notifications of the approval workflow, written in the same transaction as the change (in-app plus the
 * e-mail / chat / team-channel deliveries preferences allow, see record-notifications.ts):
 * APPROVAL_REQUESTED to everyone who may decide the level now waiting, DECISION_MADE to the
 * requester on every decision (and expiry/cancellation).
 * Not `server-only`: the worker's expiry job (plain Node) uses it too.
 */
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { seesAllSites } from "@/lib/domain/auth/permissions";
import type { LevelRole } from "@/lib/domain/approval/policy";
import { recordNotification } from "@/lib/server/notify/record-notifications";

type Tx = Prisma.TransactionClient;

export type NotifyCase = { id: string; number: number; title: string; siteId: string };

/**
 * Active users with the level's role who can see the case's site, minus those who may not decide
 * it (requester, editors, deciders of other levels). An admin level notifies admins.
 */
export async function notifyLevelApprovers(
  tx: Tx,
  opts: { c: NotifyCase; actionId: string; level: number; of: number; role: LevelRole; valueUsd: number; typeLabel: string; excludeUserIds: readonly string[] },
): Promise<number> {
  const users = await tx.user.findMany({
    where: {
      role: opts.role,
      active: true,
      id: { notIn: [...opts.excludeUserIds] },
      ...(seesAllSites(opts.role) ? {} : { sites: { some: { locationId: opts.c.siteId } } }),
    },
    select: { id: true },
  });
  const value = `$${Math.round(opts.valueUsd).toLocaleString("en-US")}`;
  // Recorded even when nobody can decide: a team channel subscribed to approval requests still hears of it.
  await recordNotification(tx, {
    kind: "APPROVAL_REQUESTED",
    caseId: opts.c.id,
    userIds: users.map((u) => u.id),
    title: `Approval needed: ${opts.typeLabel} ${value} on case #${opts.c.number}`,
    body: `Level ${opts.level} of ${opts.of} (${opts.role}) · ${opts.c.title}`,
    link: `/approvals#action-${opts.actionId}`,
  });
  return users.length;
}

/** Tell the requester what happened to their request (`toChannels: false` for news meant only for them). */
export async function notifyRequester(tx: Tx, opts: { c: NotifyCase; userId: string; title: string; body: string; toChannels?: boolean }): Promise<void> {
  await recordNotification(tx, {
    kind: "DECISION_MADE",
    caseId: opts.c.id,
    userIds: [opts.userId],
    title: opts.title,
    body: opts.body,
    link: `/cases/${opts.c.id}#actions`,
    toChannels: opts.toChannels,
  });
}
