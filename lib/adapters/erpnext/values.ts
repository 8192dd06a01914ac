/** Reading Frappe values: datetimes and dates in the site's local time, numbers that may be null. */

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;

/** "2025-03-01 08:37:00.123456" or "2025-03-01" in the site's time zone (utcOffset "+02:00") → Date; else null. */
export function parseFrappeDatetime(value: unknown, utcOffset: string): Date | null {
  if (typeof value !== "string") return null;
  const m = DATETIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0"] = m;
  const local = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.floor(Number(`0.${frac}`) * 1000));
  const check = new Date(local);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d) return null;
  const sign = utcOffset.startsWith("-") ? -1 : 1;
  const [oh, om] = utcOffset.slice(1).split(":").map(Number);
  return new Date(local - sign * (oh * 60 + om) * 60_000);
}

/** posting_date + posting_time ("14:30:00", sometimes "14:30:00.000123"). */
export function parsePosting(date: unknown, time: unknown, utcOffset: string): Date | null {
  if (typeof date !== "string") return null;
  const t = typeof time === "string" && time ? time.split(".")[0].padStart(8, "0") : "00:00:00";
  return parseFrappeDatetime(`${date} ${t}`, utcOffset);
}

export function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** YYYY-MM-DD of an instant in the site's time zone (Frappe Date fields are local dates). */
export function frappeDate(date: Date, utcOffset: string): string {
  const sign = utcOffset.startsWith("-") ? -1 : 1;
  const [oh, om] = utcOffset.slice(1).split(":").map(Number);
  return new Date(date.getTime() + sign * (oh * 60 + om) * 60_000).toISOString().slice(0, 10);
}
