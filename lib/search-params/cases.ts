import { z } from "zod";
import {
  CASE_SORT_COLUMNS,
  CASE_STATUSES,
  CUSTOMER_TIERS,
  DENSITIES,
  DEFAULT_STATUS_FILTER,
  FRESHNESS_STATES,
  PAGE_SIZES,
  QUEUE_COLUMNS,
  SEVERITIES,
  SLA_STATES,
  SNOOZE_VIEWS,
  rawQueryOf,
  type CasesQuery,
  type RawQuery,
} from "@/lib/search-params/cases-url";

// Constants, the CasesQuery type and the serialiser live in cases-url.ts (zod-free, for the browser).
export * from "@/lib/search-params/cases-url";

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

// The schema's output is exactly the CasesQuery type the browser module declares.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof casesQuerySchema>, CasesQuery> = true;
void sameShape;

/** Parse Next's searchParams object (or URLSearchParams) into a valid query; bad values fall back to defaults. */
export function parseCasesQuery(input: RawQuery | URLSearchParams): CasesQuery {
  const obj = rawQueryOf(input);
  const parsed = casesQuerySchema.parse(obj);
  if (obj.status === undefined) parsed.status = [...DEFAULT_STATUS_FILTER];
  return parsed;
}
