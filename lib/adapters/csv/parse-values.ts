/** Strict cell parsers: each returns null when the text is not what the mapping promised, never a guess. */

export const DATE_FORMATS = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY", "DD-MM-YYYY", "YYYY/MM/DD", "YYYYMMDD"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const NUMBER_FORMATS = ["decimal-point", "decimal-comma"] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

const PLAIN_POINT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_POINT = /^[+-]?\d{1,3}(?:[,\s\u00a0\u202f']\d{3})+(?:\.\d+)?$/;
const PLAIN_COMMA = /^[+-]?(?:\d+,?\d*|,\d+)$/;
const GROUPED_COMMA = /^[+-]?\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+(?:,\d+)?$/;

/** "1,234.5" / ".0000" (decimal-point) or "1.234,5" / "3,00" (decimal-comma). Thousands groups must be exact. */
export function parseNumber(text: string, format: NumberFormat = "decimal-point"): number | null {
  const s = text.trim();
  if (format === "decimal-point") {
    if (isPlainInteger(s)) return Number(s);
    if (PLAIN_POINT.test(s)) return Number(s);
    if (GROUPED_POINT.test(s)) return Number(s.replace(/[,\s\u00a0\u202f']/g, ""));
    return null;
  }
  if (PLAIN_COMMA.test(s)) return Number(s.replace(",", "."));
  if (GROUPED_COMMA.test(s)) return Number(s.replace(/[.\s\u00a0\u202f]/g, "").replace(",", "."));
  return null;
}

/** Fast path for the commonest numeric cell: up to 15 digits, no sign, point or grouping. */
function isPlainInteger(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const TIME = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?`;
const DATE_PATTERNS: Record<DateFormat, { re: RegExp; order: [year: number, month: number, day: number] }> = {
  "YYYY-MM-DD": { re: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`), order: [1, 2, 3] },
  "YYYY/MM/DD": { re: new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`), order: [1, 2, 3] },
  "DD/MM/YYYY": { re: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`), order: [3, 2, 1] },
  "MM/DD/YYYY": { re: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`), order: [3, 1, 2] },
  "DD.MM.YYYY": { re: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`), order: [3, 2, 1] },
  "DD-MM-YYYY": { re: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{4})${TIME}$`), order: [3, 2, 1] },
  YYYYMMDD: { re: new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`), order: [1, 2, 3] },
};

/**
 * Parses a date (optionally with a time and zone) in the given format; a date without a zone is taken as UTC.
 * Impossible calendar dates such as 31/02/2014 are rejected rather than rolled over into March.
 */
export function parseDate(text: string, format: DateFormat = "YYYY-MM-DD"): Date | null {
  const s = text.trim();
  if (format === "YYYY-MM-DD" && s.length === 10 && s[4] === "-" && s[7] === "-") return plainIsoDate(s);
  const { re, order } = DATE_PATTERNS[format];
  const m = re.exec(s);
  // ISO is unambiguous (the year comes first), and XLSX date cells arrive as ISO whatever the mapping says.
  if (!m) return format === "YYYY-MM-DD" ? null : parseDate(s, "YYYY-MM-DD");
  const year = Number(m[order[0]]);
  const month = Number(m[order[1]]);
  const day = Number(m[order[2]]);
  const hour = m[4] ? Number(m[4]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(utc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return new Date(utc - zoneOffsetMs(m[8]));
}

/** Fast path for the commonest cell, "2026-01-15" (a million-row import parses one per row). */
function plainIsoDate(s: string): Date | null {
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return null;
  const utc = Date.UTC(year, month - 1, day);
  const date = new Date(utc);
  return date.getUTCDate() === day ? date : null;
}

/** The decimal value of s[from, to) when it is all ASCII digits, else -1. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === "Z") return 0;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

const TRUE = new Set(["true", "yes", "y", "1", "x", "ja", "oui", "t"]);
const FALSE = new Set(["false", "no", "n", "0", "nein", "non", "f", "-"]);

export function parseBoolean(text: string): boolean | null {
  const s = text.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}
