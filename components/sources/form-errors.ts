/** Turning an ActionResult failure into per-field messages for the source forms. */

export type FieldErrors = Record<string, string[] | undefined>;

/**
 * The DAL reports adapter-config problems as one INVALID error starting with "Configuration:" (the adapter's zod
 * issues, field by field); show it under the configuration textarea rather than as a banner.
 */
export function configErrorFrom(r: { ok: false; error: string; code: string }): string | null {
  return r.code === "INVALID" && r.error.startsWith("Configuration:") ? r.error : null;
}
