/**
 * The case queue's SQL: the page's rows (with site, SKU, supplier, assignee and the open exception
 * types of just those rows), and the statements that size the result.
 *
 * Why it is shaped like this (a million cases, p95 < 100 ms):
 *  - Sorting: every allowlisted sort except severity has a (status, column) index, and score also
 *    (siteId, status, score DESC). PostgreSQL 15 cannot read `status = ANY(…)` in column order
 *    from such an index, so the top rows are taken per status (and per site for score), each
 *    branch an ordered index scan with LIMIT offset+pageSize, merged by a Merge Append.
 *    Severity has no index: its groups (CRITICAL … LOW) are read one after the other, each ordered
 *    by score, so page 1 touches only the top of the most severe group.
 *    A free-text search is selective on its own (trigram index): then one plain query.
 *  - Total: counting 150k matching rows costs more than the page itself, and a rare filter makes a
 *    capped count scan the whole table. So findCases counts exactly only when the planner says the
 *    (capped) count is cheap, and otherwise reports the planner's estimate (see cases.ts).
 *  - Only values go in as parameters; column names and directions come from allowlists.
 */
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { CASE_STATUSES, DUE_SOON_HOURS, STALE_AFTER_HOURS, type CaseSortColumn, type CasesQuery } from "@/lib/search-params/cases";

/** Totals above this are reported as "COUNT_CAP+" (the UI shows "10,000+"). */
export const COUNT_CAP = 10_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Sort column → SQL expression on the Case row (alias c). Never built from user text. */
const SORT_EXPR: Record<CaseSortColumn, string> = {
  score: `c.score`,
  severity: `c.severity`,
  openedAt: `c."openedAt"`,
  slaDueAt: `c."slaDueAt"`,
  number: `c.number`,
  exposure: `c.exposure`,
};

/** Sorts whose leading index column is status, so per-status branches read in order. */
const STATUS_INDEXED: ReadonlySet<CaseSortColumn> = new Set(["score", "exposure", "openedAt", "slaDueAt"]);

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const iso = (col: string) => `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A JS instant as a UTC `timestamp` (columns are timestamp(3) holding UTC). */
const utc = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * ORDER BY for the queue. Severity "desc" means most severe first (the enum is declared
 * CRITICAL → LOW, so that is ascending enum order), then highest score; "asc" is the exact
 * reverse. A unique tie-breaker (number) keeps pages stable while rows share a value.
 */
export function orderByClause(q: Pick<CasesQuery, "sort" | "dir">, alias = "c"): string {
  const col = (expr: string) => expr.replace(/^c\./, `${alias}.`);
  if (q.sort === "number") return `${alias}.number ${q.dir.toUpperCase()}`;
  if (q.sort === "severity") {
    return q.dir === "desc" ? `${alias}.severity ASC, ${alias}.score DESC, ${alias}.number DESC` : `${alias}.severity DESC, ${alias}.score ASC, ${alias}.number ASC`;
  }
  return `${col(SORT_EXPR[q.sort])} ${q.dir.toUpperCase()}, ${alias}.number DESC`;
}

/** Columns a branch must carry so the merged result can be ordered again. */
function sortColumns(q: Pick<CasesQuery, "sort">): string {
  if (q.sort === "number") return `c.id, c.number`;
  if (q.sort === "severity") return `c.id, c.severity, c.score, c.number`;
  return `c.id, ${SORT_EXPR[q.sort]}, c.number`;
}

export type SqlQuery = { text: string; values: unknown[] };
export type QueueSql = {
  /** The page: one row per case, in order; no rows past the end. */
  page: SqlQuery;
  /**
   * With free text only: the page taken from the first countLimit matches, each row also carrying
   * "matchCount" (how many matches were collected). Valid while matchCount < countLimit.
   */
  candidates?: SqlQuery;
  /** Capped count: at most countLimit (= cap + 1, so "more than cap" is visible). */
  count: SqlQuery;
  /** The bare filtered set, for EXPLAIN: the planner's row and cost estimates. */
  base: SqlQuery;
  countLimit: number;
};

/** Filter conditions (without status, which the caller places per branch). */
function filterConditions(viewer: Viewer, q: CasesQuery, now: Date, p: Params): string[] {
  const and: string[] = [];
  // Added on first use: PostgreSQL rejects a parameter the statement never references.
  let nowSql: string | null = null;
  const nowParam = () => (nowSql ??= utc(p.add(now.toISOString())));
  if (!viewer.allSites) and.push(`c."siteId" = ANY(${p.add(viewer.siteIds)}::text[])`);
  if (q.site.length) and.push(`c."siteId" = ANY(ARRAY(SELECT id FROM "Location" WHERE code = ANY(${p.add(q.site)}::text[])))`);
  if (q.severity.length) and.push(`c.severity = ANY(${p.add(q.severity)}::"Severity"[])`);
  // One supplier (the usual case) as an equality: then (supplierId, status, score DESC) reads each
  // branch in score order; a list has to be gathered and sorted.
  if (q.supplier.length === 1) and.push(`c."supplierId" = (SELECT id FROM "Supplier" WHERE code = ${p.add(q.supplier[0])})`);
  else if (q.supplier.length) and.push(`c."supplierId" = ANY(ARRAY(SELECT id FROM "Supplier" WHERE code = ANY(${p.add(q.supplier)}::text[])))`);
  if (q.tier.length) and.push(`c."customerTier" = ANY(${p.add(q.tier)}::"CustomerTier"[])`);
  if (q.assignee === "none") and.push(`c."assigneeId" IS NULL`);
  else if (q.assignee) and.push(`c."assigneeId" = ${p.add(q.assignee === "me" ? viewer.id : q.assignee)}`);
  if (q.scoreMin !== undefined) and.push(`c.score >= ${p.add(q.scoreMin)}::float8`);
  if (q.scoreMax !== undefined) and.push(`c.score <= ${p.add(q.scoreMax)}::float8`);
  if (q.exposureMin !== undefined) and.push(`c.exposure >= ${p.add(q.exposureMin)}::float8`);
  if (q.exposureMax !== undefined) and.push(`c.exposure <= ${p.add(q.exposureMax)}::float8`);
  // Age in days since openedAt: at least ageMin days old = opened on or before now − ageMin.
  if (q.ageMin !== undefined) and.push(`c."openedAt" <= ${utc(p.add(new Date(now.getTime() - q.ageMin * DAY).toISOString()))}`);
  if (q.ageMax !== undefined) and.push(`c."openedAt" >= ${utc(p.add(new Date(now.getTime() - q.ageMax * DAY).toISOString()))}`);
  if (q.sla.length && q.sla.length < 3) {
    let soonSql: string | null = null;
    const soon = () => (soonSql ??= utc(p.add(new Date(now.getTime() + DUE_SOON_HOURS * HOUR).toISOString())));
    const parts = q.sla.map((s) =>
      s === "breached" ? `c."slaDueAt" < ${nowParam()}` : s === "due_soon" ? `(c."slaDueAt" >= ${nowParam()} AND c."slaDueAt" < ${soon()})` : `c."slaDueAt" >= ${soon()}`,
    );
    and.push(`(${parts.join(" OR ")})`);
  }
  if (q.freshness.length === 1) {
    const cutoff = utc(p.add(new Date(now.getTime() - STALE_AFTER_HOURS * HOUR).toISOString()));
    and.push(q.freshness[0] === "stale" ? `c."dataAsOf" < ${cutoff}` : `c."dataAsOf" >= ${cutoff}`);
  }
  // Snoozed = snoozedAt set and the date condition (if any) not yet reached.
  if (q.snoozed === "hide") and.push(`(c."snoozedAt" IS NULL OR c."snoozeUntil" <= ${nowParam()})`);
  else if (q.snoozed === "only") and.push(`(c."snoozedAt" IS NOT NULL AND (c."snoozeUntil" IS NULL OR c."snoozeUntil" > ${nowParam()}))`);
  if (q.type.length) {
    and.push(`EXISTS (SELECT 1 FROM "Exception" e WHERE e."caseId" = c.id AND e."clearedAt" IS NULL AND e.type = ANY(${p.add(q.type)}::text[]))`);
  }
  const text = textCondition(q.q, p);
  if (text) and.push(text);
  return and;
}

/** Free text: substring of searchText (trigram index), or the case number ("123" / "#123"). */
function textCondition(raw: string | undefined, p: Params): string | null {
  const text = raw?.trim().toLowerCase();
  if (!text) return null;
  const numeric = /^#?(\d{1,9})$/.exec(text);
  const like = () => `c."searchText" LIKE ${p.add(`%${escapeLike(text)}%`)}`;
  if (!numeric) return like();
  const number = `c.number = ${p.add(Number(numeric[1]))}::int`;
  // One or two digits are a case number; trigrams cannot narrow a substring that short.
  return numeric[1].length < 3 ? number : `(${number} OR ${like()})`;
}

const SEVERITY_ORDER = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;

/** A WHERE clause from conditions (status / site first so they read as index conditions). */
const whereOf = (conds: (string | null)[]) => {
  const all = conds.filter((x): x is string => Boolean(x));
  return all.length ? `WHERE ${all.join(" AND ")}` : "";
};

/** SQL selecting the ordered ids of one page. */
function pageIdsSql(viewer: Viewer, q: CasesQuery, now: Date, p: Params): string {
  const filters = filterConditions(viewer, q, now, p);
  const statuses = q.status.length ? q.status : [...CASE_STATUSES];
  const offset = (q.page - 1) * q.pageSize;
  const take = offset + q.pageSize;
  const order = orderByClause(q);
  // Per-branch ordered scans pay off when no selective text filter narrows the set first.
  const split = (STATUS_INDEXED.has(q.sort) || q.sort === "severity") && !q.q;
  if (!split) {
    const statusCond = statuses.length === CASE_STATUSES.length ? null : `c.status = ANY(${p.add(statuses)}::"CaseStatus"[])`;
    return `SELECT c.id FROM "Case" c ${whereOf([statusCond, ...filters])} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${offset}`;
  }
  // Score and severity read (siteId, status, score DESC): split by the viewer's sites too when they are few.
  const bySite = (q.sort === "score" || q.sort === "severity") && !viewer.allSites && !q.site.length && viewer.siteIds.length > 0 && viewer.siteIds.length <= 8;
  const sites = bySite ? viewer.siteIds : [null];
  const branches = (extra: string | null, branchOrder: string, columns: string) =>
    statuses.flatMap((status) =>
      sites.map((site) => {
        const conds = [`c.status = ${p.add(status)}::"CaseStatus"`, site ? `c."siteId" = ${p.add(site)}` : null, extra, ...filters];
        return `(SELECT ${columns} FROM "Case" c ${whereOf(conds)} ORDER BY ${branchOrder} LIMIT ${take})`;
      }),
    );
  if (q.sort !== "severity") {
    return `SELECT u.id FROM (${branches(null, order, sortColumns(q)).join(" UNION ALL ")}) u ORDER BY ${orderByClause(q, "u")} LIMIT ${q.pageSize} OFFSET ${offset}`;
  }
  // Severity: one Merge Append per severity group (by score), the groups concatenated in severity
  // order. The outer query has no ORDER BY on purpose: Append returns its children in order, so
  // LIMIT stops before reading the groups the page does not reach (the read pool runs no parallel
  // plans, which could interleave them). findCases orders the page rows again.
  const groups = (q.dir === "desc" ? [...SEVERITY_ORDER] : [...SEVERITY_ORDER].reverse()).filter((g) => !q.severity.length || q.severity.includes(g));
  const within = orderByClause(q, "g");
  const groupSql = groups.map((g) => {
    const parts = branches(`c.severity = ${p.add(g)}::"Severity"`, orderByClause(q), sortColumns(q));
    return `(SELECT g.id FROM (${parts.join(" UNION ALL ")}) g ORDER BY ${within} LIMIT ${take})`;
  });
  return `SELECT u.id FROM (${groupSql.join(" UNION ALL ")}) u LIMIT ${q.pageSize} OFFSET ${offset}`;
}

/** The page's rows with everything the queue shows, from a `page` CTE of ordered ids. */
function pageRowsSql(withClause: string, extraColumns: string, q: CasesQuery, now: Date, p: Params): string {
  const snoozedNow = utc(p.add(now.toISOString()));
  return `${withClause}
SELECT ${extraColumns}c.id, c.number, c.title, c."primaryType", c.severity::text AS severity, c.score, c.exposure, c.confidence,
  c.status::text AS status, l.code AS "siteCode", i.sku, u.name AS "assigneeName", c."assigneeId", s.code AS "supplierCode",
  c."customerTier"::text AS "customerTier", ${iso(`c."openedAt"`)} AS "openedAt", ${iso(`c."slaDueAt"`)} AS "slaDueAt",
  ${iso(`c."dataAsOf"`)} AS "dataAsOf", ${iso(`c."lastScoredAt"`)} AS "lastScoredAt", ${iso(`c."acknowledgedAt"`)} AS "acknowledgedAt",
  ${iso(`c."snoozedAt"`)} AS "snoozedAt", ${iso(`c."snoozeUntil"`)} AS "snoozeUntil",
  (c."snoozedAt" IS NOT NULL AND (c."snoozeUntil" IS NULL OR c."snoozeUntil" > ${snoozedNow})) AS snoozed,
  (c."writeBackFailedAt" IS NOT NULL) AS "writeBackFailed", t.types
FROM page
JOIN "Case" c ON c.id = page.id
LEFT JOIN "Location" l ON l.id = c."siteId"
LEFT JOIN "Item" i ON i.id = c."itemId"
LEFT JOIN "User" u ON u.id = c."assigneeId"
LEFT JOIN "Supplier" s ON s.id = c."supplierId"
LEFT JOIN LATERAL (
  SELECT array_agg(e.type ORDER BY e."chainOrder", e.type) AS types FROM "Exception" e WHERE e."caseId" = c.id AND e."clearedAt" IS NULL
) t ON TRUE
ORDER BY ${orderByClause(q)}`;
}

/** The queue's statements for one request. */
export function caseQueueSql(viewer: Viewer, q: CasesQuery, now: Date): QueueSql {
  const offset = (q.page - 1) * q.pageSize;
  const countLimit = Math.max(COUNT_CAP, offset + q.pageSize) + 1;

  const pp = new Params();
  const pageText = pageRowsSql(`WITH page AS (${pageIdsSql(viewer, q, now, pp)})`, "", q, now, pp);

  // Free text: the matches are usually few, so collect them (up to the cap) once and take both the
  // page and the count from that set — one trigram index scan instead of two.
  let candidates: SqlQuery | undefined;
  if (q.q) {
    const mp = new Params();
    const filters = filterConditions(viewer, q, now, mp);
    const statuses = q.status.length ? q.status : [...CASE_STATUSES];
    const statusCond = statuses.length === CASE_STATUSES.length ? null : `c.status = ANY(${mp.add(statuses)}::"CaseStatus"[])`;
    const head = `WITH m AS MATERIALIZED (SELECT ${sortColumns(q)} FROM "Case" c ${whereOf([statusCond, ...filters])} LIMIT ${countLimit}),
page AS (SELECT m.id FROM m ORDER BY ${orderByClause(q, "m")} LIMIT ${q.pageSize} OFFSET ${offset})`;
    candidates = { text: pageRowsSql(head, `(SELECT count(*) FROM m)::int AS "matchCount", `, q, now, mp), values: mp.values };
  }

  const base = (p: Params) => {
    const filters = filterConditions(viewer, q, now, p);
    const statuses = q.status.length ? q.status : [...CASE_STATUSES];
    const statusCond = statuses.length === CASE_STATUSES.length ? null : `c.status = ANY(${p.add(statuses)}::"CaseStatus"[])`;
    return `SELECT 1 FROM "Case" c ${whereOf([statusCond, ...filters])}`;
  };
  const cp = new Params();
  const countText = `SELECT count(*)::int AS total FROM (${base(cp)} LIMIT ${countLimit}) x`;
  const bp = new Params();
  const baseText = base(bp);
  return { page: { text: pageText, values: pp.values }, candidates, count: { text: countText, values: cp.values }, base: { text: baseText, values: bp.values }, countLimit };
}
