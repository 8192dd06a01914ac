/**
 * Case alerts that no person triggers: a new critical case (or a case that became critical) from detection,
 * and "SLA about to breach" from the escalation sweep. Both go to the case's assignee plus — for critical
 * cases always, for SLA warnings only when nobody owns the case — the planners and supervisors of its site,
 * and to the team channels subscribed to the kind. Not server-only: detection and the sweep run in the worker.
 */
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import { recordNotifications, type NotificationEvent } from "@/lib/server/notify/record-notifications";
import { loadNotificationSettings } from "@/lib/server/notify/settings";

type Tx = Prisma.TransactionClient;

export type AlertCase = { id: string; number: number; title: string; siteId: string; assigneeId: string | null };

/** Active planners and supervisors per site: the people who pick up unowned work there. */
async function siteTriagers(tx: Tx, siteIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (siteIds.length === 0) return out;
  const rows = await tx.userSite.findMany({
    where: { locationId: { in: siteIds }, user: { active: true, role: { in: ["planner", "supervisor"] } } },
    select: { userId: true, locationId: true },
  });
  for (const r of rows) out.set(r.locationId, [...(out.get(r.locationId) ?? []), r.userId]);
  return out;
}

/** Inside detection's transaction, after its writes: tell about cases opened as CRITICAL or raised to CRITICAL. */
export async function notifyCriticalCases(tx: Tx, input: { openedIds: readonly string[]; raisedIds: readonly string[]; at: Date }): Promise<number> {
  const ids = [...input.openedIds, ...input.raisedIds];
  if (ids.length === 0) return 0;
  const raised = new Set(input.raisedIds);
  const cases: AlertCase[] = await tx.case.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, title: true, siteId: true, assigneeId: true }, orderBy: { number: "asc" } });
  const triagers = await siteTriagers(tx, [...new Set(cases.map((c) => c.siteId))]);
  const events: NotificationEvent[] = cases.map((c) => ({
    kind: "NEW_CRITICAL_CASE",
    caseId: c.id,
    userIds: [...(c.assigneeId ? [c.assigneeId] : []), ...(triagers.get(c.siteId) ?? [])],
    title: raised.has(c.id) ? `Case #${c.number} is now critical` : `New critical case #${c.number}`,
    body: c.title,
    link: `/cases/${c.id}`,
    createdAt: input.at,
  }));
  return (await recordNotifications(tx, events)).notifications;
}

const minutesLeft = (due: Date, now: Date) => Math.max(0, Math.round((due.getTime() - now.getTime()) / 60_000));
/** "45 minutes", "1 hour", "1 hour 30 minutes", "3 hours" (minutes rounded to 5 past the first hour). */
export function inWords(min: number): string {
  if (min < 60) return `${min} minute${min === 1 ? "" : "s"}`;
  const h = Math.floor(min / 60);
  const m = Math.round((min % 60) / 5) * 5;
  const hours = `${h} hour${h === 1 ? "" : "s"}`;
  return m === 0 || m === 60 ? (m === 60 ? `${h + 1} hours` : hours) : `${hours} ${m} minutes`;
}

/**
 * Open, unsnoozed cases whose SLA falls due within the organisation's lead time get one SLA_AT_RISK warning per
 * due date (SlaWarning(caseId, slaDueAt) is the idempotency guard: a re-run or a second worker warns no one
 * twice; a case whose due date moves gets a new warning when the new one comes close).
 */
export async function warnCasesNearSla(db: PrismaClient, now = new Date()): Promise<{ warned: number }> {
  const { slaWarningMinutes } = await loadNotificationSettings(db);
  const horizon = new Date(now.getTime() + slaWarningMinutes * 60_000);
  return db.$transaction(async (tx) => {
    const fresh = await tx.$queryRawUnsafe<{ caseId: string }[]>(
      `INSERT INTO "SlaWarning" ("caseId", "slaDueAt", "warnedAt")
       SELECT id, "slaDueAt", $1::timestamptz AT TIME ZONE 'UTC' FROM "Case"
       WHERE status <> 'RESOLVED' AND "snoozedAt" IS NULL
         AND "slaDueAt" > $1::timestamptz AT TIME ZONE 'UTC' AND "slaDueAt" <= $2::timestamptz AT TIME ZONE 'UTC'
       ON CONFLICT DO NOTHING
       RETURNING "caseId"`,
      now.toISOString(),
      horizon.toISOString(),
    );
    if (fresh.length === 0) return { warned: 0 };
    const cases = await tx.case.findMany({
      where: { id: { in: fresh.map((f) => f.caseId) } },
      select: { id: true, number: true, title: true, siteId: true, assigneeId: true, slaDueAt: true },
    });
    const unowned = cases.filter((c) => !c.assigneeId);
    const triagers = await siteTriagers(tx, [...new Set(unowned.map((c) => c.siteId))]);
    const events: NotificationEvent[] = cases.map((c) => ({
      kind: "SLA_AT_RISK",
      caseId: c.id,
      userIds: c.assigneeId ? [c.assigneeId] : (triagers.get(c.siteId) ?? []),
      title: `SLA due in ${inWords(minutesLeft(c.slaDueAt, now))}: case #${c.number}`,
      body: `${c.title} — due ${c.slaDueAt.toISOString().slice(0, 16).replace("T", " ")} UTC${c.assigneeId ? "" : " · nobody owns it yet"}.`,
      link: `/cases/${c.id}`,
      createdAt: now,
    }));
    await recordNotifications(tx, events);
    return { warned: cases.length };
  });
}
