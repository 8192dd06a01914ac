/**
 * The case queue's read: a page of rows and how many cases match. Not server-only so the
 * benchmark can run it in-process; the web app calls it through findCases (dal/cases.ts), which
 * authorizes first.
 */
import type { Pool } from "pg";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import type { CasesQuery } from "@/lib/search-params/cases";
import { caseQueueSql, type QueueSql } from "@/lib/server/dal/case-queue-sql";

export type CaseRow = {
  id: string;
  number: number;
  title: string;
  primaryType: string;
  /** Distinct open exception types, root cause first. */
  types: string[];
  severity: string;
  score: number;
  /** $ at risk: serviceExposure + financialExposure. */
  exposure: number;
  confidence: number;
  status: string;
  siteCode: string;
  sku: string | null;
  assigneeName: string | null;
  assigneeId: string | null;
  supplierCode: string | null;
  /** Highest tier among the customers whose orders the case affects; null = no customer order. */
  customerTier: string | null;
  openedAt: string;
  slaDueAt: string;
  dataAsOf: string;
  lastScoredAt: string;
  acknowledgedAt: string | null;
  snoozedAt: string | null;
  snoozeUntil: string | null;
  /** Snoozed right now (snoozedAt set and snoozeUntil, if any, still ahead). */
  snoozed: boolean;
  writeBackFailed: boolean;
};

export type CasePage = {
  rows: CaseRow[];
  /**
   * Exact unless totalIsEstimate. totalCapped: more than COUNT_CAP match and `total` is the cap
   * (show "10,000+"); totalIsEstimate without totalCapped: the planner's estimate (show "≈ 140,000").
   */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** The count stopped at its cap: there are more than `total` matching cases. */
  totalCapped: boolean;
  /** `total` is not the exact number (capped, or estimated on a large table). */
  totalIsEstimate: boolean;
};

type QueueSqlRow = Omit<CaseRow, "types"> & { types: string[] | null };
type PlanNode = { "Plan Rows": number; "Total Cost": number };

/**
 * A capped count runs only when the planner expects it to cost at most this many cost units
 * (≈ 1,000 pages read: a few milliseconds). Above it — a broad filter on a million cases, or a rare
 * one that would scan the whole table to find its matches — the planner's row estimate is the total.
 * QUEUE_COUNT_COST_BUDGET overrides it (tests pin either path).
 */
const COUNT_COST_BUDGET = 1_000;

/** Two significant digits: an estimate should not look exact. */
function roundEstimate(n: number): number {
  if (n < 100) return Math.round(n);
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
}

type Sized = { total: number; totalCapped: boolean; totalIsEstimate: boolean };

/**
 * The planner's estimate for a filter, kept briefly: every open queue tab re-asks the same query
 * every 30 s, and an EXPLAIN is a round trip plus planning on each. An estimate a minute old is as
 * good as a fresh one (statistics change on ANALYZE, not per row); the exact count, when cheap, still
 * runs on every request. Per pool, keyed by the viewer's scope and the filters (not the page).
 */
const PLAN_TTL_MS = 60_000;
const PLAN_CACHE_MAX = 1_000;
const planCache = new WeakMap<Pool, Map<string, { at: number; plan: PlanNode }>>();

/** Query keys that do not change which cases match. */
const NOT_FILTERS = new Set(["page", "pageSize", "sort", "dir", "cols", "density"]);

function planKey(viewer: Viewer, q: CasesQuery): string {
  const filters = JSON.stringify(q, (k, v) => (NOT_FILTERS.has(k) ? undefined : v));
  return `${viewer.allSites ? "*" : viewer.siteIds.join(",")}|${viewer.id}|${filters}`;
}

async function estimatePlan(pool: Pool, sql: QueueSql, key: string): Promise<PlanNode> {
  let byKey = planCache.get(pool);
  if (!byKey) planCache.set(pool, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && Date.now() - hit.at < PLAN_TTL_MS) return hit.plan;
  const explained = await pool.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>({ text: `EXPLAIN (FORMAT JSON) ${sql.base.text}`, values: sql.base.values });
  const plan = explained.rows[0]["QUERY PLAN"][0].Plan;
  if (byKey.size >= PLAN_CACHE_MAX) byKey.clear();
  byKey.set(key, { at: Date.now(), plan: { "Plan Rows": plan["Plan Rows"], "Total Cost": plan["Total Cost"] } });
  return plan;
}

/** How many cases match: known from a short page, counted when cheap, else estimated by the planner. */
async function sizeResult(pool: Pool, viewer: Viewer, sql: QueueSql, q: CasesQuery, pageRows: number): Promise<Sized> {
  const offset = (q.page - 1) * q.pageSize;
  // A page that is not full is the last one: no count needed.
  if ((pageRows > 0 && pageRows < q.pageSize) || (pageRows === 0 && q.page === 1)) return { total: offset + pageRows, totalCapped: false, totalIsEstimate: false };
  const budget = Number(process.env.QUEUE_COUNT_COST_BUDGET ?? COUNT_COST_BUDGET);
  const plan = await estimatePlan(pool, sql, planKey(viewer, q));
  const estimatedRows = Math.max(0, plan["Plan Rows"]);
  // A LIMITed scan stops after countLimit matches: its share of the full scan's cost.
  const countCost = plan["Total Cost"] * Math.min(1, sql.countLimit / Math.max(1, estimatedRows));
  if (countCost <= budget) {
    const { rows } = await pool.query<{ total: number }>(sql.count);
    const counted = rows[0]?.total ?? 0;
    if (counted >= sql.countLimit) return { total: sql.countLimit - 1, totalCapped: true, totalIsEstimate: true };
    return { total: counted, totalCapped: false, totalIsEstimate: false };
  }
  // The estimate can never be below what the pages already showed.
  const seen = offset + pageRows + (pageRows === q.pageSize ? 1 : 0);
  return { total: Math.max(roundEstimate(estimatedRows), seen), totalCapped: false, totalIsEstimate: true };
}

/** One page of the queue and its size, on `pool` (the caller has authorized the viewer). */
export async function queryCaseQueue(pool: Pool, viewer: Viewer, q: CasesQuery, now: Date): Promise<CasePage> {
  const sql = caseQueueSql(viewer, q, now);
  let rows: QueueSqlRow[] | null = null;
  let size: Sized | null = null;
  if (sql.candidates) {
    const found = (await pool.query<QueueSqlRow & { matchCount: number }>(sql.candidates)).rows;
    const matched = found[0]?.matchCount;
    if (matched !== undefined && matched < sql.countLimit) {
      rows = found;
      size = { total: matched, totalCapped: false, totalIsEstimate: false };
    } else if (found.length === 0 && q.page === 1) {
      rows = found; // an empty first page: nothing matched at all
      size = { total: 0, totalCapped: false, totalIsEstimate: false };
    } else if (matched !== undefined) {
      size = { total: sql.countLimit - 1, totalCapped: true, totalIsEstimate: true }; // the page needs the full ordered query
    }
  }
  rows ??= (await pool.query<QueueSqlRow>(sql.page)).rows;
  size ??= await sizeResult(pool, viewer, sql, q, rows.length);
  const pageRows: CaseRow[] = rows.map((row) => {
    const { types, ...r } = row;
    delete (r as { matchCount?: number }).matchCount;
    return { ...r, types: [...new Set(types ?? [])] };
  });
  const pageCount = Math.max(1, Math.ceil(size.total / q.pageSize), size.totalCapped ? q.page + 1 : 1);
  return { rows: pageRows, page: q.page, pageSize: q.pageSize, pageCount, ...size };
}
