/**
 * Sign-in throttling: per account (the typed e-mail, whether or not such an account exists, so the
 * lockout never reveals which accounts exist) and per client address. Pure decisions over the stored
 * counters; lib/server/auth/login-throttle.ts loads and saves them under row locks. "now" is passed in.
 */

export type ThrottleKind = "account" | "ip";

export type ThrottleRules = { maxFailures: number; windowMs: number; lockMs: number };

/** 5 failed sign-ins for one account within 15 minutes lock it for 15 minutes. */
export const ACCOUNT_RULES: ThrottleRules = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** One address gets more room (an office behind one NAT), then the same lock. */
export const IP_RULES: ThrottleRules = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const RULES: Readonly<Record<ThrottleKind, ThrottleRules>> = { account: ACCOUNT_RULES, ip: IP_RULES };

/** A stored counter (absent row = fresh). */
export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };

export const throttleKey = (kind: ThrottleKind, value: string) => `${kind}:${value.trim().toLowerCase()}`;

/** The lock in force, if any. */
export function lockedUntil(state: ThrottleState | null, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
}

/**
 * Count one attempt before its password is checked (so parallel guesses are counted too). Returns the
 * new state and whether the attempt may be checked at all: a locked key refuses without looking at the
 * password; the attempt past the limit locks the key.
 */
export function beginAttempt(state: ThrottleState | null, rules: ThrottleRules, now: Date): { state: ThrottleState; allowed: boolean; lockedNow: boolean } {
  const lock = lockedUntil(state, now);
  if (state && lock) return { state, allowed: false, lockedNow: false };
  const fresh = !state || now.getTime() - state.windowStart.getTime() > rules.windowMs;
  const failures = (fresh ? 0 : state.failures) + 1;
  const windowStart = fresh ? now : state.windowStart;
  if (failures > rules.maxFailures) {
    return { state: { failures, windowStart, lockedUntil: new Date(now.getTime() + rules.lockMs) }, allowed: false, lockedNow: true };
  }
  return { state: { failures, windowStart, lockedUntil: null }, allowed: true, lockedNow: false };
}

/** A failed password: the attempt stays counted; reaching the limit locks the key at once. */
export function recordFailure(state: ThrottleState, rules: ThrottleRules, now: Date): { state: ThrottleState; lockedNow: boolean } {
  if (state.failures >= rules.maxFailures && !lockedUntil(state, now)) {
    return { state: { ...state, lockedUntil: new Date(now.getTime() + rules.lockMs) }, lockedNow: true };
  }
  return { state, lockedNow: false };
}

/** A good password: the account starts over; the address gives back the attempt it reserved. */
export function recordSuccess(state: ThrottleState, kind: ThrottleKind): ThrottleState | null {
  if (kind === "account") return null;
  return { ...state, failures: Math.max(0, state.failures - 1) };
}

/** Minutes until the lock ends, rounded up, for the message. */
export function minutesLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

export const lockedMessage = (until: Date, now: Date) => {
  const m = minutesLeft(until, now);
  return `Too many failed sign-ins. Sign-in is locked for ${m} more minute${m === 1 ? "" : "s"}; try again later or ask an admin.`;
};
