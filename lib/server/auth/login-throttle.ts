import "server-only";
import type { PrismaClient, Prisma } from "@/lib/server/generated/prisma/client";
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
 * key, locked FOR UPDATE in key order so parallel attempts are counted one after another.
 */

type Tx = Prisma.TransactionClient;
export type LoginSubject = { email: string; ip: string };
type Keys = { kind: ThrottleKind; key: string }[];

const keysOf = (s: LoginSubject): Keys =>
  [
    { kind: "account" as const, key: throttleKey("account", s.email) },
    { kind: "ip" as const, key: throttleKey("ip", s.ip) },
  ].sort((a, b) => (a.key < b.key ? -1 : 1));

async function lockRows(tx: Tx, keys: Keys): Promise<Map<string, ThrottleState>> {
  const rows = await tx.$queryRawUnsafe<{ key: string; failures: number; windowStart: Date; lockedUntil: Date | null }[]>(
    `SELECT key, failures, "windowStart", "lockedUntil" FROM "LoginThrottle" WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
    keys.map((k) => k.key),
  );
  return new Map(rows.map((r) => [r.key, { failures: r.failures, windowStart: r.windowStart, lockedUntil: r.lockedUntil }]));
}

async function save(tx: Tx, key: string, state: ThrottleState | null) {
  if (!state) {
    await tx.loginThrottle.deleteMany({ where: { key } });
    return;
  }
  await tx.loginThrottle.upsert({ where: { key }, create: { key, ...state }, update: state });
}

const lockAudit = (kind: ThrottleKind, subject: LoginSubject, userId: string | null, until: Date): AuditInput => ({
  actorId: userId,
  actorRole: "anonymous",
  action: "auth.locked",
  entityType: kind === "account" ? "User" : "ClientAddress",
  entityId: kind === "account" ? (userId ?? "unknown-account") : subject.ip,
  after: { kind, lockedUntil: until.toISOString(), ip: subject.ip },
});

/** Serialise the sign-in attempts of one account and address (rows created on first use). */
async function withRows<T>(db: PrismaClient, subject: LoginSubject, now: Date, fn: (tx: Tx, keys: Keys, states: Map<string, ThrottleState>) => Promise<T>) {
  const keys = keysOf(subject);
  return db.$transaction(async (tx) => {
    // Make sure both rows exist so FOR UPDATE has something to lock (a new key is otherwise a race).
    for (const k of keys) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "LoginThrottle" (key, failures, "windowStart", "updatedAt") VALUES ($1, 0, $2, $2) ON CONFLICT (key) DO NOTHING`,
        k.key,
        now,
      );
    }
    return fn(tx, keys, await lockRows(tx, keys));
    // A burst of parallel attempts on one account queues on its row: let them wait rather than fail.
  }, { maxWait: 10_000, timeout: 15_000 });
}

/**
 * Count an attempt before its password is checked. Refused (with the end of the lock) when the account
 * or the address is locked, or when this attempt is one too many.
 */
export async function beginLoginAttempt(db: PrismaClient, subject: LoginSubject, userId: string | null, now = new Date()): Promise<{ allowed: true } | { allowed: false; until: Date }> {
  return withRows(db, subject, now, async (tx, keys, states) => {
    let until = null as Date | null;
    const audits: AuditInput[] = [];
    for (const k of keys) {
      const r = beginAttempt(states.get(k.key) ?? null, RULES[k.kind], now);
      await save(tx, k.key, r.state);
      const lock = r.state.lockedUntil;
      if (!r.allowed && lock && (!until || lock > until)) until = lock;
      if (r.lockedNow && r.state.lockedUntil) audits.push(lockAudit(k.kind, subject, userId, r.state.lockedUntil));
    }
    await appendAudit(tx, audits);
    return until ? { allowed: false as const, until } : { allowed: true as const };
  });
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
  return withRows(db, subject, now, async (tx, keys, states) => {
    const audits: AuditInput[] = [];
    let lockedUntil: Date | null = null;
    for (const k of keys) {
      const state = states.get(k.key);
      if (!state) continue;
      if (outcome.ok) {
        await save(tx, k.key, recordSuccess(state, k.kind));
        continue;
      }
      const r = recordFailure(state, RULES[k.kind], now);
      await save(tx, k.key, r.state);
      if (r.state.lockedUntil && r.state.lockedUntil > now) lockedUntil = r.state.lockedUntil;
      if (r.lockedNow && r.state.lockedUntil) audits.push(lockAudit(k.kind, subject, outcome.userId, r.state.lockedUntil));
    }
    audits.unshift(
      outcome.ok
        ? { actorId: outcome.userId, actorRole: outcome.role, action: "auth.signin", entityType: "User", entityId: outcome.userId, after: { ip: subject.ip } }
        : { actorId: outcome.userId, actorRole: "anonymous", action: "auth.signin_failed", entityType: "User", entityId: outcome.userId ?? "unknown-account", after: { ip: subject.ip } },
    );
    await appendAudit(tx, audits);
    return { lockedUntil };
  });
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
