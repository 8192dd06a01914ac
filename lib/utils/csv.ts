/**
 * CSV cells for exports opened in spreadsheets — the ONE helper every CSV export uses (audit log, KPI charts…).
 * A text cell starting with = + - @ tab or CR (or their full-width forms, which some spreadsheet locales also take
 * for formulas) is read as a formula by Excel/LibreOffice/Sheets (CSV injection), so such values get a leading
 * apostrophe, which shows the text as typed. Numbers are numbers: a JavaScript number cannot carry a formula, so -5
 * stays -5 and sums in the spreadsheet.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * One RFC 4180 cell: text formula-neutralised, quoted when it holds a comma, quote, line break — or a semicolon or
 * tab, so a spreadsheet that splits on those (European locales) cannot start a new cell mid-value.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint") return String(value);
  const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  const safe = neutralizeFormula(text);
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV line with CRLF, as RFC 4180 and Excel expect. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
