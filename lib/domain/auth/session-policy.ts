/**
 * Whether a signed session may still act. The session token (a JWT next-auth verified and decrypted)
 * carries the user id, the user's `sessionVersion` when it was issued and the sign-in time; the
 * user's row is reloaded on every request. Pure: "now" is passed in.
 */

/** What the token says about itself. Missing fields (tokens issued before these existed) fail closed. */
export type SessionClaims = { userId: string; sessionVersion: number | null; authTime: number | null };

/** The user's current row, as far as sessions are concerned. */
export type SessionUser = { active: boolean; sessionVersion: number };

export type SessionProblem = "expired" | "revoked" | "inactive";

/** Default absolute session lifetime when SESSION_MAX_AGE_HOURS is unset. */
export const DEFAULT_SESSION_HOURS = 12;

/** SESSION_MAX_AGE_HOURS read leniently: a missing, non-numeric or non-positive value means the default. */
export function sessionMaxAgeHours(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_SESSION_HOURS;
}

/**
 * Null when the session is good; otherwise why it is not. The lifetime is absolute — counted from
 * sign-in, not from the last request — so an active browser cannot keep a session alive forever.
 */
export function sessionProblem(claims: SessionClaims, user: SessionUser, now: Date, maxAgeHours: number): SessionProblem | null {
  if (!user.active) return "inactive";
  if (claims.authTime === null || !Number.isFinite(claims.authTime)) return "expired";
  const ageMs = now.getTime() - claims.authTime * 1000;
  if (ageMs > maxAgeHours * 3_600_000) return "expired";
  // A token from the future is not trusted either (clock skew of a few minutes is tolerated).
  if (ageMs < -5 * 60_000) return "expired";
  if (claims.sessionVersion === null || claims.sessionVersion !== user.sessionVersion) return "revoked";
  return null;
}
