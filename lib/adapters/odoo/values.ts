/**
 * Reading Odoo values: Many2one fields come as [id, "display name"] or false, empty values as false (never null),
 * datetimes as UTC "YYYY-MM-DD HH:MM:SS".
 */
import { own } from "@/lib/utils/own";

export type Many2one = [number, string];

export function many2one(value: unknown): Many2one | null {
  if (Array.isArray(value) && value.length >= 2 && typeof value[0] === "number" && typeof value[1] === "string") return [value[0], value[1]];
  return null;
}

/** Odoo's false means "empty" for every field type. */
export function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

export function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.\d+)?)?$/;

/** "2025-03-01 08:00:00" (UTC) or "2025-03-01" → Date; anything else → null. */
export function parseOdooDatetime(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const m = DATETIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  return date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d ? date : null;
}

export function formatOdooDatetime(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 19);
}

/** SKU = the product's internal reference, which Odoo puts in brackets in front of the display name. */
export function skuFromProduct(product: Many2one): string | null {
  const m = /^\[([^\]]+)\]/.exec(product[1]);
  return m ? m[1].trim() : null;
}

/** Our location code for an Odoo location: by id, by complete_name, else by its nearest mapped parent. */
export function mapLocation(location: Many2one, locationMap: Record<string, string>): string | null {
  const byId = own(locationMap, String(location[0]));
  if (byId) return byId;
  const segments = location[1].split("/");
  for (let n = segments.length; n > 0; n--) {
    const code = own(locationMap, segments.slice(0, n).join("/"));
    if (code) return code;
  }
  return null;
}

/** By id first, then by display name. */
export function lookupByRef(ref: Many2one, map: Record<string, string>): string | null {
  return own(map, String(ref[0])) ?? own(map, ref[1]) ?? null;
}

export function describeRef(ref: Many2one): string {
  return `"${ref[1]}" (id ${ref[0]})`;
}
