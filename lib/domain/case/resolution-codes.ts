/**
 * Why a case was resolved. People choose one of RESOLUTION_CODES when they resolve a case; the
 * system codes are written only by detection (the condition cleared), by a confirmed write-back, and
 * by closing an approved action the source never confirmed (cases.close, with its own reason).
 */

export const RESOLUTION_CODES = ["FIXED", "NOT_AN_ISSUE", "DUPLICATE", "SOURCE_DATA_ERROR", "RESOLVED_BY_ACTION", "OTHER"] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const SYSTEM_RESOLUTION_CODES = ["CONDITION_CLEARED", "ACTION_CONFIRMED", "CLOSED_WITHOUT_CONFIRMATION"] as const;
export type SystemResolutionCode = (typeof SYSTEM_RESOLUTION_CODES)[number];

export const RESOLUTION_LABELS: Readonly<Record<ResolutionCode | SystemResolutionCode, string>> = {
  FIXED: "Fixed",
  NOT_AN_ISSUE: "Not an issue",
  DUPLICATE: "Duplicate of another case",
  SOURCE_DATA_ERROR: "Source data error",
  RESOLVED_BY_ACTION: "Resolved by an action",
  OTHER: "Other",
  CONDITION_CLEARED: "Condition cleared (detected automatically)",
  ACTION_CONFIRMED: "Action confirmed by the source system",
  CLOSED_WITHOUT_CONFIRMATION: "Closed without source confirmation",
};

/** True for a code a person may choose when resolving (system codes are not). */
export function isUserResolutionCode(code: unknown): code is ResolutionCode {
  return typeof code === "string" && (RESOLUTION_CODES as readonly string[]).includes(code);
}

/** True for any code this module knows (user or system). */
export function isKnownResolutionCode(code: unknown): code is ResolutionCode | SystemResolutionCode {
  return typeof code === "string" && Object.hasOwn(RESOLUTION_LABELS, code);
}

/** Label for any stored code; unknown or legacy free-text codes come back as they are. */
export function resolutionLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return isKnownResolutionCode(code) ? RESOLUTION_LABELS[code] : code;
}
