/**
 * Test support for the learning loop: inserts resolved past cases (with their stored threshold
 * comparisons, actions and, for "legacy" cases, exceptions) the way detection, triage and approval
 * would have left them, so a test controls the history it learns from.
 */
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import type { StoredTriggers } from "@/lib/domain/learning/rule-triggers";

type ActionType = "EXPEDITE" | "TRANSFER" | "REALLOCATE" | "RECOUNT" | "HOLD" | "ADJUST";

export interface HistoryCase {
  primaryType: string;
  siteId: string;
  supplierId?: string | null;
  itemId?: string | null;
  openedAt: Date;
  resolvedAt: Date;
  /** Case.resolutionCode; detection's auto-resolution writes only resolutionReason = CONDITION_CLEARED. */
  resolutionCode?: string | null;
  resolutionReason?: string | null;
  exposure: number;
  /** Stored comparisons, one finding each (key = threshold, value = peak). */
  triggers?: { type?: string; key: string | null; value: number | null; also?: boolean }[];
  /** Actions on the case with their final status. */
  actions?: { type: ActionType; status: "APPROVED" | "REJECTED" | "CANCELLED" }[];
  /** Exceptions still attached (cases stored before comparisons were kept are replayed from these). */
  exceptions?: { type: string; evidence: Record<string, unknown> }[];
  lastScoredAt?: Date;
}

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/** Inserts one resolved case (and its actions/exceptions); returns its id and number. */
export async function insertHistoryCase(db: PrismaClient, h: HistoryCase, requesterId: string): Promise<{ id: string; number: number }> {
  const id = randomUUID();
  const triggers: StoredTriggers = {};
  (h.triggers ?? []).forEach((t, i) => {
    triggers[`${t.type ?? h.primaryType}:${id}:${i}`] = { type: t.type ?? h.primaryType, key: t.key, value: t.value, threshold: null, also: t.also ?? false, siteId: h.siteId, itemId: h.itemId ?? null };
  });
  const c = await db.case.create({
    data: {
      id,
      causeKey: `history:${id}`,
      title: `History ${h.primaryType}`,
      primaryType: h.primaryType,
      siteId: h.siteId,
      itemId: h.itemId ?? null,
      supplierId: h.supplierId ?? null,
      severity: "MEDIUM",
      score: h.exposure,
      serviceExposure: h.exposure,
      financialExposure: 0,
      exposure: h.exposure,
      urgency: 0.5,
      confidence: 1,
      explanation: json({ total: h.exposure, terms: [], vector: {}, configVersion: 1 }),
      configVersion: 1,
      status: "RESOLVED",
      openedAt: h.openedAt,
      dataAsOf: h.openedAt,
      slaDueAt: h.openedAt,
      lastScoredAt: h.lastScoredAt ?? h.resolvedAt,
      resolvedAt: h.resolvedAt,
      resolutionCode: h.resolutionCode ?? null,
      resolutionReason: h.resolutionReason ?? null,
      ruleTriggers: json(triggers),
    },
  });
  for (const a of h.actions ?? []) {
    await db.caseAction.create({
      data: { caseId: id, type: a.type, status: a.status, payload: json({ quantity: 1 }), valueUsd: 0, note: "history", requestedById: requesterId, requestedAt: h.openedAt, decidedAt: h.resolvedAt, policyVersion: 1 },
    });
  }
  for (const [i, e] of (h.exceptions ?? []).entries()) {
    await db.exception.create({
      data: { fingerprint: `${e.type}:history:${id}:${i}`, type: e.type, caseId: id, siteId: h.siteId, itemId: h.itemId ?? null, summary: "history", evidence: json(e.evidence), exposure: h.exposure, eventAt: h.openedAt, clearedAt: h.resolvedAt },
    });
  }
  return { id, number: c.number };
}

/** Removes every resolved case and every proposal, so a cloned demo database holds only the history a test inserts. */
export async function clearOutcomeHistory(db: PrismaClient): Promise<void> {
  await db.$executeRawUnsafe(`DELETE FROM "Case" WHERE status = 'RESOLVED'`);
  await db.$executeRawUnsafe(`DELETE FROM "ThresholdProposal"`);
}
