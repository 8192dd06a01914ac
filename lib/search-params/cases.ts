import { z } from "zod";

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

// URL values arrive as "a,b" strings (or repeated keys); both become string arrays.
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : v.split(",")).filter(Boolean)))
    .pipe(z.array(z.enum(values)));

/** The case queue's URL state: parsed identically by the page (server) and the table (client). */
export const casesQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25),
  sort: z.enum(CASE_SORT_COLUMNS).catch("score"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: list(CASE_STATUSES).catch(["OPEN", "PENDING_APPROVAL", "ACTION_APPROVED"]),
  severity: list(SEVERITIES).catch([]),
  type: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : v.split(",")).filter((t) => /^[A-Z_]{3,40}$/.test(t))))
    .catch([]),
  site: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : v.split(",")).filter((t) => /^[A-Z0-9-]{2,20}$/.test(t))))
    .catch([]),
  /** Supplier codes. */
  supplier: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : v.split(",")).filter((t) => /^[A-Za-z0-9._-]{1,40}$/.test(t))))
    .catch([]),
  tier: list(CUSTOMER_TIERS).catch([]),
  /** "me", "none" (unassigned) or a user id. */
  assignee: z.string().regex(/^(me|none|[a-z0-9_]{3,40})$/).optional().catch(undefined),
  scoreMin: z.coerce.number().finite().min(0).optional().catch(undefined),
  scoreMax: z.coerce.number().finite().min(0).optional().catch(undefined),
  /** $ at risk (serviceExposure + financialExposure), USD. */
  exposureMin: z.coerce.number().finite().min(0).optional().catch(undefined),
  exposureMax: z.coerce.number().finite().min(0).optional().catch(undefined),
  /** Case age in days since openedAt. */
  ageMin: z.coerce.number().finite().min(0).max(3650).optional().catch(undefined),
  ageMax: z.coerce.number().finite().min(0).max(3650).optional().catch(undefined),
  sla: list(SLA_STATES).catch([]),
  freshness: list(FRESHNESS_STATES).catch([]),
  snoozed: z.enum(SNOOZE_VIEWS).catch("hide"),
  /** Visible columns in display order (empty = DEFAULT_QUEUE_COLUMNS). */
  cols: list(QUEUE_COLUMNS).catch([]),
  density: z.enum(DENSITIES).catch("comfortable"),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export type CasesQuery = z.infer<typeof casesQuerySchema>;

/** Default status filter: everything not yet resolved. */
export const DEFAULT_STATUS_FILTER: CasesQuery["status"] = ["OPEN", "PENDING_APPROVAL", "ACTION_APPROVED"];

/** Parse Next's searchParams object (or URLSearchParams) into a valid query; bad values fall back to defaults. */
export function parseCasesQuery(input: Record<string, string | string[] | undefined> | URLSearchParams): CasesQuery {
  const obj: Record<string, string | string[] | undefined> = {};
  if (input instanceof URLSearchParams) for (const k of new Set(input.keys())) obj[k] = input.getAll(k).length > 1 ? input.getAll(k) : input.get(k) ?? undefined;
  else Object.assign(obj, input);
  const parsed = casesQuerySchema.parse(obj);
  if (obj.status === undefined) parsed.status = [...DEFAULT_STATUS_FILTER];
  return parsed;
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
