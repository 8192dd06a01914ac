/**
 * Wakes snoozed cases whose wake condition fired (rules in lib/domain/case/snooze.ts): the snooze
 * fields are cleared, a WOKEN timeline event names the reason and an audit row (actor "system") is
 * written in the same transaction.
 *
 * Callers: persistCaseDrafts (date and score rise, right after rescoring, inside its transaction),
 * the detect.incremental job (a source record behind a case changed — even when detection does not
 * move the score) and the escalate cron (dates that passed while nothing was re-detected).
 */
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { describeSnoozeConditions, shouldWake, type WakeTrigger } from "@/lib/domain/case/snooze";
import { resolveItemLocations, type ChangeKeys } from "@/lib/server/pipeline/resolve-item-locations";

type Db = PrismaClient | Prisma.TransactionClient;
type Tx = Prisma.TransactionClient;

type SnoozedRow = {
  id: string;
  siteId: string;
  score: number;
  snoozedAt: Date;
  snoozeUntil: Date | null;
  snoozeOnChange: boolean;
  snoozeScoreRisePct: number | null;
  snoozeScoreBase: number | null;
};

export type WakeSummary = { woken: number; byTrigger: Record<WakeTrigger, number> };

const COLUMNS = `c.id, c."siteId", c.score, c."snoozedAt", c."snoozeUntil", c."snoozeOnChange", c."snoozeScoreRisePct", c."snoozeScoreBase"`;

/** Run in the caller's transaction when given one, else in a new one. */
function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in db && typeof db.$transaction === "function" ? (db as PrismaClient).$transaction(fn) : fn(db as Tx);
}

const emptySummary = (): WakeSummary => ({ woken: 0, byTrigger: { SOURCE_CHANGED: 0, SCORE_ROSE: 0, DATE_PASSED: 0 } });

/** Decide each locked row, clear the snooze of those that wake, and record why. */
async function wake(tx: Tx, rows: SnoozedRow[], now: Date, objectsChanged: boolean): Promise<WakeSummary> {
  const summary = emptySummary();
  const waking = rows.flatMap((r) => {
    const decision = shouldWake(r, { now, score: r.score, objectsChanged });
    return decision.wake ? [{ row: r, trigger: decision.trigger, reason: decision.reason }] : [];
  });
  if (waking.length === 0) return summary;
  // Conditional: a case woken (or unsnoozed by hand) a moment ago is not woken twice.
  const cleared = await tx.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "Case" SET "snoozedAt" = NULL, "snoozedById" = NULL, "snoozeUntil" = NULL, "snoozeOnChange" = false, "snoozeScoreRisePct" = NULL, "snoozeScoreBase" = NULL
     WHERE id = ANY($1::text[]) AND "snoozedAt" IS NOT NULL RETURNING id`,
    waking.map((w) => w.row.id),
  );
  const done = new Set(cleared.map((r) => r.id));
  const woken = waking.filter((w) => done.has(w.row.id));
  if (woken.length === 0) return summary;
  await tx.caseEvent.createMany({
    data: woken.map((w) => ({
      id: randomUUID(),
      caseId: w.row.id,
      type: "WOKEN",
      actorId: null,
      createdAt: now,
      data: {
        trigger: w.trigger,
        reason: w.reason,
        conditions: describeSnoozeConditions(w.row),
        snoozedAt: w.row.snoozedAt.toISOString(),
        score: w.row.score,
      },
    })),
  });
  await appendAudit(
    tx,
    woken.map((w) => ({
      actorId: null,
      actorRole: "system",
      action: "case.woken",
      entityType: "Case",
      entityId: w.row.id,
      caseId: w.row.id,
      siteId: w.row.siteId,
      before: {
        snoozedAt: w.row.snoozedAt.toISOString(),
        snoozeUntil: w.row.snoozeUntil?.toISOString() ?? null,
        snoozeOnChange: w.row.snoozeOnChange,
        snoozeScoreRisePct: w.row.snoozeScoreRisePct,
        snoozeScoreBase: w.row.snoozeScoreBase,
      },
      after: { snoozedAt: null, trigger: w.trigger },
      reason: w.reason,
    })),
  );
  for (const w of woken) summary.byTrigger[w.trigger]++;
  summary.woken = woken.length;
  return summary;
}

/**
 * Wake snoozed cases whose date passed or whose score rose past their threshold, as of `now`
 * (the wall clock by default). `caseIds` limits the check to the cases a detection run just rescored
 * (a full run passes every open case: the id list is a hashed lookup, checked only on snoozed rows).
 * Rows another transaction holds are skipped; the next run or sweep picks them up.
 */
export async function wakeDueSnoozes(db: Db, opts: { now?: Date; caseIds?: readonly string[] } = {}): Promise<WakeSummary> {
  const now = opts.now ?? new Date();
  if (opts.caseIds && opts.caseIds.length === 0) return emptySummary();
  return inTransaction(db, async (tx) => {
    const rows = await tx.$queryRawUnsafe<SnoozedRow[]>(
      `SELECT ${COLUMNS} FROM "Case" c
       WHERE c."snoozedAt" IS NOT NULL AND c.status <> 'RESOLVED'
         AND (c."snoozeUntil" <= $1::timestamptz AT TIME ZONE 'UTC' OR c."snoozeScoreRisePct" IS NOT NULL)
         AND ($2::text[] IS NULL OR c.id IN (SELECT unnest($2::text[])))
       ORDER BY c.id FOR UPDATE SKIP LOCKED`,
      now.toISOString(),
      opts.caseIds ? [...opts.caseIds] : null,
    );
    return wake(tx, rows, now, false);
  });
}

/**
 * Wake cases snoozed "until something changes" whose objects an ingestion just touched: a changed
 * item-location (directly or through a sales, purchase or transfer order's lines) that is the case's
 * own item+site or one of its open findings', or a changed purchase order / sales order that is the
 * case's root cause.
 */
export async function wakeSnoozedOnChange(db: PrismaClient, keys: ChangeKeys, now = new Date()): Promise<WakeSummary> {
  const pairs = await resolveItemLocations(db, keys);
  const poIds = keys.purchaseOrderIds ?? [];
  const soIds = keys.salesOrderIds ?? [];
  if (pairs.length === 0 && poIds.length === 0 && soIds.length === 0) return emptySummary();
  return inTransaction(db, async (tx) => {
    const rows = await tx.$queryRawUnsafe<SnoozedRow[]>(
      `WITH k AS (SELECT * FROM unnest($1::text[], $2::text[]) AS k(item, loc))
       SELECT ${COLUMNS} FROM "Case" c
       WHERE c."snoozedAt" IS NOT NULL AND c."snoozeOnChange" AND c.status <> 'RESOLVED' AND (
         (c."itemId", c."siteId") IN (SELECT item, loc FROM k)
         OR EXISTS (SELECT 1 FROM "Exception" e WHERE e."caseId" = c.id AND e."clearedAt" IS NULL AND (e."itemId", e."siteId") IN (SELECT item, loc FROM k))
         OR c."causeKey" IN (SELECT 'poline:' || pl.id FROM "PurchaseOrderLine" pl WHERE pl."purchaseOrderId" = ANY($3::text[]))
         OR c."causeKey" IN (SELECT 'so:' || s FROM unnest($4::text[]) AS s)
       )
       ORDER BY c.id FOR UPDATE OF c`,
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
      poIds,
      soIds,
    );
    return wake(tx, rows, now, true);
  });
}
