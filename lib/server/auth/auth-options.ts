import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { prisma } from "@/lib/server/db";
import { oidcProvider } from "@/lib/server/auth/oidc-provider";
import { beginLoginAttempt, clientAddress, finishLoginAttempt } from "@/lib/server/auth/login-throttle";
import { lockedMessage } from "@/lib/domain/auth/login-throttle";
import { sessionMaxAgeHours } from "@/lib/domain/auth/session-policy";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});

// Compared against when the e-mail is unknown, so response time does not reveal which accounts exist.
const DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Qn0R3oXlzv6sgN8ZCh3o5sAtlXqzQa";

const SESSION_HOURS = sessionMaxAgeHours(process.env.SESSION_MAX_AGE_HOURS);

/**
 * Check e-mail and password with throttling: the attempt is counted (per account and per address, in
 * PostgreSQL) before the password is compared; a locked account or address is refused with a message
 * that says so. Unknown and known accounts take the same path (same bcrypt cost, same counters).
 */
export async function checkCredentials(raw: unknown, headers: Record<string, unknown> | Headers | undefined, now = new Date()) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const subject = { email: parsed.data.email, ip: clientAddress(headers) };
  const user = await prisma.user.findUnique({ where: { email: parsed.data.email } });
  const gate = await beginLoginAttempt(prisma, subject, user?.id ?? null, now);
  if (!gate.allowed) throw new Error(lockedMessage(gate.until, now));
  const ok = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (user && user.active && user.passwordHash && ok) {
    await finishLoginAttempt(prisma, subject, { ok: true, userId: user.id, role: user.role }, now);
    return { id: user.id, email: user.email, name: user.name };
  }
  const after = await finishLoginAttempt(prisma, subject, { ok: false, userId: user?.id ?? null }, now);
  if (after.lockedUntil) throw new Error(lockedMessage(after.lockedUntil, now));
  return null;
}

/** next-auth configuration: credentials login, optional OIDC, JWT sessions carrying the user id, session version and sign-in time. */
export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (raw, req) => checkCredentials(raw, req?.headers),
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    // SSO users must already exist (an admin assigns role and sites); unknown identities are refused.
    async signIn({ user, account }) {
      if (account?.provider === "credentials") return true;
      if (!user.email) return false;
      const known = await prisma.user.findUnique({ where: { email: user.email.toLowerCase() } });
      return Boolean(known?.active);
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        const dbUser = await prisma.user.findUnique({ where: { email: (user.email ?? "").toLowerCase() } });
        if (dbUser) {
          token.uid = dbUser.id;
          // Checked on every request (lib/domain/auth/session-policy.ts): bumping the user's version
          // ends this session; authTime bounds its absolute lifetime.
          token.sv = dbUser.sessionVersion;
          token.authTime = Math.floor(Date.now() / 1000);
        }
      }
      return token;
    },
    async session({ session, token }) {
      // Role and sites are deliberately NOT trusted from the token: lib/server/auth/viewer.ts reloads them.
      if (session.user) Object.assign(session.user, { id: token.uid, sv: token.sv, authTime: token.authTime });
      return session;
    },
  },
};
