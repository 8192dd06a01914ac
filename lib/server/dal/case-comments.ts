import "server-only";
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { siteScope, type Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { usersForSite } from "@/lib/server/dal/case-people";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { recordNotification } from "@/lib/server/notify/record-notifications";
import { invalid, notFound } from "@/lib/server/errors";
import { mentionsInBody, type Mention } from "@/lib/domain/case/mentions";

export type CommentInput = { caseId: string; body: string; mentions?: string[] };
export type CommentResult = { eventId: string; mentioned: Mention[]; notified: number };

export const MAX_MENTIONS = 20;

/** First line of a comment, short enough for a notification. */
const preview = (body: string) => (body.length > 160 ? `${body.slice(0, 157)}…` : body);

/**
 * Comment on a case. Mentions arrive as user ids picked in the autocomplete; each must be someone
 * who can see the case (else the whole comment is refused), and only those whose "@Name" is still
 * in the text count. The timeline event stores { body, mentions }, every mentioned person except
 * the author gets a MENTION notification linking to the case, and an audit row records it — one transaction.
 */
export async function addCaseComment(viewer: Viewer, input: CommentInput): Promise<CommentResult> {
  authorize(viewer, "cases.comment");
  const body = input.body.trim();
  if (!body) throw invalid("Write something first.");
  const c = await prisma.case.findFirst({ where: { id: input.caseId, ...siteScope(viewer) }, select: { id: true, number: true, title: true, siteId: true } });
  if (!c) throw notFound("Case");

  const pickedIds = [...new Set(input.mentions ?? [])];
  if (pickedIds.length > MAX_MENTIONS) throw invalid(`Mention at most ${MAX_MENTIONS} people in one comment.`);
  let mentioned: Mention[] = [];
  if (pickedIds.length > 0) {
    const audience = new Map((await usersForSite(c.siteId, "cases.read")).map((u) => [u.id, u]));
    if (pickedIds.some((id) => !audience.has(id))) throw invalid("Only people who can see this case can be mentioned.");
    mentioned = mentionsInBody(
      body,
      pickedIds.map((id) => ({ id, name: audience.get(id)!.name })),
    );
  }
  const notify = mentioned.filter((m) => m.id !== viewer.id);

  return prisma.$transaction(async (tx) => {
    const event = await tx.caseEvent.create({
      data: { caseId: c.id, type: "COMMENTED", actorId: viewer.id, data: { body, mentions: mentioned } as Prisma.InputJsonValue },
    });
    if (notify.length > 0) {
      await recordNotification(tx, {
        kind: "MENTION",
        caseId: c.id,
        userIds: notify.map((m) => m.id),
        title: `${viewer.name} mentioned you on case #${c.number}`,
        body: preview(body),
        link: `/cases/${c.id}#timeline`,
      });
    }
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "case.commented",
      entityType: "CaseEvent",
      entityId: event.id,
      caseId: c.id,
      siteId: c.siteId,
      after: { length: body.length, mentions: mentioned.map((m) => m.id), notified: notify.map((m) => m.id) },
    });
    return { eventId: event.id, mentioned, notified: notify.length };
  });
}
