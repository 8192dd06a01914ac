import * as z from "zod/mini";

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

// zod/mini, not classic zod: this schema is parsed in the browser too (the queue's URL state), and
// classic zod's method-chaining API cannot be tree-shaken (~30 kB gzip on the queue's first load).
// Same validation library and semantics; the functional API just lets the bundler drop what is unused.

// URL values arrive as "a,b" strings (or repeated keys); both become string arrays.
const splitList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(","));
const rawList = z.optional(z.union([z.string(), z.array(z.string())]));
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.pipe(
    z.pipe(
      rawList,
      z.transform((v) => splitList(v).filter(Boolean)),
    ),
    z.array(z.enum(values)),
  );
/** A list of free-form codes: values not matching `pattern` are dropped. */
const codes = (pattern: RegExp) =>
  z.catch(
    z.pipe(
      rawList,
      z.transform((v) => splitList(v).filter((t) => pattern.test(t))),
    ),
    [],
  );
/** An optional non-negative number (bad input = not set). */
const bound = (max?: number) => z.catch(z.optional(max === undefined ? z.coerce.number().check(z.gte(0)) : z.coerce.number().check(z.gte(0), z.lte(max))), undefined);

/** The case queue's URL state: parsed identically by the page (server) and the table (client). */
export const casesQuerySchema = z.object({
  page: z.catch(z.coerce.number().check(z.multipleOf(1), z.gte(1), z.lte(100_000)), 1),
  pageSize: z.catch(
    z.coerce.number().check(z.refine((n: number) => (PAGE_SIZES as readonly number[]).includes(n))),
    25,
  ),
  sort: z.catch(z.enum(CASE_SORT_COLUMNS), "score"),
  dir: z.catch(z.enum(["asc", "desc"]), "desc"),
  status: z.catch(list(CASE_STATUSES), ["OPEN", "PENDING_APPROVAL", "ACTION_APPROVED"]),
  severity: z.catch(list(SEVERITIES), []),
  type: codes(/^[A-Z_]{3,40}$/),
  site: codes(/^[A-Z0-9-]{2,20}$/),
  /** Supplier codes. */
  supplier: codes(/^[A-Za-z0-9._-]{1,40}$/),
  tier: z.catch(list(CUSTOMER_TIERS), []),
  /** "me", "none" (unassigned) or a user id. */
  assignee: z.catch(z.optional(z.string().check(z.regex(/^(me|none|[a-z0-9_]{3,40})$/))), undefined),
  scoreMin: bound(),
  scoreMax: bound(),
  /** $ at risk (serviceExposure + financialExposure), USD. */
  exposureMin: bound(),
  exposureMax: bound(),
  /** Case age in days since openedAt. */
  ageMin: bound(3650),
  ageMax: bound(3650),
  sla: z.catch(list(SLA_STATES), []),
  freshness: z.catch(list(FRESHNESS_STATES), []),
  snoozed: z.catch(z.enum(SNOOZE_VIEWS), "hide"),
  /** Visible columns in display order (empty = DEFAULT_QUEUE_COLUMNS). */
  cols: z.catch(list(QUEUE_COLUMNS), []),
  density: z.catch(z.enum(DENSITIES), "comfortable"),
  q: z.catch(z.optional(z.string().check(z.trim(), z.maxLength(100))), undefined),
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
