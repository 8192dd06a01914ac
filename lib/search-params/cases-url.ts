/**
 * The case queue's URL state without a validation library: the constants, the CasesQuery type, the
 * parser and the serialiser. The browser imports this module (the queue reads and writes its state
 * in the URL); the server parses with the zod schema in cases.ts, which re-exports all of this.
 * lib/search-params/cases-url.test.ts checks both parsers give the same result on a wide range of
 * inputs. Kept free of zod so the queue's first-load JavaScript carries no schema library.
 */

/** Columns the queue may sort by — an allowlist, never a raw column name from the URL. */
export const CASE_SORT_COLUMNS = ["score", "severity", "openedAt", "slaDueAt", "number", "exposure"] as const;
export type CaseSortColumn = (typeof CASE_SORT_COLUMNS)[number];

export const CASE_STATUSES = ["OPEN", "PENDING_APPROVAL", "ACTION_APPROVED", "RESOLVED"] as const;
export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const CUSTOMER_TIERS = ["STRATEGIC", "KEY", "STANDARD"] as const;
/** breached = past slaDueAt; due_soon = due within DUE_SOON_HOURS; on_track = later. */
export const SLA_STATES = ["breached", "due_soon", "on_track"] as const;
export const DUE_SOON_HOURS = 4;
/** stale = the case's evidence (dataAsOf) is older than STALE_AFTER_HOURS. */
export const FRESHNESS_STATES = ["fresh", "stale"] as const;
export const STALE_AFTER_HOURS = 24;
/** hide = default queue (snoozed cases left out); only = the snoozed list; include = both. */
export const SNOOZE_VIEWS = ["hide", "only", "include"] as const;
export const DENSITIES = ["comfortable", "compact"] as const;
/** Queue column ids, in default order. `cols` in the URL lists the visible ones in display order. */
export const QUEUE_COLUMNS = ["select", "number", "title", "types", "severity", "score", "exposure", "site", "supplier", "tier", "status", "assignee", "sla", "age", "freshness"] as const;
export type QueueColumnId = (typeof QUEUE_COLUMNS)[number];
export const DEFAULT_QUEUE_COLUMNS: readonly QueueColumnId[] = ["select", "number", "title", "severity", "score", "exposure", "site", "status", "assignee", "sla", "freshness"];

/** The queue's state, as the URL holds it (every field valid; defaults filled in). */
export type CasesQuery = {
  page: number;
  pageSize: number;
  sort: CaseSortColumn;
  dir: "asc" | "desc";
  status: (typeof CASE_STATUSES)[number][];
  severity: (typeof SEVERITIES)[number][];
  type: string[];
  site: string[];
  /** Supplier codes. */
  supplier: string[];
  tier: (typeof CUSTOMER_TIERS)[number][];
  /** "me", "none" (unassigned) or a user id. */
  assignee?: string | undefined;
  scoreMin?: number | undefined;
  scoreMax?: number | undefined;
  /** $ at risk (serviceExposure + financialExposure), USD. */
  exposureMin?: number | undefined;
  exposureMax?: number | undefined;
  /** Case age in days since openedAt. */
  ageMin?: number | undefined;
  ageMax?: number | undefined;
  sla: (typeof SLA_STATES)[number][];
  freshness: (typeof FRESHNESS_STATES)[number][];
  snoozed: (typeof SNOOZE_VIEWS)[number];
  /** Visible columns in display order (empty = DEFAULT_QUEUE_COLUMNS). */
  cols: QueueColumnId[];
  density: (typeof DENSITIES)[number];
  q?: string | undefined;
};

/** Default status filter: everything not yet resolved. */
export const DEFAULT_STATUS_FILTER: CasesQuery["status"] = ["OPEN", "PENDING_APPROVAL", "ACTION_APPROVED"];

export type RawQuery = Record<string, string | string[] | undefined>;

/** URLSearchParams → the plain object Next gives pages (a repeated key becomes an array). */
export function rawQueryOf(input: RawQuery | URLSearchParams): RawQuery {
  const obj: RawQuery = {};
  if (input instanceof URLSearchParams) for (const k of new Set(input.keys())) obj[k] = input.getAll(k).length > 1 ? input.getAll(k) : input.get(k) ?? undefined;
  else Object.assign(obj, input);
  return obj;
}

// The rules below mirror casesQuerySchema (cases.ts) exactly: a bad value falls back to its default.
const splitList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(","));
const oneOf = <T extends string>(values: readonly T[], v: unknown, fallback: T): T => (typeof v === "string" && (values as readonly string[]).includes(v) ? (v as T) : fallback);
/** Every element must be allowed, else the whole list falls back. */
const listOf = <T extends string>(values: readonly T[], v: string | string[] | undefined, fallback: T[]): T[] => {
  const items = splitList(v).filter(Boolean);
  return items.every((x) => (values as readonly string[]).includes(x)) ? (items as T[]) : fallback;
};
const codesOf = (v: string | string[] | undefined, pattern: RegExp) => splitList(v).filter((t) => pattern.test(t));
/** zod's coerce.number: Number(v), finite. */
const num = (v: unknown): number | undefined => {
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};
const bound = (v: string | string[] | undefined, max = Infinity): number | undefined => {
  if (v === undefined) return undefined;
  const n = num(v);
  return n !== undefined && n >= 0 && n <= max ? n : undefined;
};

/** Parse Next's searchParams object (or URLSearchParams) into a valid query; bad values fall back to defaults. */
export function parseCasesQueryUrl(input: RawQuery | URLSearchParams): CasesQuery {
  const obj = rawQueryOf(input);
  const page = num(obj.page);
  const pageSize = num(obj.pageSize);
  const out: CasesQuery = {
    page: page !== undefined && Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    pageSize: pageSize !== undefined && (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : 25,
    sort: oneOf(CASE_SORT_COLUMNS, obj.sort, "score"),
    dir: oneOf(["asc", "desc"] as const, obj.dir, "desc"),
    status: obj.status === undefined ? [...DEFAULT_STATUS_FILTER] : listOf(CASE_STATUSES, obj.status, [...DEFAULT_STATUS_FILTER]),
    severity: listOf(SEVERITIES, obj.severity, []),
    type: codesOf(obj.type, /^[A-Z_]{3,40}$/),
    site: codesOf(obj.site, /^[A-Z0-9-]{2,20}$/),
    supplier: codesOf(obj.supplier, /^[A-Za-z0-9._-]{1,40}$/),
    tier: listOf(CUSTOMER_TIERS, obj.tier, []),
    sla: listOf(SLA_STATES, obj.sla, []),
    freshness: listOf(FRESHNESS_STATES, obj.freshness, []),
    snoozed: oneOf(SNOOZE_VIEWS, obj.snoozed, "hide"),
    cols: listOf(QUEUE_COLUMNS, obj.cols, []),
    density: oneOf(DENSITIES, obj.density, "comfortable"),
  };
  // Optional fields appear only when the URL has the key (as zod leaves absent keys out).
  if ("assignee" in obj) out.assignee = typeof obj.assignee === "string" && /^(me|none|[a-z0-9_]{3,40})$/.test(obj.assignee) ? obj.assignee : undefined;
  for (const [key, max] of [["scoreMin"], ["scoreMax"], ["exposureMin"], ["exposureMax"], ["ageMin", 3650], ["ageMax", 3650]] as const) {
    if (key in obj) out[key] = bound(obj[key], max);
  }
  if ("q" in obj) {
    const q = typeof obj.q === "string" ? obj.q.trim() : undefined;
    out.q = q !== undefined && q.length <= 100 ? q : undefined;
  }
  return out;
}

/** Serialise a query back to URL search params, omitting defaults to keep shared links short. */
export function casesQueryToSearchParams(q: Partial<CasesQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (q.page && q.page !== 1) p.set("page", String(q.page));
  if (q.pageSize && q.pageSize !== 25) p.set("pageSize", String(q.pageSize));
  if (q.sort && q.sort !== "score") p.set("sort", q.sort);
  if (q.dir && q.dir !== "desc") p.set("dir", q.dir);
  if (q.status && q.status.join(",") !== DEFAULT_STATUS_FILTER.join(",")) p.set("status", q.status.join(","));
  if (q.severity?.length) p.set("severity", q.severity.join(","));
  if (q.type?.length) p.set("type", q.type.join(","));
  if (q.site?.length) p.set("site", q.site.join(","));
  if (q.supplier?.length) p.set("supplier", q.supplier.join(","));
  if (q.tier?.length) p.set("tier", q.tier.join(","));
  if (q.assignee) p.set("assignee", q.assignee);
  for (const key of ["scoreMin", "scoreMax", "exposureMin", "exposureMax", "ageMin", "ageMax"] as const) {
    if (q[key] !== undefined) p.set(key, String(q[key]));
  }
  if (q.sla?.length) p.set("sla", q.sla.join(","));
  if (q.freshness?.length) p.set("freshness", q.freshness.join(","));
  if (q.snoozed && q.snoozed !== "hide") p.set("snoozed", q.snoozed);
  if (q.cols?.length) p.set("cols", q.cols.join(","));
  if (q.density && q.density !== "comfortable") p.set("density", q.density);
  if (q.q) p.set("q", q.q);
  return p;
}
