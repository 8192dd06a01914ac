/**
 * Makes the case table match a detection run, set-based: a handful of statements per run (each
 * carrying up to CHUNK rows as one JSON parameter), never one round trip per case, so a run with
 * 50k+ cases persists in seconds.
 *
 * Semantics: one open case per causeKey (created or rescored), exceptions upserted by fingerprint,
 * new cases routed by the routing rules; open cases whose condition cleared are resolved by the
 * system — OPEN ones and ACTION_APPROVED ones (the approved action worked) unless their write-back
 * still awaits the source's confirmation — with a timeline event and an audit row. A case waiting for a decision (PENDING_APPROVAL) is left alone: the approver
 * must see what they are deciding. Re-running on unchanged data changes nothing but lastScoredAt.
 */
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import type { CaseDraft } from "@/lib/domain/model/case-draft";
import { parseRoutingConditions, routeCase, type RoutingRuleDef } from "@/lib/domain/case/route-case";
import { caseSearchText } from "@/lib/domain/case/case-search-text";
import { caseCustomerTier } from "@/lib/domain/case/case-customer-tier";
import { caseRuleTriggers } from "@/lib/domain/learning/rule-triggers";
import { appendAudit, type AuditInput } from "@/lib/server/audit/append-audit";
import type { ItemLocationPair } from "@/lib/server/pipeline/load-snapshot";
import { wakeDueSnoozes } from "@/lib/server/pipeline/wake-snoozed-cases";
import { notifyCriticalCases } from "@/lib/server/notify/case-alerts";
import { DISMISSAL_MEMORY_DAYS, staysDismissed, type Dismissal } from "@/lib/domain/case/dismissal-memory";

/** keptDismissed: causes a planner closed as "Not an issue" that were found again but have not materially changed. */
export type PersistResult = { created: number; rescored: number; unchanged: number; autoResolved: number; keptDismissed: number };

/** Restricts persistence to the cases of some item-locations (incremental detection). */
export type PersistScope = { itemLocations: readonly ItemLocationPair[] };

// A rescore smaller than this is noise; it updates the numbers but adds no timeline event.
const RESCORE_EVENT_THRESHOLD = 0.01;
// Rows per statement: keeps each JSON parameter a few MB.
const CHUNK = 4000;
// Detection runs (full and incremental) serialise on this lock so two workers never open the same case twice.
const DETECTION_LOCK = 727_002;

type Tx = Prisma.TransactionClient;
type OpenCase = { id: string; causeKey: string; score: number; severity: string; status: string; siteId: string; inScope: boolean };
/** Fields the recommendation/summary work adds to CaseDraft; optional here so both shapes persist. */
type DraftText = { summary?: string; recommendations?: unknown[] };

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** JSON for a jsonb_to_recordset parameter: dates as ISO strings (timestamp casts drop the Z = UTC). */
const toJson = (rows: unknown[]) => JSON.stringify(rows);

function scoredFields(draft: CaseDraft & DraftText) {
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
    explanation: draft.score,
    configVersion: draft.score.configVersion,
    dataAsOf: draft.dataAsOf,
    slaDueAt: draft.slaDueAt,
    summary: draft.summary ?? "",
    recommendations: draft.recommendations ?? [],
    // Queue columns (filter / sort / free text); exposure itself is summed in SQL.
    searchText: caseSearchText(draft.title, draft.findings),
    customerTier: caseCustomerTier(draft.findings),
    // Threshold comparisons for the learning loop; an update keeps the peak (learning_merge_rule_triggers).
    ruleTriggers: caseRuleTriggers(draft.findings),
  };
}

const CASE_COLUMNS = `title text, "primaryType" text, "siteId" text, "itemId" text, "supplierId" text, severity text, score float8,
  "serviceExposure" float8, "financialExposure" float8, urgency float8, confidence float8, explanation jsonb, "configVersion" int,
  "dataAsOf" timestamp, "slaDueAt" timestamp, summary text, recommendations jsonb, "searchText" text, "customerTier" text, "ruleTriggers" jsonb`;

/** Enabled routing rules, parsed; malformed ones are dropped (they could never match). */
async function loadRoutingRules(tx: Tx): Promise<RoutingRuleDef[]> {
  const rows = await tx.routingRule.findMany({ where: { enabled: true }, orderBy: [{ position: "asc" }, { id: "asc" }] });
  return rows.flatMap((r) => {
    const conditions = parseRoutingConditions(r.conditions);
    return conditions ? [{ id: r.id, position: r.position, name: r.name, enabled: r.enabled, conditions, team: r.team, assigneeId: r.assigneeId }] : [];
  });
}

/**
 * Open cases a run compares against: all of them, or — with a scope — those rooted at the scope's
 * item-locations (`inScope`: may be resolved if not re-detected) plus any whose causeKey a draft
 * carries (a case rooted elsewhere that the slice re-detected, e.g. a credit-held order's case).
 */
async function loadOpenCases(tx: Tx, causeKeys: string[], scope?: PersistScope): Promise<OpenCase[]> {
  if (!scope) {
    return tx.$queryRawUnsafe<OpenCase[]>(
      `SELECT id, "causeKey", score, severity::text AS severity, status::text AS status, "siteId", TRUE AS "inScope" FROM "Case" WHERE status <> 'RESOLVED'`,
    );
  }
  return tx.$queryRawUnsafe<OpenCase[]>(
    `WITH k AS (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS k(item, loc))
     SELECT c.id, c."causeKey", c.score, c.severity::text AS severity, c.status::text AS status, c."siteId",
       EXISTS (SELECT 1 FROM k WHERE k.item = c."itemId" AND k.loc = c."siteId") AS "inScope"
     FROM "Case" c
     WHERE c.status <> 'RESOLVED' AND (c."causeKey" = ANY($3::text[]) OR (c."itemId", c."siteId") IN (SELECT item, loc FROM k))`,
    scope.itemLocations.map((p) => p[0]),
    scope.itemLocations.map((p) => p[1]),
    causeKeys,
  );
}

/** The latest "Not an issue" dismissal per cause, within the memory window (lib/domain/case/dismissal-memory.ts). */
async function loadDismissals(tx: Tx, causeKeys: string[], asOf: Date): Promise<Map<string, Dismissal>> {
  if (causeKeys.length === 0) return new Map();
  const since = new Date(asOf.getTime() - DISMISSAL_MEMORY_DAYS * 86_400_000);
  const rows = await tx.$queryRawUnsafe<{ causeKey: string; score: number; severity: string; resolvedAt: string }[]>(
    `SELECT DISTINCT ON ("causeKey") "causeKey", score, severity::text AS severity,
       to_char("resolvedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "resolvedAt"
     FROM "Case"
     WHERE status = 'RESOLVED' AND "resolutionCode" = 'NOT_AN_ISSUE' AND "causeKey" = ANY($1::text[])
       AND "resolvedAt" >= $2::timestamptz AT TIME ZONE 'UTC'
     ORDER BY "causeKey", "resolvedAt" DESC`,
    causeKeys,
    since.toISOString(),
  );
  return new Map(rows.map((r) => [r.causeKey, { score: Number(r.score), severity: r.severity, resolvedAt: new Date(r.resolvedAt) }]));
}

/**
 * Persist a detection run's drafts. Without `scope` the drafts are the whole network and every open
 * case not among them has cleared; with `scope` only open cases rooted at those item-locations can
 * clear (the caller passes the drafts that touch them).
 */
export async function persistCaseDrafts(db: PrismaClient, drafts: CaseDraft[], asOf: Date, scope?: PersistScope): Promise<PersistResult> {
  const result: PersistResult = { created: 0, rescored: 0, unchanged: 0, autoResolved: 0, keptDismissed: 0 };
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${DETECTION_LOCK})`);
      // One after the other: a transaction is one connection, and pg deprecates overlapping queries on it.
      const open = await loadOpenCases(tx, [...new Set(drafts.map((d) => d.causeKey))], scope);
      const rules = await loadRoutingRules(tx);
      const openByKey = new Map(open.map((c) => [c.causeKey, c]));
      const dismissals = await loadDismissals(tx, [...new Set(drafts.filter((d) => !openByKey.has(d.causeKey)).map((d) => d.causeKey))], asOf);
      const now = new Date();
      const audit: AuditInput[] = [];
      const events: { id: string; caseId: string; type: string; data: unknown; createdAt: Date }[] = [];
      const inserts: Record<string, unknown>[] = [];
      const updates: Record<string, unknown>[] = [];
      const exceptions: Record<string, unknown>[] = [];
      const touchedCaseIds: string[] = [];
      const raisedToCritical: string[] = [];
      const seen = new Set<string>();

      for (const raw of drafts) {
        const draft = raw as CaseDraft & DraftText;
        if (seen.has(draft.causeKey)) continue; // one case per causeKey even if a caller repeats a draft
        seen.add(draft.causeKey);
        const existing = openByKey.get(draft.causeKey);
        const dismissal = existing ? undefined : dismissals.get(draft.causeKey);
        if (dismissal && staysDismissed(dismissal, { score: draft.score.total, severity: draft.score.severity }, asOf)) {
          result.keptDismissed++; // its exceptions stay with the dismissed case
          continue;
        }
        const fields = scoredFields(draft);
        let caseId: string;
        if (existing) {
          caseId = existing.id;
          updates.push({ id: caseId, ...fields });
          const change = Math.abs(draft.score.total - existing.score) / Math.max(existing.score, 1);
          if (change > RESCORE_EVENT_THRESHOLD || existing.severity !== draft.score.severity) {
            result.rescored++;
            const data = { from: existing.score, to: draft.score.total, severityFrom: existing.severity, severityTo: draft.score.severity };
            events.push({ id: randomUUID(), caseId, type: "RESCORED", data, createdAt: now });
            if (draft.score.severity === "CRITICAL" && existing.severity !== "CRITICAL") raisedToCritical.push(caseId);
          } else result.unchanged++;
        } else {
          caseId = randomUUID();
          const route = routeCase(rules, { primaryType: draft.primaryType, siteId: draft.siteId, supplierId: draft.supplierId, score: draft.score.total });
          inserts.push({ id: caseId, causeKey: draft.causeKey, team: route.team, assigneeId: route.assigneeId, autoRouted: route.autoRouted, ...fields });
          result.created++;
          const data = { types: draft.findings.map((f) => f.type), score: draft.score.total, severity: draft.score.severity, team: route.team, routedBy: route.ruleId };
          events.push({ id: randomUUID(), caseId, type: "DETECTED", data, createdAt: asOf });
        }
        touchedCaseIds.push(caseId);
        for (const f of draft.findings) {
          exceptions.push({
            id: randomUUID(),
            fingerprint: f.fingerprint,
            type: f.type,
            caseId,
            siteId: f.siteId,
            itemId: f.itemId,
            chainOrder: f.chainOrder,
            summary: f.summary,
            evidence: f.evidence,
            exposure: f.exposure,
            eventAt: f.eventAt,
          });
        }
      }

      // New cases (numbers come from the sequence; the audit row names them).
      const numbers = new Map<string, number>();
      for (const batch of chunks(inserts)) {
        const rows = await tx.$queryRawUnsafe<{ id: string; number: number }[]>(
          `INSERT INTO "Case" (id, "causeKey", team, "assigneeId", "autoRouted", title, "primaryType", "siteId", "itemId", "supplierId", severity, score,
             "serviceExposure", "financialExposure", urgency, confidence, explanation, "configVersion", "dataAsOf", "slaDueAt", summary, recommendations,
             exposure, "searchText", "customerTier", "ruleTriggers", status, "openedAt", "lastScoredAt")
           SELECT r.id, r."causeKey", r.team, r."assigneeId", r."autoRouted", r.title, r."primaryType", r."siteId", r."itemId", r."supplierId",
             r.severity::"Severity", r.score, r."serviceExposure", r."financialExposure", r.urgency, r.confidence, r.explanation, r."configVersion",
             r."dataAsOf", r."slaDueAt", r.summary, r.recommendations,
             r."serviceExposure" + r."financialExposure", r."searchText", r."customerTier"::"CustomerTier", r."ruleTriggers", 'OPEN', $2::timestamptz AT TIME ZONE 'UTC', $2::timestamptz AT TIME ZONE 'UTC'
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, "causeKey" text, team text, "assigneeId" text, "autoRouted" boolean, ${CASE_COLUMNS})
           RETURNING id, number`,
          toJson(batch),
          asOf.toISOString(),
        );
        for (const r of rows) numbers.set(r.id, Number(r.number));
      }
      for (const c of inserts) {
        audit.push({
          actorId: null,
          actorRole: "system",
          action: "case.opened",
          entityType: "Case",
          entityId: c.id as string,
          caseId: c.id as string,
          siteId: c.siteId as string,
          after: { number: numbers.get(c.id as string), title: c.title, score: c.score, severity: c.severity, configVersion: c.configVersion, team: c.team },
        });
      }

      for (const batch of chunks(updates)) {
        await tx.$executeRawUnsafe(
          `UPDATE "Case" c SET title = r.title, "primaryType" = r."primaryType", "siteId" = r."siteId", "itemId" = r."itemId", "supplierId" = r."supplierId",
             severity = r.severity::"Severity", score = r.score, "serviceExposure" = r."serviceExposure", "financialExposure" = r."financialExposure",
             urgency = r.urgency, confidence = r.confidence, explanation = r.explanation, "configVersion" = r."configVersion", "dataAsOf" = r."dataAsOf",
             "slaDueAt" = r."slaDueAt", summary = r.summary, recommendations = r.recommendations,
             exposure = r."serviceExposure" + r."financialExposure", "searchText" = r."searchText", "customerTier" = r."customerTier"::"CustomerTier",
             "ruleTriggers" = learning_merge_rule_triggers(c."ruleTriggers", r."ruleTriggers"), "lastScoredAt" = $2::timestamptz AT TIME ZONE 'UTC'
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, ${CASE_COLUMNS})
           WHERE c.id = r.id`,
          toJson(batch),
          asOf.toISOString(),
        );
      }

      // Exceptions by fingerprint; an unchanged row is not rewritten (no dead tuples on idle re-runs).
      for (const batch of chunks(exceptions)) {
        await tx.$executeRawUnsafe(
          `INSERT INTO "Exception" AS e (id, fingerprint, type, "caseId", "siteId", "itemId", "chainOrder", summary, evidence, exposure, "eventAt", "detectedAt", "clearedAt")
           SELECT r.id, r.fingerprint, r.type, r."caseId", r."siteId", r."itemId", r."chainOrder", r.summary, r.evidence, r.exposure, r."eventAt",
             $2::timestamptz AT TIME ZONE 'UTC', NULL
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, fingerprint text, type text, "caseId" text, "siteId" text, "itemId" text, "chainOrder" int,
             summary text, evidence jsonb, exposure float8, "eventAt" timestamp)
           ON CONFLICT (fingerprint) DO UPDATE SET type = EXCLUDED.type, "caseId" = EXCLUDED."caseId", "siteId" = EXCLUDED."siteId",
             "itemId" = EXCLUDED."itemId", "chainOrder" = EXCLUDED."chainOrder", summary = EXCLUDED.summary, evidence = EXCLUDED.evidence,
             exposure = EXCLUDED.exposure, "eventAt" = EXCLUDED."eventAt", "clearedAt" = NULL
           WHERE (e.type, e."caseId", e."siteId", e."itemId", e."chainOrder", e.summary, e.evidence, e.exposure, e."eventAt", e."clearedAt")
             IS DISTINCT FROM (EXCLUDED.type, EXCLUDED."caseId", EXCLUDED."siteId", EXCLUDED."itemId", EXCLUDED."chainOrder", EXCLUDED.summary,
               EXCLUDED.evidence, EXCLUDED.exposure, EXCLUDED."eventAt", NULL::timestamp)`,
          toJson(batch),
          asOf.toISOString(),
        );
      }
      // Exceptions of a still-detected case that this run no longer found have cleared.
      if (touchedCaseIds.length > 0) {
        await tx.$executeRawUnsafe(
          `UPDATE "Exception" e SET "clearedAt" = $3::timestamptz AT TIME ZONE 'UTC'
           WHERE e."caseId" = ANY($1::text[]) AND e."clearedAt" IS NULL AND e.fingerprint NOT IN (SELECT unnest($2::text[]))`,
          touchedCaseIds,
          exceptions.map((e) => e.fingerprint as string),
          asOf.toISOString(),
        );
      }

      // Open cases this run did not find: their condition cleared.
      const cleared = open.filter((c) => c.inScope && !seen.has(c.causeKey));
      // An approved action whose write-back the source has not confirmed keeps its case open: the write-back (or a
      // person closing it with a reason) resolves it, never detection.
      const approvedIds = cleared.filter((c) => c.status === "ACTION_APPROVED").map((c) => c.id);
      const awaitingWriteBack = new Set(
        approvedIds.length === 0
          ? []
          : (await tx.$queryRawUnsafe<{ caseId: string }[]>(`SELECT DISTINCT "caseId" FROM "WriteBack" WHERE "caseId" = ANY($1::text[]) AND status <> 'CONFIRMED'`, approvedIds)).map((r) => r.caseId),
      );
      const resolvable = cleared.filter((c) => c.status === "OPEN" || (c.status === "ACTION_APPROVED" && !awaitingWriteBack.has(c.id)));
      if (cleared.length > 0) {
        await tx.$executeRawUnsafe(
          `UPDATE "Exception" SET "clearedAt" = $2::timestamptz AT TIME ZONE 'UTC' WHERE "caseId" = ANY($1::text[]) AND "clearedAt" IS NULL`,
          cleared.map((c) => c.id),
          asOf.toISOString(),
        );
      }
      if (resolvable.length > 0) {
        await tx.$executeRawUnsafe(
          `UPDATE "Case" SET status = 'RESOLVED', "resolvedAt" = $2::timestamptz AT TIME ZONE 'UTC', "resolutionReason" = 'CONDITION_CLEARED'
           WHERE id = ANY($1::text[]) AND status IN ('OPEN', 'ACTION_APPROVED')`,
          resolvable.map((c) => c.id),
          asOf.toISOString(),
        );
        for (const c of resolvable) {
          events.push({ id: randomUUID(), caseId: c.id, type: "RESOLVED", data: { reason: "CONDITION_CLEARED", by: "detection" }, createdAt: now });
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
        }
        result.autoResolved = resolvable.length;
      }

      for (const batch of chunks(events)) {
        await tx.$executeRawUnsafe(
          `INSERT INTO "CaseEvent" (id, "caseId", type, data, "createdAt")
           SELECT r.id, r."caseId", r.type, r.data, r."createdAt" FROM jsonb_to_recordset($1::jsonb) AS r(id text, "caseId" text, type text, data jsonb, "createdAt" timestamp)`,
          toJson(batch),
        );
      }
      await appendAudit(tx, audit);
      // Outbound alerts are outbox rows in this transaction; the notifications.deliver job sends them.
      await notifyCriticalCases(tx, { openedIds: inserts.filter((c) => c.severity === "CRITICAL").map((c) => c.id as string), raisedIds: raisedToCritical, at: now });
      // Snoozed cases whose date passed or whose new score rose past their threshold wake now.
      await wakeDueSnoozes(tx, { now, caseIds: touchedCaseIds });
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return result;
}
