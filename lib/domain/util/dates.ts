/** Day-granular UTC date helpers shared by projection, detection and scoring (no clock access). */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Midnight UTC of the given instant's day. */
export function startOfUtcDay(d: Date): Date {
  const t = d.getTime();
  return new Date(t - (((t % DAY_MS) + DAY_MS) % DAY_MS));
}

/** Adds (possibly fractional or negative) days to an instant. */
export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** Adds hours to an instant. */
export function addHours(d: Date, hours: number): Date {
  return new Date(d.getTime() + hours * HOUR_MS);
}

/** Fractional days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** Whole calendar days (UTC) from `from`'s day to `to`'s day. */
export function calendarDaysBetween(from: Date, to: Date): number {
  return Math.floor(to.getTime() / DAY_MS) - Math.floor(from.getTime() / DAY_MS);
}

// Detection formats the same few hundred days millions of times; toISOString is the slow part.
const isoDayCache = new Map<number, string>();

/** ISO calendar date (YYYY-MM-DD, UTC). */
export function isoDate(d: Date): string {
  const dayIndex = Math.floor(d.getTime() / DAY_MS);
  let s = isoDayCache.get(dayIndex);
  if (s === undefined) {
    s = d.toISOString().slice(0, 10);
    if (isoDayCache.size > 50_000) isoDayCache.clear();
    isoDayCache.set(dayIndex, s);
  }
  return s;
}

/** Earlier of two dates. */
export function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** Later of two dates. */
export function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
