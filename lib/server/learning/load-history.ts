/**
 * Reads the outcome history the learning loop learns from: resolved cases per rule (one SQL
 * aggregate), and one rule's resolved cases with their stored threshold comparisons for replay.
 * Cases persisted before comparisons were stored fall back to their exceptions' evidence.
 */
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import { classifyOutcome, type OutcomeGroup } from "@/lib/domain/learning/outcomes";
import { readStoredTriggers, triggerFromEvidence } from "@/lib/domain/learning/rule-triggers";
import type { ReplayCase, ReplayTrigger } from "@/lib/domain/learning/propose-threshold";
import type { AbcClass } from "@/lib/domain/model/snapshot";

type Db = PrismaClient | Prisma.TransactionClient;

// Detection writes CONDITION_CLEARED into the reason (no code); people's reasons are free text and must not be grouped on.
const CODE_SQL = `COALESCE(c."resolutionCode", CASE WHEN c."resolutionReason" = 'CONDITION_CLEARED' THEN 'CONDITION_CLEARED' END)`;
const ACTED_SQL = `EXISTS (SELECT 1 FROM "CaseAction" a WHERE a."caseId" = c.id AND a.status = 'APPROVED')`;

/**
 * Resolved cases since `since`, grouped by rule (primary type), resolution code and whether an action was approved.
 * The approved actions are hash-joined once (a probe per case would cost seconds on a million resolved cases).
 */
export async function loadOutcomeGroups(db: Db, since: Date): Promise<OutcomeGroup[]> {
  const rows = await db.$queryRawUnsafe<{ ruleType: string; code: string | null; acted: boolean; cases: number; usd: number }[]>(
    `SELECT c."primaryType" AS "ruleType", ${CODE_SQL} AS code, (a."caseId" IS NOT NULL) AS acted, count(*)::int AS cases, COALESCE(sum(c.exposure), 0)::float8 AS usd
     FROM "Case" c
     LEFT JOIN (SELECT DISTINCT "caseId" FROM "CaseAction" WHERE status = 'APPROVED') a ON a."caseId" = c.id
     WHERE c.status = 'RESOLVED' AND c."resolvedAt" >= $1::timestamptz AT TIME ZONE 'UTC'
     GROUP BY 1, 2, 3`,
    since.toISOString(),
  );
  return rows.map((r) => ({ ruleType: r.ruleType, resolutionCode: r.code, hadApprovedAction: r.acted, cases: Number(r.cases), exposureUsd: Number(r.usd) }));
}

type CaseRow = { id: string; number: number; exposure: number; code: string | null; acted: boolean; lastScoredAt: Date; ruleTriggers: unknown };
type ExceptionRow = { caseId: string; type: string; siteId: string; itemId: string | null; evidence: Record<string, unknown> | null };

/** One rule's resolved cases since `since`, each with its findings' comparisons, ready for proposeThreshold. */
export async function loadReplayCases(db: Db, ruleType: string, since: Date): Promise<ReplayCase[]> {
  const cases = await db.$queryRawUnsafe<CaseRow[]>(
    `SELECT c.id, c.number, c.exposure, ${CODE_SQL} AS code, ${ACTED_SQL} AS acted, c."lastScoredAt", c."ruleTriggers"
     FROM "Case" c
     WHERE c."primaryType" = $1 AND c.status = 'RESOLVED' AND c."resolvedAt" >= $2::timestamptz AT TIME ZONE 'UTC'
     ORDER BY c.number`,
    ruleType,
    since.toISOString(),
  );
  const stored = new Map(cases.map((c) => [c.id, readStoredTriggers(c.ruleTriggers)]));
  const legacy = cases.filter((c) => (stored.get(c.id) ?? []).length === 0).map((c) => c.id);
  const fromEvidence = new Map<string, ExceptionRow[]>();
  if (legacy.length > 0) {
    const rows = await db.$queryRawUnsafe<ExceptionRow[]>(`SELECT "caseId", type, "siteId", "itemId", evidence FROM "Exception" WHERE "caseId" = ANY($1::text[])`, legacy);
    for (const r of rows) fromEvidence.set(r.caseId, [...(fromEvidence.get(r.caseId) ?? []), r]);
  }
  const itemIds = new Set<string>();
  for (const list of stored.values()) for (const t of list) if (t.itemId) itemIds.add(t.itemId);
  for (const list of fromEvidence.values()) for (const e of list) if (e.itemId) itemIds.add(e.itemId);
  // Overrides per ABC class are resolved with the item's class today (a reclassified item replays under its new class).
  const abc = new Map<string, AbcClass>();
  if (itemIds.size > 0) {
    const items = await db.$queryRawUnsafe<{ id: string; abcClass: string }[]>(`SELECT id, "abcClass" FROM "Item" WHERE id = ANY($1::text[])`, [...itemIds]);
    for (const i of items) if (i.abcClass === "A" || i.abcClass === "B" || i.abcClass === "C") abc.set(i.id, i.abcClass);
  }
  const abcOf = (itemId: string | null) => (itemId ? (abc.get(itemId) ?? null) : null);
  return cases.map((c) => {
    let triggers: ReplayTrigger[] = (stored.get(c.id) ?? []).map((t) => ({ key: t.key, value: t.value, also: t.also, siteId: t.siteId, abcClass: abcOf(t.itemId) }));
    if (triggers.length === 0) {
      triggers = (fromEvidence.get(c.id) ?? []).map((e) => {
        const t = triggerFromEvidence(e.type, e.evidence ?? {}, new Date(c.lastScoredAt));
        return { key: t?.key ?? null, value: t?.value ?? null, also: t?.also ?? false, siteId: e.siteId, abcClass: abcOf(e.itemId) };
      });
    }
    return { id: c.id, number: Number(c.number), exposure: Number(c.exposure), outcome: classifyOutcome({ resolutionCode: c.code, hadApprovedAction: c.acted }), triggers };
  });
}
