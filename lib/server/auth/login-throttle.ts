import "server-only";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { appendAudit, type AuditInput } from "@/lib/server/audit/append-audit";
import {
  RULES,
  beginAttempt,
  recordFailure,
  recordSuccess,
  throttleKey,
  type ThrottleKind,
  type ThrottleState,
} from "@/lib/domain/auth/login-throttle";

/**
 * Sign-in counters in PostgreSQL (web nodes keep no state): one row per account key and per address
 * key. Each change is a compare-and-set on the row (read, decide with the pure rules, write only if
 * the row is still as read, else re-read): parallel attempts are counted one after another without
 * holding a lock across round trips, so a burst of guesses cannot stall or outrun the counter.
 */

export type LoginSubject = { email: string; ip: string };
type Keys = { kind: ThrottleKind; key: string }[];

const MAX_TRIES = 100;

const keysOf = (s: LoginSubject): Keys => [
  { kind: "account", key: throttleKey("account", s.email) },
  { kind: "ip", key: throttleKey("ip", s.ip) },
];

/** Apply `step` to the row of `key` atomically (compare-and-set with retries); returns what `step` returned. */
async function compareAndSet<R>(db: PrismaClient, key: string, step: (state: ThrottleState | null) => { state: ThrottleState | null; result: R }): Promise<R> {
  for (let i = 0; i < MAX_TRIES; i++) {
    const row = await db.loginThrottle.findUnique({ where: { key } });
    const current = row ? { failures: row.failures, windowStart: row.windowStart, lockedUntil: row.lockedUntil } : null;
    const { state, result } = step(current);
    if (!row) {
      if (!state) return result;
      try {
        await db.loginThrottle.create({ data: { key, ...state } });
        return result;
      } catch (e) {
        if ((e as { code?: string }).code === "P2002") continue; // another attempt created it first
        throw e;
      }
    }
    const asRead = { key, failures: row.failures, windowStart: row.windowStart, lockedUntil: row.lockedUntil };
    const written = state ? await db.loginThrottle.updateMany({ where: asRead, data: state }) : await db.loginThrottle.deleteMany({ where: asRead });
    if (written.count === 1) return result;
  }
  // Fail closed: the caller refuses the sign-in.
  throw new Error("Sign-in is busy right now; try again in a moment.");
}

const lockAudit = (kind: ThrottleKind, subject: LoginSubject, userId: string | null, until: Date): AuditInput => ({
  actorId: userId,
  actorRole: "anonymous",
  action: "auth.locked",
  entityType: kind === "account" ? "User" : "ClientAddress",
  entityId: kind === "account" ? (userId ?? "unknown-account") : subject.ip,
  after: { kind, lockedUntil: until.toISOString(), ip: subject.ip },
});

async function audit(db: PrismaClient, rows: AuditInput[]) {
  if (rows.length > 0) await db.$transaction((tx) => appendAudit(tx, rows));
}

/**
 * Count an attempt before its password is checked. Refused (with the end of the lock) when the account
 * or the address is locked, or when this attempt is one too many.
 */
export async function beginLoginAttempt(db: PrismaClient, subject: LoginSubject, userId: string | null, now = new Date()): Promise<{ allowed: true } | { allowed: false; until: Date }> {
  let until = null as Date | null;
  const audits: AuditInput[] = [];
  for (const k of keysOf(subject)) {
    const r = await compareAndSet(db, k.key, (s) => {
      const begun = beginAttempt(s, RULES[k.kind], now);
      return { state: begun.state, result: begun };
    });
    const lock = r.state.lockedUntil;
    if (!r.allowed && lock && (!until || lock > until)) until = lock;
    if (r.lockedNow && lock) audits.push(lockAudit(k.kind, subject, userId, lock));
  }
  await audit(db, audits);
  return until ? { allowed: false, until } : { allowed: true };
}

/**
 * Settle a checked attempt: a success clears the account's counter and gives the address its attempt
 * back; a failure stays counted and locks a key that reached its limit. Both are audited.
 * Returns the lock now in force after a failure (for the message), if any.
 */
export async function finishLoginAttempt(
  db: PrismaClient,
  subject: LoginSubject,
  outcome: { ok: true; userId: string; role: string } | { ok: false; userId: string | null },
  now = new Date(),
): Promise<{ lockedUntil: Date | null }> {
  const audits: AuditInput[] = [
    outcome.ok
      ? { actorId: outcome.userId, actorRole: outcome.role, action: "auth.signin", entityType: "User", entityId: outcome.userId, after: { ip: subject.ip } }
      : { actorId: outcome.userId, actorRole: "anonymous", action: "auth.signin_failed", entityType: "User", entityId: outcome.userId ?? "unknown-account", after: { ip: subject.ip } },
  ];
  let lockedUntil = null as Date | null;
  for (const k of keysOf(subject)) {
    const r = await compareAndSet(db, k.key, (s) => {
      if (!s) return { state: null, result: { lock: null as Date | null, lockedNow: false } };
      if (outcome.ok) return { state: recordSuccess(s, k.kind), result: { lock: null, lockedNow: false } };
      const f = recordFailure(s, RULES[k.kind], now);
      return { state: f.state, result: { lock: f.state.lockedUntil && f.state.lockedUntil > now ? f.state.lockedUntil : null, lockedNow: f.lockedNow } };
    });
    if (r.lock) lockedUntil = r.lock;
    if (r.lockedNow && r.lock) audits.push(lockAudit(k.kind, subject, outcome.ok ? null : outcome.userId, r.lock));
  }
  await audit(db, audits);
  return { lockedUntil };
}

/**
 * The client's address as the nearest hop recorded it: the last X-Forwarded-For entry (a reverse proxy
 * appends the address it saw; without one, Next sets it from the socket). See SECURITY.md.
 */
export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string {
  const get = (name: string): string | null => {
    if (!headers) return null;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
    const v = (headers as Record<string, unknown>)[name];
    return Array.isArray(v) ? String(v[v.length - 1]) : typeof v === "string" ? v : null;
  };
  const forwarded = get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  const ip = forwarded[forwarded.length - 1] ?? get("x-real-ip") ?? "unknown";
  return ip.replace(/^::ffff:/, "").slice(0, 64);
}
