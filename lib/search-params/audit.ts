import { z } from "zod";

/** The audit viewer's URL state, parsed identically by the page and the CSV export (same filters, same rows). */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (s: string) => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s && validDay(s) ? s : undefined))
  .catch(undefined);

export const AUDIT_PAGE_SIZE = 50;

export const auditQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  /** A user id, or "system" for rows written by detection and workers. */
  actor: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional()
    .catch(undefined),
  /** Case number as shown in the UI (#123). */
  case: z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined),
  /** Exact action ("action.approved"), or a family ending in a dot ("writeback.") */
  action: z
    .string()
    .trim()
    .regex(/^[a-z_]+(\.[a-z_]*)*$/)
    .max(60)
    .optional()
    .catch(undefined),
  /** Inclusive UTC days (YYYY-MM-DD). */
  from: optionalDay,
  to: optionalDay,
  /** Jump to a row: show entries up to this seq, newest first (the chain check links the first broken row). */
  seq: z.coerce.number().int().min(1).optional().catch(undefined),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export function parseAuditQuery(input: Record<string, string | string[] | undefined> | URLSearchParams): AuditQuery {
  const obj: Record<string, string | undefined> = {};
  if (input instanceof URLSearchParams) for (const k of new Set(input.keys())) obj[k] = input.get(k) ?? undefined;
  else for (const [k, v] of Object.entries(input)) obj[k] = Array.isArray(v) ? v[0] : v;
  return auditQuerySchema.parse(obj);
}

/** Back to URL params, leaving out what is unset (and page 1). */
export function auditQueryToSearchParams(q: Partial<AuditQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (q.actor) p.set("actor", q.actor);
  if (q.case) p.set("case", String(q.case));
  if (q.action) p.set("action", q.action);
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  if (q.seq) p.set("seq", String(q.seq));
  if (q.page && q.page !== 1) p.set("page", String(q.page));
  return p;
}

/** `at` bounds for the date filter: [from 00:00, to+1 00:00) in UTC. */
export function auditDateRange(q: Pick<AuditQuery, "from" | "to">): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (q.from) range.gte = new Date(`${q.from}T00:00:00.000Z`);
  if (q.to) range.lt = new Date(new Date(`${q.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return range;
}
