/**
 * What resolved similar past cases, and the recommendations re-ranked by it. "Similar" = resolved
 * cases of the same primary type in the look-back window, narrowed to the same site and supplier
 * when there are enough of them: the most specific level with at least `minSample` cases is used
 * (site + supplier → site → supplier → type). A case counts as resolved by an action type when an
 * action of that type was approved on it; its days = opened → resolved.
 *
 * Re-ranking never drops an option: actions that resolved enough similar cases ("proven":
 * at least `minSupport` cases and `minShare` of the sample) come first, fastest median first
 * (then more cases, then the engine's order); everything else keeps the engine's order below them.
 */
import type { Recommendation } from "@/lib/domain/model/case-draft";
import { ACTION_TYPES, type ActionType } from "@/lib/domain/score/config";
import { round } from "@/lib/domain/util/numbers";

export const SIMILARITY_LEVELS = ["SITE_SUPPLIER", "SITE", "SUPPLIER", "TYPE"] as const;
export type SimilarityLevel = (typeof SIMILARITY_LEVELS)[number];

export const LEVEL_LABELS: Readonly<Record<SimilarityLevel, string>> = {
  SITE_SUPPLIER: "same type, site and supplier",
  SITE: "same type and site",
  SUPPLIER: "same type and supplier",
  TYPE: "same type",
};

export interface ActionOutcome {
  /** Similar cases on which an action of this type was approved. */
  cases: number;
  medianDays: number;
  meanDays: number;
}

export interface LevelStats {
  level: SimilarityLevel;
  /** Similar resolved cases at this level. */
  cases: number;
  byAction: Partial<Record<ActionType, ActionOutcome>>;
}

/** One row of the SQL aggregate: a level's total (actionType null) or one action type's share of it. */
export interface SimilarOutcomeRow {
  level: string;
  actionType: string | null;
  cases: number;
  medianDays: number | null;
  meanDays: number | null;
}

export interface SimilarityConfig {
  /** Similar cases a level needs before it is used (else back off to the next level). */
  minSample: number;
  /** An action needs this many resolved cases to be re-ranked by its history… */
  minSupport: number;
  /** …and at least this share of the level's cases. */
  minShare: number;
}

export const DEFAULT_SIMILARITY: SimilarityConfig = { minSample: 5, minSupport: 3, minShare: 0.2 };

const isActionType = (v: unknown): v is ActionType => typeof v === "string" && (ACTION_TYPES as readonly string[]).includes(v);
const isLevel = (v: unknown): v is SimilarityLevel => typeof v === "string" && (SIMILARITY_LEVELS as readonly string[]).includes(v);

/** Groups the SQL rows into per-level stats, most specific level first (levels without cases are absent). */
export function levelStatsFromRows(rows: readonly SimilarOutcomeRow[]): LevelStats[] {
  const byLevel = new Map<SimilarityLevel, LevelStats>();
  for (const r of rows) {
    if (!isLevel(r.level)) continue;
    let s = byLevel.get(r.level);
    if (!s) byLevel.set(r.level, (s = { level: r.level, cases: 0, byAction: {} }));
    if (r.actionType === null) s.cases = r.cases;
    else if (isActionType(r.actionType) && r.cases > 0) s.byAction[r.actionType] = { cases: r.cases, medianDays: r.medianDays ?? 0, meanDays: r.meanDays ?? 0 };
  }
  return SIMILARITY_LEVELS.map((l) => byLevel.get(l)).filter((s): s is LevelStats => !!s && s.cases > 0);
}

/** The most specific level with enough cases, or null when even all cases of the type are too few. */
export function chooseLevel(levels: readonly LevelStats[], cfg: Pick<SimilarityConfig, "minSample"> = DEFAULT_SIMILARITY): LevelStats | null {
  for (const l of SIMILARITY_LEVELS) {
    const s = levels.find((x) => x.level === l);
    if (s && s.cases >= cfg.minSample) return s;
  }
  return null;
}

/** What resolved similar cases, attached to one recommendation. */
export interface RecommendationHistory {
  actionType: ActionType;
  resolved: number;
  of: number;
  medianDays: number | null;
  level: SimilarityLevel;
  proven: boolean;
}

export type RankedRecommendation = Recommendation & {
  /** The engine's rank (by expected $ recovered) before history re-ranked it. */
  engineRank: number;
  /** Null for advice (no action type) or when there is no usable history. */
  history: RecommendationHistory | null;
};

export interface RerankResult {
  recommendations: RankedRecommendation[];
  /** The level the history comes from, or null when too few similar cases were resolved. */
  level: LevelStats | null;
  /** True when history moved at least one option. */
  reranked: boolean;
  /** Action types that resolved enough similar cases but that no option of this case offers (most cases first). */
  unlisted: RecommendationHistory[];
}

const ACTION_LABEL: Record<ActionType, string> = { EXPEDITE: "Expedite", TRANSFER: "Transfer", REALLOCATE: "Reallocation", RECOUNT: "Recount", HOLD: "Hold release", ADJUST: "Adjustment" };

/** "Expedite resolved 7 of 9 similar cases in 2.1 days" (median days; "none of" when it never did). */
export function describeHistory(h: RecommendationHistory): string {
  const what = ACTION_LABEL[h.actionType];
  if (h.resolved === 0) return `${what} resolved none of ${h.of} similar cases`;
  const days = h.medianDays ?? 0;
  return `${what} resolved ${h.resolved} of ${h.of} similar case${h.of === 1 ? "" : "s"} in ${days.toFixed(1)} day${days === 1 ? "" : "s"}`;
}

/** Enough resolved cases to rank by: at least minSupport and minShare of the level's cases. */
function isProven(resolved: number, of: number, cfg: SimilarityConfig): boolean {
  return resolved >= Math.max(cfg.minSupport, Math.ceil(cfg.minShare * of - 1e-9));
}

/** Re-ranks recommendations by what resolved similar cases fastest (see the module comment). Never drops an option. */
export function rerankByHistory(recs: readonly Recommendation[], levels: readonly LevelStats[], cfg: SimilarityConfig = DEFAULT_SIMILARITY): RerankResult {
  const level = chooseLevel(levels, cfg);
  const byEngine = [...recs].sort((a, b) => a.rank - b.rank);
  const withHistory = byEngine.map((r): RankedRecommendation => {
    if (!level || !r.actionType) return { ...r, engineRank: r.rank, history: null };
    const a = level.byAction[r.actionType];
    const resolved = a?.cases ?? 0;
    const proven = isProven(resolved, level.cases, cfg);
    return { ...r, engineRank: r.rank, history: { actionType: r.actionType, resolved, of: level.cases, medianDays: a ? round(a.medianDays, 1) : null, level: level.level, proven } };
  });
  const proven = withHistory.filter((r) => r.history?.proven);
  const rest = withHistory.filter((r) => !r.history?.proven);
  proven.sort(
    (a, b) => (a.history!.medianDays ?? 0) - (b.history!.medianDays ?? 0) || b.history!.resolved - a.history!.resolved || a.engineRank - b.engineRank,
  );
  const ranked = [...proven, ...rest].map((r, i) => ({ ...r, rank: i + 1 }));
  const offered = new Set(recs.map((r) => r.actionType));
  const unlisted: RecommendationHistory[] = [];
  if (level) {
    for (const t of ACTION_TYPES) {
      const a = level.byAction[t];
      if (!a || offered.has(t) || !isProven(a.cases, level.cases, cfg)) continue;
      unlisted.push({ actionType: t, resolved: a.cases, of: level.cases, medianDays: round(a.medianDays, 1), level: level.level, proven: true });
    }
    unlisted.sort((a, b) => b.resolved - a.resolved || (a.medianDays ?? 0) - (b.medianDays ?? 0));
  }
  return { recommendations: ranked, level, reranked: ranked.some((r) => r.rank !== r.engineRank), unlisted };
}
