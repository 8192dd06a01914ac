import "server-only";
/**
 * Outcomes of cases similar to one case, for the case page's recommendations: the most recent
 * resolved cases of its primary type (at most RECENT_LIMIT, within the look-back window, in the
 * viewer's sites, duplicates left out), aggregated per similarity level (same site and supplier,
 * same site, same supplier, same type) and per approved action type: how many, median and mean
 * days from opened to resolved. One statement on the read pool; the (primaryType, resolvedAt) index
 * bounds it to the newest rows of one type, so a large history does not slow the case page.
 */
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { readPool } from "@/lib/server/dal/read-pool";
import { levelStatsFromRows, type LevelStats, type SimilarOutcomeRow } from "@/lib/domain/learning/similar-cases";
import { DAY_MS } from "@/lib/domain/util/dates";

/** Newest similar cases looked at: recent behaviour, and a bounded query whatever the history's size. */
export const RECENT_LIMIT = 2_000;
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

export type SimilarCaseSubject = { id: string; primaryType: string; siteId: string; supplierId: string | null };

/** Per-level outcome stats of the cases similar to `c` that the viewer may see, most specific level first. */
export async function getSimilarCaseOutcomes(viewer: Viewer, c: SimilarCaseSubject, now = new Date()): Promise<LevelStats[]> {
  authorize(viewer, "cases.read");
  const since = new Date(now.getTime() - SIMILAR_LOOKBACK_DAYS * DAY_MS);
  const { rows } = await readPool().query<SimilarOutcomeRow>(SIMILAR_CASES_SQL, [
    c.primaryType,
    since.toISOString(),
    c.id,
    c.siteId,
    c.supplierId,
    viewer.allSites ? null : viewer.siteIds,
    RECENT_LIMIT,
  ]);
  return levelStatsFromRows(rows.map((r) => ({ ...r, cases: Number(r.cases) })));
}
