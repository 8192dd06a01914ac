/**
 * The Odoo cursor: per model, the (write_date, id) of the last row delivered. Pages are requested with a keyset
 * domain "after this row" rather than growing offsets, so a record edited mid-pull (it jumps to the end of the
 * write_date order) cannot shift an unseen row past the page boundary.
 */
import { z } from "zod";
import type { DomainTerm } from "./client";

const position = z.object({ writeDate: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), id: z.number().int() });
const cursorSchema = z.record(z.string(), position);

export type OdooPosition = z.output<typeof position>;
export type OdooCursor = Record<string, OdooPosition>;

export function parseOdooCursor(since: unknown): OdooCursor {
  if (since === null || since === undefined) return {};
  const parsed = cursorSchema.safeParse(since);
  if (!parsed.success) throw new Error(`Unreadable Odoo cursor ${JSON.stringify(since)}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** write_date > w OR (write_date = w AND id > i). */
export function afterPosition(pos: OdooPosition | undefined): DomainTerm[] {
  if (!pos) return [];
  return ["|", ["write_date", ">", pos.writeDate], "&", ["write_date", "=", pos.writeDate], ["id", ">", pos.id]];
}

export function positionOf(row: unknown): OdooPosition {
  const r = row as { write_date?: unknown; id?: unknown };
  if (typeof r.write_date !== "string" || typeof r.id !== "number") throw new Error(`Odoo row without write_date/id: ${JSON.stringify(row).slice(0, 200)}`);
  return { writeDate: r.write_date, id: r.id };
}
