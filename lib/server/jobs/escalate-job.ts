/**
 * Job `escalate` (every 5 minutes): cases not resolved in time climb the escalation ladder —
 * level 1 once now is past slaDueAt, level 2 once now is past twice the SLA (openedAt + 2 × (slaDueAt
 * − openedAt)). Each raise writes an "ESCALATED" timeline event and an audit row in the same
 * transaction. Levels only go up, so re-running the job (or two workers racing) changes nothing twice.
 * The same sweep sends "SLA about to breach" notifications (lib/server/notify/case-alerts.ts).
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { wakeDueSnoozes } from "@/lib/server/pipeline/wake-snoozed-cases";
import { log } from "@/lib/server/log";
import { warnCasesNearSla } from "@/lib/server/notify/case-alerts";

export type EscalateJobData = { asOf?: string };
export type EscalationSummary = { level1: number; level2: number; ms: number };

type Raised = { id: string; siteId: string; from: number; to: number; slaDueAt: Date; openedAt: Date };

/** Raise escalation levels as of `now`; returns how many cases reached each level in this sweep. */
export async function escalateOverdueCases(db: PrismaClient, now = new Date()): Promise<EscalationSummary> {
  const started = Date.now();
  const raised = await db.$transaction(async (tx) => {
    // The conditional UPDATE is the idempotency guard: a row already at the target level is not touched.
    const rows = await tx.$queryRawUnsafe<Raised[]>(
      `WITH target AS (
         SELECT id, "escalationLevel" AS from_level,
           CASE WHEN $1::timestamptz AT TIME ZONE 'UTC' > "openedAt" + 2 * ("slaDueAt" - "openedAt") THEN 2 ELSE 1 END AS to_level
         FROM "Case"
         WHERE status <> 'RESOLVED' AND "slaDueAt" < $1::timestamptz AT TIME ZONE 'UTC' AND "escalationLevel" < 2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE "Case" c SET "escalationLevel" = t.to_level, "escalatedAt" = $1::timestamptz AT TIME ZONE 'UTC'
       FROM target t WHERE c.id = t.id AND t.to_level > c."escalationLevel"
       RETURNING c.id, c."siteId", t.from_level AS "from", t.to_level AS "to", c."slaDueAt", c."openedAt"`,
      now.toISOString(),
    );
    if (rows.length === 0) return rows;
    const events = rows.map((r) => ({
      id: randomUUID(),
      caseId: r.id,
      type: "ESCALATED",
      data: { level: Number(r.to), from: Number(r.from), slaDueAt: r.slaDueAt.toISOString(), reason: Number(r.to) === 2 ? "past 2× SLA" : "past SLA" },
      createdAt: now,
    }));
    await tx.$executeRawUnsafe(
      `INSERT INTO "CaseEvent" (id, "caseId", type, data, "createdAt")
       SELECT r.id, r."caseId", r.type, r.data, r."createdAt" FROM jsonb_to_recordset($1::jsonb) AS r(id text, "caseId" text, type text, data jsonb, "createdAt" timestamp)`,
      JSON.stringify(events),
    );
    await appendAudit(
      tx,
      rows.map((r) => ({
        actorId: null,
        actorRole: "system",
        action: "case.escalated",
        entityType: "Case",
        entityId: r.id,
        caseId: r.id,
        siteId: r.siteId,
        before: { escalationLevel: Number(r.from) },
        after: { escalationLevel: Number(r.to) },
        reason: Number(r.to) === 2 ? "Open past twice its SLA" : "Open past its SLA",
      })),
    );
    return rows;
  });
  return {
    level1: raised.filter((r) => Number(r.to) === 1).length,
    level2: raised.filter((r) => Number(r.to) === 2).length,
    ms: Date.now() - started,
  };
}

/** Job handler: one sweep; the summary is stored as the job's output. Cron-scheduled jobs arrive with `data: null`. */
export async function handleEscalateJob(db: PrismaClient, data: EscalateJobData | null = {}): Promise<EscalationSummary> {
  const summary = await escalateOverdueCases(db, data?.asOf ? new Date(data.asOf) : new Date());
  if (summary.level1 + summary.level2 > 0) log.info({ level1: summary.level1, level2: summary.level2, ms: summary.ms }, "cases escalated");
  // The same sweep wakes snoozes whose date passed while nothing re-detected their case.
  const woken = await wakeDueSnoozes(db, { now: data?.asOf ? new Date(data.asOf) : new Date() });
  if (woken.woken > 0) log.info({ woken: woken.woken }, "snoozed cases woken");
  // …and warns about cases whose SLA falls due within the lead time (before they escalate).
  const sla = await warnCasesNearSla(db, data?.asOf ? new Date(data.asOf) : new Date());
  if (sla.warned > 0) log.info({ warned: sla.warned }, "SLA warnings sent");
  return summary;
}
