import { z } from "zod";

/** Columns the queue may sort by — an allowlist, never a raw column name from the URL. */
export const CASE_SORT_COLUMNS = ["score", "severity", "openedAt", "slaDueAt", "number", "exposure"] as const;
export type CaseSortColumn = (typeof CASE_SORT_COLUMNS)[number];

export const CASE_STATUSES = ["OPEN", "PENDING_APPROVAL", "ACTION_APPROVED", "RESOLVED"] as const;
export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;

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
  if (q.q) p.set("q", q.q);
  return p;
}
