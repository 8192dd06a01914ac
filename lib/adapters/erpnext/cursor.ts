/** The ERPNext cursor: per doctype, the (modified, name) of the last row delivered. */
import { z } from "zod";

const position = z.object({ modified: z.string().min(10), name: z.string().min(1) });
const cursorSchema = z.record(z.string(), position);

export type ErpnextPosition = z.output<typeof position>;
export type ErpnextCursor = Record<string, ErpnextPosition>;

export function parseErpnextCursor(since: unknown): ErpnextCursor {
  if (since === null || since === undefined) return {};
  const parsed = cursorSchema.safeParse(since);
  if (!parsed.success) throw new Error(`Unreadable ERPNext cursor ${JSON.stringify(since)}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
