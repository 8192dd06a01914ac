import "server-only";
/**
 * Outcomes of cases similar to one case, for the case page's recommendations: the most recent
 * resolved cases of its primary type (at most RECENT_LIMIT, within the look-back window, in the
 * viewer's sites, duplicates left out), aggregated per similarity level (same site and supplier,
 * same site, same supplier, same type) and per approved action type: how many, median and mean
 * days from opened to resolved. One statement on the read pool: an index-only scan of the newest
 * rows of one type (Case_learning_history_idx) and one index-only probe per case into CaseAction,
 * so a large history does not slow the case page (`npm run bench:learning`).
 */
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { readPool } from "@/lib/server/dal/read-pool";
import { levelStatsFromRows, type LevelStats, type SimilarOutcomeRow } from "@/lib/domain/learning/similar-cases";
import { DAY_MS } from "@/lib/domain/util/dates";
import { RECENT_LIMIT, SIMILAR_CASES_SQL, SIMILAR_LOOKBACK_DAYS } from "@/lib/server/learning/similar-cases-sql";

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
