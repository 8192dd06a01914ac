/**
 * The daily digest (job `notifications.digest`): per person with the digest on, their open cases, the
 * approvals waiting at their level and the failed write-backs they are involved in (or may retry) — sent by
 * e-mail only when something on that list is new, changed or gone since the last digest they got
 * (lib/domain/notify/digest.ts decides). The fingerprints reported are stored per person and item; a quiet
 * day stores nothing, so a change is measured against what the person last saw. One DigestRun row per person
 * and UTC day makes a re-run of the job on the same day a no-op. Not server-only: the worker runs it.
 */
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import { hasPermission, seesAllSites } from "@/lib/domain/auth/permissions";
import { readRequiredLevels } from "@/lib/domain/approval/policy";
import { DIGEST_SECTIONS, caseDigestState, decideDigest, type DigestItem } from "@/lib/domain/notify/digest";
import { effectivePreferences } from "@/lib/domain/notify/preferences";
import type { NotifyMessage } from "@/lib/domain/notify/messages";
import { mailConfigured } from "@/lib/server/notify/config";
import { wakeDeliveryWorkers } from "@/lib/server/notify/wake-workers";

type Person = { id: string; role: string; siteIds: string[] };
export type DigestSummary = { day: string; users: number; sent: number; quiet: number; alreadyDone: number; skipped?: string };

const SEVERITY = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();
const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;
const typeLabel = (t: string) => t.charAt(0) + t.slice(1).toLowerCase().replace(/_/g, " ");

/** The person's items today. */
export async function digestItems(db: PrismaClient, p: Person, now: Date): Promise<DigestItem[]> {
  const all = seesAllSites(p.role);
  const site = all ? {} : { siteId: { in: p.siteIds } };
  const items: DigestItem[] = [];

  const cases = await db.case.findMany({
    where: { assigneeId: p.id, status: { not: "RESOLVED" }, ...site },
    orderBy: [{ score: "desc" }, { number: "asc" }],
    take: 200,
    select: { id: true, number: true, title: true, status: true, severity: true, escalationLevel: true, slaDueAt: true, assigneeId: true, snoozedAt: true, writeBackFailedAt: true, site: { select: { code: true } } },
  });
  for (const c of cases) {
    const state = caseDigestState({ ...c, now });
    const bits = [SEVERITY(c.severity), c.site.code, typeLabel(c.status), state.slaBreached ? "SLA breached" : `SLA ${c.slaDueAt.toISOString().slice(0, 10)}`];
    if (c.escalationLevel > 0) bits.push(`escalated (level ${c.escalationLevel})`);
    if (c.snoozedAt) bits.push("snoozed");
    items.push({ key: `case:${c.id}`, section: "cases", title: `#${c.number} ${c.title}`, detail: bits.join(" · "), link: `/cases/${c.id}`, state });
  }

  if (hasPermission(p.role, "actions.approve")) {
    const pending = await db.caseAction.findMany({
      where: { status: "PENDING_APPROVAL", requestedById: { not: p.id }, case: site },
      orderBy: [{ valueUsd: "desc" }, { requestedAt: "asc" }],
      take: 200,
      select: { id: true, type: true, valueUsd: true, currentLevel: true, revision: true, requiredLevels: true, approvals: { select: { deciderId: true, level: true } }, case: { select: { number: true, title: true } } },
    });
    for (const a of pending) {
      const levels = readRequiredLevels(a.requiredLevels);
      const level = levels.find((l) => l.level === a.currentLevel);
      if (!level || (level.role !== p.role && p.role !== "admin")) continue;
      if (a.approvals.some((x) => x.deciderId === p.id && x.level !== a.currentLevel)) continue; // one person, one level
      items.push({
        key: `approval:${a.id}`,
        section: "approvals",
        title: `${typeLabel(a.type)} ${usd(a.valueUsd)} on case #${a.case.number}`,
        detail: `Level ${a.currentLevel} of ${levels.length} · ${a.case.title}`,
        link: `/approvals#action-${a.id}`,
        state: { status: "PENDING_APPROVAL", level: a.currentLevel, revision: a.revision },
      });
    }
  }

  const mayRetry = hasPermission(p.role, "writeback.retry");
  const involved = mayRetry ? {} : { OR: [{ requestedById: p.id }, { decidedById: p.id }, { approvals: { some: { deciderId: p.id } } }] };
  const failed = await db.writeBack.findMany({
    where: { status: "FAILED", action: { ...involved, case: { status: { not: "RESOLVED" }, ...site } } },
    orderBy: { failedAt: "desc" },
    take: 100,
    select: { id: true, attempts: true, failedAt: true, lastError: true, caseId: true, action: { select: { type: true, case: { select: { number: true } } } } },
  });
  for (const w of failed) {
    items.push({
      key: `writeback:${w.id}`,
      section: "writeBacks",
      title: `${typeLabel(w.action.type)} on case #${w.action.case.number}`,
      detail: `Failed after ${w.attempts} attempt${w.attempts === 1 ? "" : "s"}${w.lastError ? `: ${w.lastError.slice(0, 120)}` : ""}`,
      link: `/cases/${w.caseId}`,
      state: { status: "FAILED", attempts: w.attempts, failedAt: w.failedAt?.toISOString() ?? null },
    });
  }
  return items;
}

function digestMessage(day: string, items: DigestItem[], marks: Record<string, "new" | "changed" | "unchanged">, removed: number): NotifyMessage {
  const fresh = Object.values(marks).filter((m) => m !== "unchanged").length;
  return {
    kind: "DIGEST",
    title: `Your daily digest for ${day}: ${items.length} item${items.length === 1 ? "" : "s"}, ${fresh} new or changed`,
    body: items.length === 0 ? "Nothing is waiting for you." : "",
    link: "/cases?assignee=me",
    digest: {
      date: day,
      changed: fresh,
      removed,
      sections: DIGEST_SECTIONS.map((s) => ({
        heading: s.heading,
        items: items.filter((i) => i.section === s.id).map((i) => ({ title: i.title, detail: i.detail, link: i.link, mark: marks[i.key] })),
      })),
    },
  };
}

/** Run the digest for every active person with it on, as of `now` (the UTC date names the day). */
export async function runDailyDigest(db: PrismaClient, now = new Date()): Promise<DigestSummary> {
  const day = now.toISOString().slice(0, 10);
  const summary: DigestSummary = { day, users: 0, sent: 0, quiet: 0, alreadyDone: 0 };
  if (!mailConfigured()) return { ...summary, skipped: "E-mail is not configured (SMTP_URL); the digest is sent by e-mail." };
  const [users, prefs, settings] = await Promise.all([
    db.user.findMany({ where: { active: true }, select: { id: true, role: true, sites: { select: { locationId: true } } }, orderBy: { id: "asc" } }),
    db.notificationPreference.findMany({ select: { userId: true, matrix: true, digest: true } }),
    db.notificationSettings.findUnique({ where: { id: "default" } }),
  ]);
  const prefOf = new Map(prefs.map((p) => [p.userId, p]));
  for (const u of users) {
    if (!effectivePreferences(prefOf.get(u.id) ?? null, settings).digest) continue;
    summary.users++;
    if (await db.digestRun.findUnique({ where: { userId_day: { userId: u.id, day } }, select: { day: true } })) {
      summary.alreadyDone++;
      continue;
    }
    const items = await digestItems(db, { id: u.id, role: u.role, siteIds: u.sites.map((s) => s.locationId) }, now);
    const stored = await db.digestItemState.findMany({ where: { userId: u.id }, select: { itemKey: true, fingerprint: true } });
    const decision = decideDigest(Object.fromEntries(stored.map((s) => [s.itemKey, s.fingerprint])), items);
    const outcome = await db.$transaction(async (tx) => {
      const claimed = await tx.digestRun.createMany({
        data: [{ userId: u.id, day, sent: decision.send, items: items.length, changed: decision.added.length + decision.changed.length + decision.removed.length, at: now }],
        skipDuplicates: true,
      });
      if (claimed.count === 0) return "alreadyDone" as const; // another worker ran this person's digest today
      if (!decision.send) return "quiet" as const;
      await tx.digestItemState.deleteMany({ where: { userId: u.id } });
      const rows: Prisma.DigestItemStateCreateManyInput[] = Object.entries(decision.fingerprints).map(([itemKey, fingerprint]) => ({ userId: u.id, itemKey, fingerprint, seenAt: now }));
      if (rows.length) await tx.digestItemState.createMany({ data: rows });
      const message = digestMessage(day, items, decision.marks, decision.removed.length);
      await tx.notificationDelivery.create({
        data: { channel: "EMAIL", kind: "DIGEST", userId: u.id, message: JSON.parse(JSON.stringify(message)) as Prisma.InputJsonValue, createdAt: now, nextAttemptAt: now },
      });
      await wakeDeliveryWorkers(tx);
      return "sent" as const;
    });
    summary[outcome]++;
  }
  return summary;
}
