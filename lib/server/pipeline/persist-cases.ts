import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import type { CaseDraft } from "@/lib/domain/model/case-draft";
import { appendAudit, type AuditInput } from "@/lib/server/audit/append-audit";

export type PersistResult = { created: number; rescored: number; unchanged: number; autoResolved: number };

// A rescore shorter than this is noise; it updates the numbers but adds no timeline event.
const RESCORE_EVENT_THRESHOLD = 0.01;

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

function caseFields(draft: CaseDraft, asOf: Date) {
  return {
    title: draft.title,
    primaryType: draft.primaryType,
    siteId: draft.siteId,
    itemId: draft.itemId,
    supplierId: draft.supplierId,
    severity: draft.score.severity,
    score: draft.score.total,
    serviceExposure: draft.score.serviceExposure,
    financialExposure: draft.score.financialExposure,
    urgency: draft.score.urgency,
    confidence: draft.score.confidence,
    explanation: json(draft.score),
    configVersion: draft.score.configVersion,
    dataAsOf: draft.dataAsOf,
    slaDueAt: draft.slaDueAt,
    lastScoredAt: asOf,
  };
}

/**
 * Make the case table match a detection run: one open case per causeKey (created or rescored),
 * exceptions upserted by fingerprint, and cases whose condition cleared in the source resolved by
 * the system — OPEN ones and ACTION_APPROVED ones (the approved action worked). A case waiting for a
 * decision (PENDING_APPROVAL) is left alone: the approver must see what they are deciding.
 */
export async function persistCaseDrafts(db: PrismaClient, drafts: CaseDraft[], asOf: Date): Promise<PersistResult> {
  const result: PersistResult = { created: 0, rescored: 0, unchanged: 0, autoResolved: 0 };
  await db.$transaction(
    async (tx) => {
      // Detection runs are serialised so two workers never open the same case twice.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727002)`;
      const open = await tx.case.findMany({
        where: { status: { not: "RESOLVED" } },
        select: { id: true, causeKey: true, score: true, severity: true, status: true, siteId: true },
      });
      const openByKey = new Map(open.map((c) => [c.causeKey, c]));
      const audit: AuditInput[] = [];
      const seen = new Set<string>();

      for (const draft of drafts) {
        seen.add(draft.causeKey);
        const existing = openByKey.get(draft.causeKey);
        let caseId: string;
        if (existing) {
          caseId = existing.id;
          await tx.case.update({ where: { id: caseId }, data: caseFields(draft, asOf) });
          const change = Math.abs(draft.score.total - existing.score) / Math.max(existing.score, 1);
          if (change > RESCORE_EVENT_THRESHOLD || existing.severity !== draft.score.severity) {
            result.rescored++;
            await tx.caseEvent.create({
              data: {
                caseId,
                type: "RESCORED",
                data: json({ from: existing.score, to: draft.score.total, severityFrom: existing.severity, severityTo: draft.score.severity }),
              },
            });
          } else result.unchanged++;
        } else {
          const created = await tx.case.create({
            data: { causeKey: draft.causeKey, openedAt: asOf, ...caseFields(draft, asOf) },
            select: { id: true, number: true },
          });
          caseId = created.id;
          result.created++;
          await tx.caseEvent.create({
            data: {
              caseId,
              type: "DETECTED",
              createdAt: asOf,
              data: json({ types: draft.findings.map((f) => f.type), score: draft.score.total, severity: draft.score.severity }),
            },
          });
          audit.push({
            actorId: null,
            actorRole: "system",
            action: "case.opened",
            entityType: "Case",
            entityId: caseId,
            caseId,
            siteId: draft.siteId,
            after: { number: created.number, title: draft.title, score: draft.score.total, severity: draft.score.severity, configVersion: draft.score.configVersion },
          });
        }
        const fingerprints = draft.findings.map((f) => f.fingerprint);
        for (const f of draft.findings) {
          const data = {
            type: f.type,
            caseId,
            siteId: f.siteId,
            itemId: f.itemId,
            chainOrder: f.chainOrder,
            summary: f.summary,
            evidence: json(f.evidence),
            exposure: f.exposure,
            eventAt: f.eventAt,
            clearedAt: null,
          };
          await tx.exception.upsert({ where: { fingerprint: f.fingerprint }, create: { fingerprint: f.fingerprint, detectedAt: asOf, ...data }, update: data });
        }
        await tx.exception.updateMany({
          where: { caseId, fingerprint: { notIn: fingerprints }, clearedAt: null },
          data: { clearedAt: asOf },
        });
      }

      for (const c of open) {
        if (seen.has(c.causeKey)) continue;
        await tx.exception.updateMany({ where: { caseId: c.id, clearedAt: null }, data: { clearedAt: asOf } });
        if (c.status !== "OPEN" && c.status !== "ACTION_APPROVED") continue;
        await tx.case.update({ where: { id: c.id }, data: { status: "RESOLVED", resolvedAt: asOf, resolutionReason: "CONDITION_CLEARED" } });
        await tx.caseEvent.create({ data: { caseId: c.id, type: "RESOLVED", data: json({ reason: "CONDITION_CLEARED", by: "detection" }) } });
        audit.push({
          actorId: null,
          actorRole: "system",
          action: "case.resolved",
          entityType: "Case",
          entityId: c.id,
          caseId: c.id,
          siteId: c.siteId,
          before: { status: c.status },
          after: { status: "RESOLVED" },
          reason: "Condition no longer detected",
        });
        result.autoResolved++;
      }
      await appendAudit(tx, audit);
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
  return result;
}
