/**
 * The similar-case outcome statement (see lib/server/dal/similar-cases.ts). Not server-only so the
 * benchmark can run it in-process. Parameters: $1 primary type, $2 since (ISO), $3 the case's own id
 * (left out), $4 its site, $5 its supplier (null: no supplier levels), $6 the viewer's sites (null =
 * all), $7 RECENT_LIMIT.
 */

/** Newest similar cases looked at: recent behaviour, and a bounded query whatever the history's size. */
export const RECENT_LIMIT = 1_000;
export const SIMILAR_LOOKBACK_DAYS = 365;

export const SIMILAR_CASES_SQL = `
WITH recent AS (
  SELECT c.id, c."siteId", c."supplierId", EXTRACT(EPOCH FROM (c."resolvedAt" - c."openedAt")) / 86400.0 AS days
  FROM "Case" c
  WHERE c."primaryType" = $1 AND c."resolvedAt" >= $2::timestamptz AT TIME ZONE 'UTC' AND c.status = 'RESOLVED' AND c.id <> $3
    AND COALESCE(c."resolutionCode", '') <> 'DUPLICATE'
    AND ($6::text[] IS NULL OR c."siteId" = ANY($6::text[]))
  ORDER BY c."resolvedAt" DESC
  LIMIT $7
), levels AS (
  SELECT r.id, r.days, l.level
  FROM recent r
  CROSS JOIN LATERAL (VALUES
    ('SITE_SUPPLIER', r."siteId" = $4 AND r."supplierId" = $5),
    ('SITE', r."siteId" = $4),
    ('SUPPLIER', r."supplierId" = $5),
    ('TYPE', TRUE)) AS l(level, ok)
  WHERE l.ok
), acted AS (
  SELECT DISTINCT a."caseId", a.type::text AS type
  FROM "CaseAction" a
  WHERE a."caseId" IN (SELECT id FROM recent) AND a.status = 'APPROVED'
)
SELECT level, NULL::text AS "actionType", count(*)::int AS cases,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::float8 AS "medianDays", avg(days)::float8 AS "meanDays"
FROM levels GROUP BY level
UNION ALL
SELECT lv.level, ac.type, count(*)::int,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY lv.days)::float8, avg(lv.days)::float8
FROM levels lv JOIN acted ac ON ac."caseId" = lv.id
GROUP BY lv.level, ac.type`;
